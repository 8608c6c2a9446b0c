package org.postwarden.smtp.throttle;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.rrt.api.RecipientRewriteTable;
import org.apache.james.rrt.api.RecipientRewriteTableException;
import org.apache.james.rrt.lib.Mappings;
import org.apache.james.user.api.UsersRepository;
import org.apache.james.user.api.UsersRepositoryException;
import org.postwarden.smtp.LocalDomains;
import org.postwarden.throttle.ThrottleGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether a recipient is in one of our domains and exists there, as James' domain list, users and
 * recipient rewrite table say: what {@link ThrottleGate} needs of a RCPT.
 */
public class RecipientDirectory {
    private static final Logger LOGGER = LoggerFactory.getLogger(RecipientDirectory.class);
    static final Duration KNOWN_RECIPIENT_TTL = Duration.ofSeconds(30);

    private final DomainList domains;
    private final UsersRepository users;
    private final RecipientRewriteTable aliases;
    private final Cache<MailAddress, Boolean> knownRecipients = CacheBuilder.newBuilder()
        .expireAfterWrite(KNOWN_RECIPIENT_TTL)
        .maximumSize(100_000)
        .build();

    @Inject
    public RecipientDirectory(DomainList domains, UsersRepository users, RecipientRewriteTable aliases) {
        this.domains = domains;
        this.users = users;
        this.aliases = aliases;
    }

    /** A recipient outside our domains is not looked up: it exists as far as we are concerned. */
    public ThrottleGate.Recipient recipient(MailAddress recipient) {
        boolean local = LocalDomains.isLocal(domains, recipient);
        return new ThrottleGate.Recipient(local, !local || exists(recipient));
    }

    /**
     * As ValidRcptHandler decides: a user, or an address with alias or forward mappings; errors count as existing.
     * Only harvest counting asks, so a recipient found to exist is remembered for a while: a deleted one may count
     * as known for {@link #KNOWN_RECIPIENT_TTL}, an unknown one is always looked up.
     */
    private boolean exists(MailAddress recipient) {
        if (knownRecipients.getIfPresent(recipient) != null) {
            return true;
        }
        boolean exists = lookUp(recipient);
        if (exists) {
            knownRecipients.put(recipient, Boolean.TRUE);
        }
        return exists;
    }

    private boolean lookUp(MailAddress recipient) {
        try {
            if (users.contains(users.getUsername(recipient))) {
                return true;
            }
            Mappings mappings = aliases.getResolvedMappings(recipient.getLocalPart(), recipient.getDomain());
            return !mappings.isEmpty();
        } catch (UsersRepositoryException | RecipientRewriteTableException e) {
            LOGGER.warn("cannot tell whether {} exists: {}", recipient.asString(), e.getMessage());
            return true;
        } catch (RecipientRewriteTable.ErrorMappingException e) {
            return true;
        } catch (IllegalArgumentException e) {
            // A local part James cannot make a user name of ("x@evil"@example.com): nobody's, so unknown.
            return false;
        }
    }
}
