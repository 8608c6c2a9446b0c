package org.postwarden.server.storage;

import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.commons.configuration2.Configuration;

import com.google.common.base.Preconditions;

/**
 * The JPA connection described by {@code james-database.properties}.
 * <p>
 * Keys: {@code database.driverClassName}, {@code database.url}, {@code database.username},
 * {@code database.password}; {@code datasource.*} become pool properties (e.g. {@code datasource.MaxTotal=20});
 * {@code openjpa.*} are handed to OpenJPA as they are.
 */
public record JpaDatabaseConfiguration(String driverClassName, String url, String username, String password,
                                       Map<String, String> poolProperties, Map<String, String> openJpaProperties) {

    public static JpaDatabaseConfiguration from(Configuration properties) {
        String driver = properties.getString("database.driverClassName");
        String url = properties.getString("database.url");
        Preconditions.checkArgument(driver != null && !driver.isBlank(), "james-database.properties: database.driverClassName is required");
        Preconditions.checkArgument(url != null && !url.isBlank(), "james-database.properties: database.url is required");
        return new JpaDatabaseConfiguration(driver, url,
            properties.getString("database.username", ""),
            properties.getString("database.password", ""),
            keysUnder(properties, "datasource", true),
            keysUnder(properties, "openjpa", false));
    }

    /** The properties for {@code Persistence.createEntityManagerFactory}. OpenJPA pools through commons-dbcp2 when it is on the class path. */
    public Map<String, String> persistenceProperties() {
        Map<String, String> result = new HashMap<>(openJpaProperties);
        result.put("openjpa.ConnectionDriverName", driverClassName);
        result.put("openjpa.ConnectionURL", url);
        if (!username.isEmpty()) {
            result.put("openjpa.ConnectionUserName", username);
            result.put("openjpa.ConnectionPassword", password);
        }
        if (!poolProperties.isEmpty()) {
            StringJoiner joined = new StringJoiner(",");
            poolProperties.forEach((key, value) -> joined.add(key + "=" + value));
            result.put("openjpa.ConnectionProperties", joined.toString());
        }
        return result;
    }

    private static Map<String, String> keysUnder(Configuration properties, String prefix, boolean stripPrefix) {
        Map<String, String> result = new HashMap<>();
        Iterator<String> keys = properties.getKeys(prefix);
        while (keys.hasNext()) {
            String key = keys.next();
            result.put(stripPrefix ? key.substring(prefix.length() + 1) : key, properties.getString(key));
        }
        return result;
    }
}
