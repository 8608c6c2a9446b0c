package org.postwarden.mailets;

import java.util.Optional;
import javax.inject.Inject;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.reputation.Outcome;
import org.postwarden.reputation.ReputationStoreException;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.throttle.ThrottleStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound reputation (reputation.properties): charges the recipients RemoteDelivery gave up on to the account
 * {@link CountOutgoing} marked the mail with, as refused when the remote server's last reply was 5xx, else as
 * bounced (unknown domain, retries exhausted); an account whose bad share grows too high is suspended and the
 * postmaster told. First in the processor named by RemoteDelivery's {@code <bounceProcessor>}, before DSNBounce:
 * <pre>{@code <mailet match="All" class="org.postwarden.mailets.RecordBounce"/>}</pre>
 * A store failure or an account name too long to count is logged at WARN and the bounce goes on to the sender.
 */
public class RecordBounce extends GenericMailet {
    /** Set by James' RemoteDelivery (Bouncer.DELIVERY_ERROR_CODE): the SMTP reply code of the failure, if any. */
    static final AttributeName DELIVERY_ERROR_CODE = AttributeName.of("delivery-error-code");
    private static final Logger LOGGER = LoggerFactory.getLogger(RecordBounce.class);

    private final SenderReputation reputation;

    @Inject
    public RecordBounce(SenderReputation reputation) {
        this.reputation = reputation;
    }

    @Override
    public void service(Mail mail) {
        if (mail.getAttribute(CountOutgoing.COUNTED).isEmpty() || mail.getRecipients().isEmpty()) {
            // Not mail that was counted as sent: a bounce of it would skew the share.
            return;
        }
        Optional<String> account = mail.getAttribute(CountOutgoing.ACCOUNT)
            .flatMap(attribute -> attribute.getValue().valueAs(String.class));
        Outcome outcome = mail.getAttribute(DELIVERY_ERROR_CODE)
            .flatMap(attribute -> attribute.getValue().valueAs(Integer.class))
            .filter(code -> code >= 500 && code <= 599)
            .map(code -> Outcome.REFUSED)
            .orElse(Outcome.BOUNCED);
        try {
            reputation.failed(account, outcome, mail.getRecipients().size())
                .ifPresent(event -> LOGGER.warn("{} suspended: {}", event.user(), event.reason()));
        } catch (ReputationStoreException | ThrottleStoreException | IllegalArgumentException e) {
            LOGGER.warn("{}: bounce not counted for outbound reputation: {}", mail.getName(), e.getMessage());
        }
    }

    @Override
    public String getMailetInfo() {
        return "RecordBounce";
    }
}
