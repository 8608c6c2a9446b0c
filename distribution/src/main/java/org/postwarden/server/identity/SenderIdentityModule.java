package org.postwarden.server.identity;

import javax.inject.Singleton;
import javax.mail.internet.AddressException;

import org.apache.james.core.MailAddress;
import org.apache.james.core.Username;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.smtpserver.SenderAuthIdentifyVerificationHook;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.postwarden.identity.IdentityConfig;
import org.postwarden.identity.SenderIdentityPolicy;
import org.postwarden.server.config.ConfigBindings;
import org.postwarden.smtp.identity.IdentityPolicyVerificationHook;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;

/**
 * Sender identity rules (conf/identity.properties); a user owns their address and the aliases James resolves to them.
 * A sub-address ({@code alice+news@}) is somebody else's when it is a user or has mappings of its own; when that
 * cannot be told (a store error, an address James cannot parse) it counts as somebody else's. James' own
 * {@code <verifyIdentity>} check follows the same policy ({@link IdentityPolicyVerificationHook}).
 */
public class SenderIdentityModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(SenderAuthIdentifyVerificationHook.class).to(IdentityPolicyVerificationHook.class);
        ConfigBindings.file(binder(), IdentityConfig.class);
    }

    @Provides
    @Singleton
    SenderIdentityPolicy policy(IdentityConfig config, CanSendFrom canSendFrom, UsersRepository users,
                                RecipientRewriteTable aliases) {
        return SenderIdentityPolicy.from(config,
            (user, address) -> canSendFrom.userCanSendFrom(Username.of(user), Username.of(address)),
            address -> isClaimed(users, aliases, address));
    }

    private static boolean isClaimed(UsersRepository users, RecipientRewriteTable aliases, String address) {
        try {
            MailAddress mailAddress = new MailAddress(address);
            return users.contains(users.getUsername(mailAddress))
                || !aliases.getResolvedMappings(mailAddress.getLocalPart(), mailAddress.getDomain()).isEmpty();
        } catch (RecipientRewriteTable.ErrorMappingException | UsersRepositoryException | RecipientRewriteTableException
                 | AddressException | IllegalArgumentException e) {
            return true;
        }
    }
}
