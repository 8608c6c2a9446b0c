package org.postwarden.server.config;

import java.util.function.Function;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.postwarden.config.ConfigurationError;

import com.google.inject.Binder;
import com.google.inject.Provider;
import com.google.inject.Scopes;

/** How a module binds the settings of its file: one line for the file's record, one for each part it hands out. */
public final class ConfigBindings {
    private ConfigBindings() {
    }

    /** Binds {@code type}, read once from its file with the reader {@link ConfigurationCheck} names for it. */
    public static <C> void file(Binder binder, Class<C> type) {
        ConfigurationCheck.OurFile<C> file = ConfigurationCheck.file(type);
        Provider<PropertiesProvider> properties = binder.getProvider(PropertiesProvider.class);
        binder.bind(type).toProvider((Provider<C>) () -> file.reader().apply(read(properties.get(), file.name())))
            .in(Scopes.SINGLETON);
    }

    /** Binds {@code part} to what {@code accessor} takes out of the bound {@code whole}. */
    public static <C, P> void part(Binder binder, Class<C> whole, Class<P> part, Function<C, P> accessor) {
        Provider<C> config = binder.getProvider(whole);
        binder.bind(part).toProvider((Provider<P>) () -> accessor.apply(config.get())).in(Scopes.SINGLETON);
    }

    private static org.postwarden.config.ConfigFile read(PropertiesProvider properties, String name) {
        try {
            return PropertiesFiles.read(properties, name);
        } catch (ConfigurationException e) {
            throw new ConfigurationError(name + ".properties", "cannot be read: " + e.getMessage());
        }
    }
}
