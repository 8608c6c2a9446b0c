package org.postwarden.server.config;

import java.io.FileNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.postwarden.config.ConfigFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads a conf/NAME.properties file into the typed reader of core, its warnings going to the log. */
public final class PropertiesFiles {
    private static final Logger LOGGER = LoggerFactory.getLogger(PropertiesFiles.class);

    private PropertiesFiles() {
    }

    /**
     * The settings of conf/{@code name}.properties; none when the file is absent (every setting has a default). James
     * reads the file with {@code ,} as list delimiter, so a value such as {@code 100/1h, 1000/1d} comes back as a
     * list: it is joined again, lest the keys that take lists silently keep their first element only.
     */
    public static ConfigFile read(PropertiesProvider provider, String name) throws ConfigurationException {
        return read(provider, name, LOGGER::warn);
    }

    /** With the warnings going elsewhere: the start-up check reads the files once more and stays quiet. */
    public static ConfigFile read(PropertiesProvider provider, String name, Consumer<String> warnings)
        throws ConfigurationException {
        return ConfigFile.of(name + ".properties", pairs(provider, name), warnings);
    }

    private static Map<String, String> pairs(PropertiesProvider provider, String name) throws ConfigurationException {
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
