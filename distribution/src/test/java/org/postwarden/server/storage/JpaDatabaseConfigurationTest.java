package org.postwarden.server.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.commons.configuration2.PropertiesConfiguration;
import org.junit.jupiter.api.Test;

class JpaDatabaseConfigurationTest {

    @Test
    void persistencePropertiesShouldCarryTheConnectionAndPoolSettings() {
        PropertiesConfiguration properties = new PropertiesConfiguration();
        properties.addProperty("database.driverClassName", "org.postgresql.Driver");
        properties.addProperty("database.url", "jdbc:postgresql://db:5432/postwarden");
        properties.addProperty("database.username", "postwarden");
        properties.addProperty("database.password", "secret");
        properties.addProperty("datasource.MaxTotal", "20");
        properties.addProperty("openjpa.Log", "DefaultLevel=WARN");

        assertThat(JpaDatabaseConfiguration.from(properties).persistenceProperties())
            .containsEntry("openjpa.ConnectionDriverName", "org.postgresql.Driver")
            .containsEntry("openjpa.ConnectionURL", "jdbc:postgresql://db:5432/postwarden")
            .containsEntry("openjpa.ConnectionUserName", "postwarden")
            .containsEntry("openjpa.ConnectionPassword", "secret")
            .containsEntry("openjpa.ConnectionProperties", "MaxTotal=20")
            .containsEntry("openjpa.Log", "DefaultLevel=WARN");
    }

    @Test
    void fromShouldNameTheMissingKey() {
        PropertiesConfiguration properties = new PropertiesConfiguration();
        properties.addProperty("database.driverClassName", "org.apache.derby.jdbc.EmbeddedDriver");

        assertThatThrownBy(() -> JpaDatabaseConfiguration.from(properties))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("james-database.properties: database.url is required");
    }
}
