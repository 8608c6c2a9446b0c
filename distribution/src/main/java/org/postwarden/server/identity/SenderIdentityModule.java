package org.postwarden.server.identity;

import javax.inject.Singleton;

import org.apache.commons.configuration2.ex.ConfigurationException;
import org.apache.james.core.Username;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.utils.PropertiesProvider;
import org.postwarden.identity.SenderIdentityPolicy;
import org.postwarden.server.config.PropertiesFiles;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/** Sender identity rules (conf/identity.properties); a user owns their address and the aliases James resolves to them. */
public class SenderIdentityModule extends AbstractModule {

    @Provides
    @Singleton
    SenderIdentityPolicy policy(PropertiesProvider propertiesProvider, CanSendFrom canSendFrom) throws ConfigurationException {
        return SenderIdentityPolicy.from(PropertiesFiles.read(propertiesProvider, "identity"),
            (user, address) -> canSendFrom.userCanSendFrom(Username.of(user), Username.of(address)));
    }
}
