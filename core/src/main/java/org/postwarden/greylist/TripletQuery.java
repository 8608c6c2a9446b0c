package org.postwarden.greylist;

import com.google.common.base.Preconditions;
import java.util.Locale;

/**
 * Filters of the triplet listing: each non-empty field must be a case-insensitive substring of the
 * matching triplet field. At most {@code limit} triplets are returned.
 */
public record TripletQuery(String network, String sender, String recipient, int limit) {
    public TripletQuery {
        network = network.toLowerCase(Locale.ROOT);
        sender = sender.toLowerCase(Locale.ROOT);
        recipient = recipient.toLowerCase(Locale.ROOT);
        Preconditions.checkArgument(limit > 0, "limit must be positive, got %s", limit);
    }

    public static TripletQuery all(int limit) {
        return new TripletQuery("", "", "", limit);
    }

    public TripletQuery withNetwork(String network) {
        return new TripletQuery(network, sender, recipient, limit);
    }

    public TripletQuery withSender(String sender) {
        return new TripletQuery(network, sender, recipient, limit);
    }

    public TripletQuery withRecipient(String recipient) {
        return new TripletQuery(network, sender, recipient, limit);
    }

    public boolean matches(GreylistTriplet triplet) {
        return triplet.network().contains(network)
            && triplet.sender().contains(sender)
            && triplet.recipient().contains(recipient);
    }
}
