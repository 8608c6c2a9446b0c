package org.postwarden.server.webadmin;

import java.io.FileNotFoundException;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.configuration2.Configuration;
import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.utils.PropertiesProvider;
import org.apache.james.webadmin.Routes;
import org.postwarden.adminhttp.AdminGuardConfig;
import org.postwarden.webadmin.guard.RequestGuardRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;

/** The guard in front of every webadmin route, configured by webadmin.properties (cors.*, allowed.hosts). */
public class WebAdminGuardModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(RequestGuardRoutes.class);
    }

    @Provides
    @Singleton
    AdminGuardConfig config(PropertiesProvider propertiesProvider) throws ConfigurationException {
        return AdminGuardConfig.from(properties(propertiesProvider));
    }

    /** James reads the file with ',' as list separator: lists are joined back so allowed.hosts keeps every name. */
    private static Map<String, String> properties(PropertiesProvider propertiesProvider) throws ConfigurationException {
        try {
            Configuration configuration = propertiesProvider.getConfiguration("webadmin");
            Map<String, String> properties = new HashMap<>();
            configuration.getKeys().forEachRemaining(key -> properties.put(key, String.join(",", configuration.getStringArray(key))));
            return properties;
        } catch (FileNotFoundException absent) {
            return Map.of();
        }
    }
}
