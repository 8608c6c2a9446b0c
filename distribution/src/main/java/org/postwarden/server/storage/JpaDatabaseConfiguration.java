package org.postwarden.server.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;

import org.apache.commons.configuration2.Configuration;
import org.postwarden.config.ConfigFile;
import org.postwarden.config.ConfigurationError;

/**
 * The JPA connection described by {@code james-database.properties}.
 * <p>
 * Keys: {@code database.driverClassName}, {@code database.url}, {@code database.username},
 * {@code database.password}; {@code datasource.*} become pool properties (e.g. {@code datasource.MaxTotal=20});
 * {@code openjpa.*} are handed to OpenJPA as they are.
 */
public record JpaDatabaseConfiguration(String driverClassName, String url, String username, String password,
                                       Map<String, String> poolProperties, Map<String, String> openJpaProperties) {
    private static final int DEFAULT_MAX_TOTAL = 20;


    public static final String FILE = "james-database.properties";

    public static JpaDatabaseConfiguration from(Configuration properties) {
        Map<String, String> values = new HashMap<>();
        properties.getKeys().forEachRemaining(key -> values.put(key, properties.getString(key)));
        return from(ConfigFile.of(FILE, values));
    }

    /** @throws org.postwarden.config.ConfigurationError for a missing connection key, a bad pool size or an unknown key */
    public static JpaDatabaseConfiguration from(ConfigFile file) {
        String driver = required(file, "database.driverClassName");
        String url = required(file, "database.url");
        String username = file.string("database.username", "");
        String password = file.string("database.password", "");
        file.integer("datasource.MaxTotal", DEFAULT_MAX_TOTAL, 1, Integer.MAX_VALUE);
        Map<String, String> pool = new HashMap<>();
        file.under("datasource").forEach((key, value) -> pool.put(key.substring("datasource.".length()), value));
        Map<String, String> openJpa = file.under("openjpa");
        file.rejectUnknownKeys();
        return new JpaDatabaseConfiguration(driver, url, username, password, pool, openJpa);
    }

    private static String required(ConfigFile file, String key) {
        return file.optional(key).orElseThrow(() -> new ConfigurationError(FILE, key + " is required"));
    }

    /** {@code datasource.MaxTotal}: the most connections the pool opens. */
    public int maxTotal() {
        return Integer.parseInt(poolProperties.getOrDefault("MaxTotal", String.valueOf(DEFAULT_MAX_TOTAL)));
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
}
