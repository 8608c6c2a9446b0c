package org.postwarden.mailets;

import java.util.Optional;
import java.util.regex.Pattern;
import javax.inject.Inject;
import org.apache.mailet.AttributeName;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.reputation.Outcome;
import org.postwarden.reputation.SenderReputation;

/**
 * Outbound reputation (reputation.properties): charges the recipients RemoteDelivery gave up on to the account
 * {@link CountOutgoing} marked the mail with, as refused when the remote server's reply was 5xx, else as
 * bounced (unknown domain, retries exhausted); an account whose bad share grows too high is suspended and the
 * postmaster told. First in the processor named by RemoteDelivery's {@code <bounceProcessor>}, before DSNBounce:
 * <pre>{@code <mailet match="All" class="org.postwarden.mailets.RecordBounce"/>}</pre>
 * Mail that CountOutgoing did not count is left out. A store failure is logged at WARN and the bounce goes on.
 */
public class RecordBounce extends GenericMailet {
    /** Set by James' RemoteDelivery (Bouncer.DELIVERY_ERROR_CODE): the SMTP reply code of the failure, if any. */
    static final AttributeName DELIVERY_ERROR_CODE = AttributeName.of("delivery-error-code");
    /** Set by RemoteDelivery (Bouncer.DELIVERY_ERROR): the message of the failure. */
    static final AttributeName DELIVERY_ERROR = AttributeName.of("delivery-error");
    /** An SMTP reply: 5yz then a space, a hyphen or the end (RFC 5321 section 4.2). */
    private static final Pattern PERMANENT_REPLY = Pattern.compile("5[0-5][0-9](?:[ -]|$)");

    private final SenderReputation reputation;

    @Inject
    public RecordBounce(SenderReputation reputation) {
        this.reputation = reputation;
    }

    @Override
    public void service(Mail mail) {
        ReputationCharges.charge(reputation, mail, refusedByTheRecipient(mail) ? Outcome.REFUSED : Outcome.BOUNCED);
    }

    /**
     * RemoteDelivery sets the reply code only when the top exception carries one; when JavaMail refuses every
     * recipient, the code is in the nested exception, whose message RemoteDelivery keeps ("550 5.1.1 ...").
     */
    private static boolean refusedByTheRecipient(Mail mail) {
        Optional<Integer> code = mail.getAttribute(DELIVERY_ERROR_CODE)
            .flatMap(attribute -> attribute.getValue().valueAs(Integer.class));
        if (code.isPresent()) {
            return code.get() >= 500 && code.get() <= 599;
        }
        return mail.getAttribute(DELIVERY_ERROR)
            .flatMap(attribute -> attribute.getValue().valueAs(String.class))
            .filter(message -> PERMANENT_REPLY.matcher(message).lookingAt())
            .isPresent();
    }

    @Override
    public String getMailetInfo() {
        return "RecordBounce";
    }
}
