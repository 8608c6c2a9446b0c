package org.postwarden.quarantine;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A quarantined forward as ForwardSpamCheck stored it: the {@link QuarantineAttributes} on the mail, which keeps
 * its original envelope sender and headers.
 *
 * @param headers unfolded (RFC 5322 §2.2.3)
 */
public record QuarantinedMail(String key, String sender, List<String> targets, String reason, Optional<Double> score,
                              Optional<Double> threshold, Optional<Instant> receivedAt, String subject, List<String> headers,
                              String report) {

    /**
     * The original forward recipients, from the {@link QuarantineAttributes#TARGETS} attribute; the envelope
     * recipients when the attribute is missing or empty (older quarantines).
     */
    public static List<String> targets(Optional<String> targetsAttribute, List<String> envelopeRecipients) {
        return targetsAttribute
            .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(target -> !target.isEmpty()).toList())
            .filter(list -> !list.isEmpty())
            .orElse(envelopeRecipients);
    }

    /** RFC 5322 §2.2.3: unfolding removes the CRLF before the folding whitespace. */
    public static String unfolded(String headerLine) {
        return headerLine.replaceAll("\r?\n(?=[ \t])", "");
    }
}
