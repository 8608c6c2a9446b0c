package org.postwarden.smtp.identity;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.rrt.api.CanSendFrom;
import org.apache.james.smtpserver.SenderAuthIdentifyVerificationHook;
import org.apache.james.user.api.UsersRepository;
import org.postwarden.identity.SenderIdentityPolicy;

/**
 * James' {@code <verifyIdentity>} check (CoreCmdHandlerLoader), which knows a user's own address and aliases only,
 * also allowing what {@link SenderIdentityPolicy} allows: a user's own {@code +tag} addresses and the addresses of a
 * domain admin's domain. Without it James refuses those with {@code 503 5.7.1} after {@link SenderIdentityHook}
 * accepted them. Bound in place of {@link SenderAuthIdentifyVerificationHook}, so every SMTP server uses it.
 */
public class IdentityPolicyVerificationHook extends SenderAuthIdentifyVerificationHook {
    private final SenderIdentityPolicy policy;

    @Inject
    public IdentityPolicyVerificationHook(DomainList domains, UsersRepository users, CanSendFrom canSendFrom,
                                          SenderIdentityPolicy policy) {
        super(domains, users, canSendFrom);
        this.policy = policy;
    }

    @Override
    protected boolean isSenderAllowed(Username connectedUser, Username sender) {
        return super.isSenderAllowed(connectedUser, sender) || policy.mayUse(connectedUser.asString(), sender.asString());
    }
}
