package org.postwarden.mailets;

import java.util.Optional;
import javax.inject.Inject;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound reputation (reputation.properties): counts each remote recipient of mail entering the relay against the
 * account that authenticated to submit it, and marks the mail with that account so that {@link RecordBounce} can
 * charge its bounces to it. Mail without an authenticated account (forwards, authorised networks) counts
 * server-wide only. First in the relay processor, before DestinationPacing, which may send parts of the mail back
 * here: a mail is counted once.
 * <pre>{@code <mailet match="All" class="org.postwarden.mailets.CountOutgoing"/>}</pre>
 * A store failure or an account name too long to count is logged at WARN and the mail goes on: counting never holds mail back.
 */
public class CountOutgoing extends GenericMailet {
    /** The account the mail's outcomes count against; absent for unattributed mail. */
    public static final AttributeName ACCOUNT = AttributeName.of("postwarden.reputation.account");
    static final AttributeName COUNTED = AttributeName.of("postwarden.reputation.counted");
    private static final Logger LOGGER = LoggerFactory.getLogger(CountOutgoing.class);

    private final SenderReputation reputation;

    @Inject
    public CountOutgoing(SenderReputation reputation) {
        this.reputation = reputation;
    }

    @Override
    public void service(Mail mail) {
        if (mail.getAttribute(COUNTED).isPresent() || mail.getRecipients().isEmpty()) {
            return;
        }
        Optional<String> account = mail.getAttribute(Mail.SMTP_AUTH_USER)
            .flatMap(attribute -> attribute.getValue().valueAs(String.class));
        mail.setAttribute(new Attribute(COUNTED, AttributeValue.of(true)));
        account.ifPresent(name -> mail.setAttribute(new Attribute(ACCOUNT, AttributeValue.of(name))));
        try {
            reputation.sent(account, mail.getRecipients().size());
        } catch (StoreUnavailableException | IllegalArgumentException e) {
            LOGGER.warn("{}: not counted for outbound reputation: {}", mail.getName(), e.getMessage());
        }
    }

    @Override
    public String getMailetInfo() {
        return "CountOutgoing";
    }
}
