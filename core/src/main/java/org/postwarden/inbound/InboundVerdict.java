package org.postwarden.inbound;

import java.util.List;

import org.postwarden.arc.ArcValidation;
import org.postwarden.authresults.AuthenticationResults;
import org.postwarden.dkim.DkimResult;
import org.postwarden.dmarc.DmarcResult;
import org.postwarden.spf.SpfResult;

/**
 * Who really sent an inbound message, and what to do about it.
 *
 * @param arcOverride DMARC failed, but a trusted ARC sealer vouches that SPF or DKIM passed before it forwarded
 *                    the message: the DMARC policy is not applied (RFC 7489 §7.2.5.3 local policy override)
 * @param reason      why the disposition is not ACCEPT, for the SMTP reply and the log; empty when accepted
 */
public record InboundVerdict(SpfResult spf, List<DkimResult> dkim, DmarcResult dmarc, ArcValidation arc,
                             boolean arcOverride, Disposition disposition, String reason,
                             AuthenticationResults authenticationResults) {

    public enum Disposition {
        ACCEPT,
        /** Deliver to the recipient's Spam folder. */
        QUARANTINE,
        /** Refuse at DATA with 550 5.7.1: the SMTP client, not us, tells the sender. */
        REJECT,
        /** Refuse at DATA with 451 4.7.0: a DNS lookup failed and the verdict may differ on retry. */
        TEMPFAIL
    }

    public InboundVerdict {
        dkim = List.copyOf(dkim);
    }
}
