package org.postwarden.hygiene;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.postwarden.dkim.HeaderField;
import org.postwarden.dkim.RawMessage;
import org.postwarden.identity.HeaderAddresses;

/**
 * RFC 5322 hygiene of a message an authenticated user submits, which the big mailbox providers now demand:
 * <ul>
 *   <li>refused with 5.6.7 (the code RFC 6531 gives to non-ASCII that is not permitted): a header field holding
 *   non-ASCII octets, which may only travel under SMTPUTF8 (RFC 6531, RFC 6532 section 3), and James 3.8.1 does not
 *   offer SMTPUTF8;</li>
 *   <li>refused with 5.6.0: no From, more than one of a field RFC 5322 section 3.6 allows once, an address field (From,
 *   Sender, Reply-To, To, Cc, Bcc) that is not an RFC 5322 address list, a From without an address, a Sender that
 *   is not exactly one address, a From with several addresses and no Sender (section 3.6.2);</li>
 *   <li>completed: a missing Date gets the time of acceptance, a missing Message-ID a random one at the sender's
 *   domain (section 3.6.1, section 3.6.4).</li>
 * </ul>
 * Nothing else is changed.
 */
public final class MessageHygiene {
    /** RFC 5322 section 3.6: the fields a message may hold at most once (From and Date: exactly once). */
    private static final List<String> AT_MOST_ONCE = List.of("Date", "From", "Sender", "Reply-To", "To", "Cc", "Bcc",
        "Message-ID", "In-Reply-To", "References", "Subject");
    private static final List<String> ADDRESS_FIELDS = List.of("From", "Sender", "Reply-To", "To", "Cc", "Bcc");
    /** RFC 5322 section 3.3 date-time, without the obsolete zone names such as "GMT" that RFC_1123_DATE_TIME writes. */
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    private final Clock clock;

    public MessageHygiene(Clock clock) {
        this.clock = clock;
    }

    /** {@code hostName}, the server's name, is the right-hand side of a new Message-ID when the sender's domain cannot be. */
    public HygieneVerdict check(RawMessage message, String hostName) {
        Optional<HygieneVerdict> refusal = nonAsciiField(message).or(() -> malformed(message));
        if (refusal.isPresent()) {
            return refusal.get();
        }
        List<String> added = new ArrayList<>();
        if (message.headers("Date").isEmpty()) {
            added.add("Date: " + DATE_TIME.format(ZonedDateTime.now(clock)));
        }
        if (message.headers("Message-ID").isEmpty()) {
            added.add("Message-ID: <" + UUID.randomUUID() + "@" + messageIdDomain(message, hostName) + ">");
        }
        return HygieneVerdict.add(added);
    }

    private static Optional<HygieneVerdict> nonAsciiField(RawMessage message) {
        for (HeaderField field : message.headers()) {
            if (!isAscii(field.text())) {
                String name = isAscii(field.name()) ? "the " + field.name() + " header field" : "a header field name";
                return Optional.of(HygieneVerdict.refuse("5.6.7", name + " holds non-ASCII octets, which need SMTPUTF8"
                    + " (RFC 6531) and this server does not offer it: encode them as RFC 2047 encoded-words"));
            }
        }
        return Optional.empty();
    }

    private static Optional<HygieneVerdict> malformed(RawMessage message) {
        if (message.headers("From").isEmpty()) {
            return refusal("the message has no From header field (RFC 5322 section 3.6)");
        }
        for (String name : AT_MOST_ONCE) {
            if (message.headers(name).size() > 1) {
                return refusal("the message has more than one " + name + " header field (RFC 5322 section 3.6 allows one)");
            }
        }
        for (String name : ADDRESS_FIELDS) {
            List<HeaderField> fields = message.headers(name);
            if (fields.isEmpty()) {
                continue;
            }
            // RFC 5322 section 3.6.3: only Bcc may be empty.
            if (!name.equals("Bcc") && fields.get(0).value().isBlank()) {
                return refusal("the " + name + " header field is empty");
            }
            if (HeaderAddresses.of(message, name).isEmpty()) {
                return refusal("the " + name + " header field is not a valid RFC 5322 address list");
            }
        }
        int from = addresses(message, "From").size();
        if (from == 0) {
            return refusal("the From header field holds no address");
        }
        boolean hasSender = !message.headers("Sender").isEmpty();
        if (hasSender && addresses(message, "Sender").size() != 1) {
            return refusal("the Sender header field must hold exactly one address (RFC 5322 section 3.6.2)");
        }
        if (from > 1 && !hasSender) {
            return refusal("the From header field holds " + from + " addresses and there is no Sender header field"
                + " naming the one who sent it (RFC 5322 section 3.6.2)");
        }
        return Optional.empty();
    }

    /** The domain of the sender (RFC 5322 section 3.6.2: Sender if present, else From), unless it is an address literal. */
    private static String messageIdDomain(RawMessage message, String hostName) {
        List<String> sender = addresses(message, "Sender");
        String address = sender.isEmpty() ? addresses(message, "From").get(0) : sender.get(0);
        String domain = HeaderAddresses.domain(address);
        return domain.startsWith("[") ? hostName : domain;
    }

    /** The addresses of a field already known to parse. */
    private static List<String> addresses(RawMessage message, String name) {
        return HeaderAddresses.of(message, name).orElseThrow();
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch(c -> c < 0x80);
    }

    private static Optional<HygieneVerdict> refusal(String reason) {
        return Optional.of(HygieneVerdict.refuse("5.6.0", reason));
    }
}
