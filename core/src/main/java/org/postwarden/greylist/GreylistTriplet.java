package org.postwarden.greylist;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * What greylisting remembers: the client network, the normalised envelope sender and the lower-cased
 * recipient. Build it with {@link #of} so that retries of one message map to the same triplet.
 */
public record GreylistTriplet(String network, String sender, String recipient) {
    public GreylistTriplet {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(sender, "sender");
        recipient = recipient.trim().toLowerCase(Locale.ROOT);
    }

    public static GreylistTriplet of(InetAddress client, String sender, String recipient,
                                     GreylistConfiguration configuration) {
        return new GreylistTriplet(ClientNetwork.of(client, configuration).toString(),
            SenderNormalizer.normalize(sender), recipient);
    }
}
