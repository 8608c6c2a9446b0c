package org.postwarden.mailets;

import java.util.Locale;

import javax.mail.MessagingException;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMailet;
import org.postwarden.glue.MessageBytes;
import org.postwarden.inbound.VerdictAttributes;
import org.postwarden.spam.SpamVerdict;
import org.postwarden.spam.SpamdClient;
import org.postwarden.spam.SpamdUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks SpamAssassin's spamd about mail from outside for local recipients, so that spam lands in their Spam folder
 * (with DeliverToFolder) instead of INBOX. Spam gets the attribute {@code postwarden.spam} and an
 * {@code X-Spam-Status} header; when spamd gives no verdict the mail is delivered as it is (logged at WARN): a local
 * delivery never waits on spamd. Mail that was not checked on the way in (authenticated users, trusted networks,
 * mail the server itself sends) is not asked about.
 * <pre>{@code
 * <mailet match="RecipientIsLocal" class="org.postwarden.mailets.LocalSpamCheck">
 *     <spamdHost>127.0.0.1</spamdHost>
 *     <spamdPort>783</spamdPort>
 *     <timeout>30 seconds</timeout>
 *     <threshold>5.0</threshold>   <!-- default: spamd's required_score -->
 * </mailet>
 * }</pre>
 */
public class LocalSpamCheck extends GenericMailet {
    private static final Logger LOGGER = LoggerFactory.getLogger(LocalSpamCheck.class);
    public static final AttributeName SPAM = AttributeName.of("postwarden.spam");
    private static final AttributeName CHECKED_ON_THE_WAY_IN = AttributeName.of(VerdictAttributes.DISPOSITION);

    private SpamdClient spamd;

    @Override
    public void init() {
        spamd = SpamdSettings.client(getMailetConfig());
    }

    @Override
    public void service(Mail mail) throws MessagingException {
        if (mail.getAttribute(CHECKED_ON_THE_WAY_IN).isEmpty()) {
            return;
        }
        SpamVerdict verdict;
        try {
            verdict = spamd.check(MessageBytes.read(mail));
        } catch (SpamdUnavailableException e) {
            LOGGER.warn("{}: spamd gave no verdict, delivered without a spam check: {}", mail.getName(), e.getMessage());
            return;
        }
        if (verdict.spam()) {
            mail.setAttribute(new Attribute(SPAM, AttributeValue.of(verdict.score())));
            mail.getMessage().setHeader("X-Spam-Status", String.format(Locale.ROOT, "Yes, score=%.1f required=%.1f",
                verdict.score(), verdict.threshold()));
            mail.getMessage().saveChanges();
            LOGGER.info("{}: spam for {} (score {}/{}), delivered to the Spam folder", mail.getName(), mail.getRecipients(),
                verdict.score(), verdict.threshold());
        }
    }

    @Override
    public String getMailetInfo() {
        return "LocalSpamCheck";
    }
}
