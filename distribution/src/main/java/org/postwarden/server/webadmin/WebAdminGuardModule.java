package org.postwarden.server.webadmin;

import org.apache.james.webadmin.Routes;
import org.postwarden.adminhttp.AdminGuardConfig;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.webadmin.guard.RequestGuardRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;

/** The guard in front of every webadmin route, configured by webadmin.properties (cors.*, allowed.hosts). */
public class WebAdminGuardModule extends AbstractModule {
    @Override
    protected void configure() {
        Multibinder.newSetBinder(binder(), Routes.class).addBinding().to(RequestGuardRoutes.class);
        ConfigBindings.file(binder(), AdminGuardConfig.class);
    }

}
