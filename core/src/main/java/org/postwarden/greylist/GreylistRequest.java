package org.postwarden.greylist;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * One RCPT TO as the SMTP hook sees it.
 *
 * @param confirmedClientHostname the client's reverse DNS name, only when it resolves back to the client
 *     address (forward-confirmed): an unconfirmed PTR record is chosen by whoever owns the address block
 * @param sender the envelope sender as received, without angle brackets; {@code ""} for the null sender
 * @param senderSpfPassed whether SPF passed for that sender's domain
 * @param recipient the envelope recipient, without angle brackets
 */
public record GreylistRequest(InetAddress clientIp, Optional<String> confirmedClientHostname, String sender,
                              boolean senderSpfPassed, String recipient) {
    public GreylistRequest {
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(confirmedClientHostname, "confirmedClientHostname");
        Objects.requireNonNull(sender, "sender");
        Objects.requireNonNull(recipient, "recipient");
    }

    public GreylistTriplet triplet(GreylistConfiguration configuration) {
        return GreylistTriplet.of(clientIp, sender, recipient, configuration);
    }
}
