package org.postwarden.dmarc;

import com.google.common.base.Splitter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.postwarden.common.TagValueList;

/**
 * Parses DMARC records (RFC 7489 §6.4), a tag list in the syntax of RFC 6376 §3.2:
 * <pre>
 * dmarc-record  = dmarc-version dmarc-sep *(dmarc-tag dmarc-sep)
 * dmarc-version = "v" *WSP "=" *WSP %x44 %x4d %x41 %x52 %x43 %x31   ; "DMARC1", case-sensitive
 * dmarc-request = "p" *WSP "=" *WSP ( "none" / "quarantine" / "reject" )
 * dmarc-percent = "pct" *WSP "=" *WSP 1*3DIGIT
 * dmarc-uri     = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]
 * </pre>
 * Tag names and keywords are ABNF strings, so case-insensitive; unknown tags are ignored (§6.3).
 * Tags that decide the disposition (p, sp, pct, adkim, aspf) must be valid or the record is
 * unusable; a malformed reporting tag (rua, ruf, fo, ri, rf) is ignored, as it changes nothing about
 * the message at hand.
 */
public final class DmarcRecordParser {
    /** A TXT record is a DMARC record candidate when it starts with the version tag (§6.6.3 step 2). */
    private static final Pattern VERSION = Pattern.compile("^[vV][ \\t]*=[ \\t]*DMARC1[ \\t]*(;.*)?$", Pattern.DOTALL);
    private static final Pattern PERCENT = Pattern.compile("[0-9]{1,3}");
    private static final Pattern FAILURE_OPTIONS = Pattern.compile("[01ds](:[01ds])*");
    private static final Pattern INTERVAL = Pattern.compile("[0-9]{1,10}");
    private static final Pattern SIZE_LIMIT = Pattern.compile("![0-9]+[kmgt]?$", Pattern.CASE_INSENSITIVE);

    /** The record cannot be used; the message says why. */
    public static final class InvalidRecordException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidRecordException(String message) {
            super(message);
        }
    }

    private DmarcRecordParser() {
    }

    public static boolean isDmarcRecord(String txt) {
        return VERSION.matcher(txt).matches();
    }

    public static DmarcRecord parse(String txt) throws InvalidRecordException {
        if (!isDmarcRecord(txt)) {
            throw new InvalidRecordException("does not start with v=DMARC1");
        }
        Map<String, String> tags = tags(txt);
        Map<URI, Long> ruaLimits = new HashMap<>();
        List<URI> rua = uris(tags.get("rua"), ruaLimits);
        Optional<DmarcPolicy> policy = policy(tags, "p");
        Optional<DmarcPolicy> subdomainPolicy = policy(tags, "sp");
        boolean subdomainPolicyInvalid = tags.containsKey("sp") && subdomainPolicy.isEmpty();
        if (policy.isEmpty() || subdomainPolicyInvalid) {
            // RFC 7489 §6.6.3 step 6: without a valid p= (or with an invalid sp=), a record naming a
            // valid rua= URI is read as p=none; any other is not applied.
            if (rua.isEmpty()) {
                throw new InvalidRecordException("no valid p= tag and no valid rua= URI");
            }
            policy = Optional.of(DmarcPolicy.NONE);
            subdomainPolicy = Optional.empty();
        }
        return new DmarcRecord(policy.get(), subdomainPolicy, percent(tags.get("pct")),
            alignment(tags, "adkim"), alignment(tags, "aspf"), rua, ruaLimits, uris(tags.get("ruf"), new HashMap<>()),
            Splitter.on(':').splitToList(valid(tags.get("fo"), FAILURE_OPTIONS).orElse("0")),
            Long.parseLong(valid(tags.get("ri"), INTERVAL).orElse("86400")),
            Splitter.on(':').trimResults().splitToList(tags.getOrDefault("rf", "afrf")));
    }

    private static Map<String, String> tags(String txt) throws InvalidRecordException {
        TagValueList list;
        try {
            list = TagValueList.parse(txt);
        } catch (TagValueList.SyntaxException e) {
            throw new InvalidRecordException("not a tag list: " + e.getMessage());
        }
        Map<String, String> tags = new HashMap<>();
        for (TagValueList.Tag tag : list.tags()) {
            if (tags.put(tag.name().toLowerCase(Locale.ROOT), tag.value()) != null) {
                throw new InvalidRecordException("duplicate tag \"" + tag.name() + "\"");
            }
        }
        return tags;
    }

    private static Optional<DmarcPolicy> policy(Map<String, String> tags, String name) {
        String value = tags.getOrDefault(name, "").toUpperCase(Locale.ROOT);
        for (DmarcPolicy policy : DmarcPolicy.values()) {
            if (policy.name().equals(value)) {
                return Optional.of(policy);
            }
        }
        return Optional.empty();
    }

    private static int percent(String value) throws InvalidRecordException {
        if (value == null) {
            return 100;
        }
        if (!PERCENT.matcher(value).matches() || Integer.parseInt(value) > 100) {
            throw new InvalidRecordException("pct must be 0-100, got \"" + value + "\"");
        }
        return Integer.parseInt(value);
    }

    private static Alignment.Mode alignment(Map<String, String> tags, String name) throws InvalidRecordException {
        String value = tags.getOrDefault(name, "r").toLowerCase(Locale.ROOT);
        return switch (value) {
            case "r" -> Alignment.Mode.RELAXED;
            case "s" -> Alignment.Mode.STRICT;
            default -> throw new InvalidRecordException(name + " must be r or s, got \"" + value + "\"");
        };
    }

    /**
     * The absolute URIs of a comma-separated list; malformed entries are dropped. The size limits given ("!10m", a
     * unit of k, m, g or t being a power of two, §6.4) go to {@code limits}, in bytes.
     */
    private static List<URI> uris(String value, Map<URI, Long> limits) {
        List<URI> uris = new ArrayList<>();
        if (value == null) {
            return uris;
        }
        for (String entry : Splitter.on(',').trimResults().omitEmptyStrings().split(value)) {
            try {
                Matcher limit = SIZE_LIMIT.matcher(entry);
                URI uri = new URI(limit.replaceFirst(""));
                if (uri.isAbsolute()) {
                    uris.add(uri);
                    if (limit.reset().find()) {
                        sizeLimit(limit.group()).ifPresent(bytes -> limits.put(uri, bytes));
                    }
                }
            } catch (URISyntaxException e) {
                // Not a URI: dropped like any malformed reporting value.
            }
        }
        return uris;
    }

    private static Optional<Long> sizeLimit(String limit) {
        String digits = limit.substring(1).replaceAll("[^0-9]", "");
        char unit = Character.toLowerCase(limit.charAt(limit.length() - 1));
        int shift = switch (unit) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        try {
            long number = Long.parseLong(digits);
            return number > (Long.MAX_VALUE >> shift) ? Optional.of(Long.MAX_VALUE) : Optional.of(number << shift);
        } catch (NumberFormatException e) {
            return Optional.of(Long.MAX_VALUE); // more digits than a long: no limit in practice
        }
    }

    private static Optional<String> valid(String value, Pattern pattern) {
        return Optional.ofNullable(value).filter(v -> pattern.matcher(v).matches());
    }
}
