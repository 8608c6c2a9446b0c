package org.postwarden.smtp;

import org.apache.james.core.MailAddress;
import org.apache.james.domainlist.api.DomainList;
import org.apache.james.domainlist.api.DomainListException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Is this recipient's domain one of ours?" for the hooks that run before James' relay check. When the domain list
 * cannot answer, the answer is no, as James' relay check (AuthRequiredToRelayRcptHook) answers, so that no hook of
 * ours decides otherwise than the check that follows it: a client that may not relay is refused there, and neither
 * gets a greylisting triplet stored nor counts as harvesting because of our own outage.
 */
public final class LocalDomains {
    private static final Logger LOGGER = LoggerFactory.getLogger(LocalDomains.class);

    private LocalDomains() {
    }

    public static boolean isLocal(DomainList domains, MailAddress recipient) {
        try {
            return domains.containsDomain(recipient.getDomain());
        } catch (DomainListException e) {
            LOGGER.warn("cannot tell whether {} is local, taken as not local as James' relay check does: {}",
                recipient.getDomain(), e.getMessage());
            return false;
        }
    }
}
