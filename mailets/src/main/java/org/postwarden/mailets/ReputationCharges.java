package org.postwarden.mailets;

import java.util.Optional;
import org.apache.mailet.Mail;
import org.postwarden.reputation.Outcome;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Charges mail that did not make it to the account {@link CountOutgoing} marked it with, for the reputation guard. */
final class ReputationCharges {
    private static final Logger LOGGER = LoggerFactory.getLogger(ReputationCharges.class);

    private ReputationCharges() {
    }

    /**
     * Counts the mail's recipients as {@code outcome}; mail that was never counted as sent is left out, lest it skew
     * the share. Never throws: a store failure is logged at WARN and the mail goes on.
     */
    static void charge(SenderReputation reputation, Mail mail, Outcome outcome) {
        if (mail.getAttribute(CountOutgoing.COUNTED).isEmpty() || mail.getRecipients().isEmpty()) {
            return;
        }
        Optional<String> account = mail.getAttribute(CountOutgoing.ACCOUNT)
            .flatMap(attribute -> attribute.getValue().valueAs(String.class));
        try {
            reputation.failed(account, outcome, mail.getRecipients().size())
                .ifPresent(event -> LOGGER.warn("{} suspended: {}", event.user(), event.reason()));
        } catch (StoreUnavailableException | IllegalArgumentException e) {
            LOGGER.warn("{}: {} not counted for outbound reputation: {}", mail.getName(), outcome.label(),
                e.getMessage());
        }
    }
}
