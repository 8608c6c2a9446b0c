package org.postwarden.server.config;

import java.io.FileNotFoundException;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;

/** Reads a conf/NAME.properties file as plain key/value pairs for the plain-Java configuration records of core. */
public final class PropertiesFiles {
    private PropertiesFiles() {
    }

    /**
     * The pairs of conf/{@code name}.properties; none when the file is absent (every setting has a default). James
     * reads the file with {@code ,} as list delimiter, so a value such as {@code 100/1h, 1000/1d} comes back as a
     * list: it is joined again, lest the keys that take lists silently keep their first element only.
     */
    public static Map<String, String> read(PropertiesProvider provider, String name) throws ConfigurationException {
        try {
            Configuration configuration = provider.getConfiguration(name);
            Map<String, String> properties = new HashMap<>();
            configuration.getKeys().forEachRemaining(key ->
                properties.put(key, String.join(",", configuration.getStringArray(key))));
            return properties;
        } catch (FileNotFoundException absent) {
            return Map.of();
        }
    }
}
