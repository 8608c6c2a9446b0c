package org.postwarden.server.webadmin;

import org.apache.james.webadmin.Routes;
import org.postwarden.webadmin.DeprecatedPath;
import org.postwarden.webadmin.deliverability.DeliverabilityRoutes;
import org.postwarden.webadmin.dkim.DkimKeyRoutes;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.ProvidesIntoSet;

/**
 * The webadmin paths from before every route moved under /postwarden/, served for one release with a Deprecation
 * header (docs/webadmin-paths.md). Drop this module to drop them.
 */
public class DeprecatedPathsModule extends AbstractModule {
    @ProvidesIntoSet
    Routes formerDkimKeyPaths(DkimKeyRoutes routes) {
        return new DeprecatedPath(DkimKeyRoutes.FORMER_BASE, routes);
    }

    @ProvidesIntoSet
    Routes formerDeliverabilityPaths(DeliverabilityRoutes routes) {
        return new DeprecatedPath(DeliverabilityRoutes.FORMER_BASE, routes);
    }
}
