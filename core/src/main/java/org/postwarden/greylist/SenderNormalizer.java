package org.postwarden.greylist;

import java.util.Locale;
import java.util.Optional;

/**
 * Reduces an envelope sender to the mailbox that stays the same across retries, so that per-message
 * return paths (SRS rewriting, BATV signatures, {@code +tag} sub-addresses) do not make every retry a
 * new triplet. The result is lower case; the null sender ({@code ""} or {@code <>}) stays {@code ""}.
 * Unrecognised or malformed encodings are left as they are.
 */
public final class SenderNormalizer {
    private static final String SEPARATORS = "=+-";

    private SenderNormalizer() {
    }

    public static String normalize(String sender) {
        String address = sender.trim().toLowerCase(Locale.ROOT);
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1);
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return address;
        }
        String original = unwrapSrs(address.substring(0, at)).orElse(address);
        at = original.lastIndexOf('@');
        String local = withoutSubAddress(withoutBatv(original.substring(0, at)));
        return local + "@" + original.substring(at + 1);
    }

    /**
     * Sender Rewriting Scheme, as produced by libsrs2 and PostSRSd:
     * <pre>
     * srs0  = "SRS0" sep hash "=" timestamp "=" domain "=" local-part "@" forwarder
     * srs1  = "SRS1" sep hash "=" first-forwarder "=" sep hash "=" timestamp "=" domain "=" local-part "@" forwarder
     * sep   = "=" / "+" / "-"
     * </pre>
     * An SRS1 address keeps the separator of the SRS0 address it wraps, hence the {@code ==}.
     */
    private static Optional<String> unwrapSrs(String local) {
        if (local.length() < 5 || SEPARATORS.indexOf(local.charAt(4)) < 0) {
            return Optional.empty();
        }
        String body = local.substring(5);
        if (local.startsWith("srs0")) {
            return srs0(body);
        }
        if (local.startsWith("srs1")) {
            int hashEnd = body.indexOf('=');
            int forwarderEnd = hashEnd < 0 ? -1 : body.indexOf('=', hashEnd + 1);
            if (forwarderEnd < 0 || forwarderEnd + 1 >= body.length()
                || SEPARATORS.indexOf(body.charAt(forwarderEnd + 1)) < 0) {
                return Optional.empty();
            }
            return srs0(body.substring(forwarderEnd + 2));
        }
        return Optional.empty();
    }

    private static Optional<String> srs0(String body) {
        String[] fields = body.split("=", 4);
        if (fields.length < 4 || fields[2].isEmpty() || fields[3].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(fields[3] + "@" + fields[2]);
    }

    /**
     * Bounce Address Tag Validation (draft-levine-smtp-batv-01 §4.1):
     * {@code prvs-loc-core = "prvs=" tag-val "=" loc-core}.
     */
    private static String withoutBatv(String local) {
        if (!local.startsWith("prvs=")) {
            return local;
        }
        int tagEnd = local.indexOf('=', 5);
        if (tagEnd <= 5 || tagEnd == local.length() - 1) {
            return local;
        }
        return local.substring(tagEnd + 1);
    }

    private static String withoutSubAddress(String local) {
        int plus = local.indexOf('+');
        return plus > 0 ? local.substring(0, plus) : local;
    }
}
