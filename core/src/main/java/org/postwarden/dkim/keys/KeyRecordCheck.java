package org.postwarden.dkim.keys;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.postwarden.dkim.DkimAlgorithm;
import org.postwarden.dkim.DkimException;
import org.postwarden.dkim.DkimKeyRecord;
import org.postwarden.dkim.DkimPublicKey;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * Compares what DNS publishes at a key's name with the key. Records are parsed (RFC 6376 §3.6.1), so
 * whitespace, tag order, {@code t=} and a PKCS#1 rather than SubjectPublicKeyInfo {@code p=} do not
 * matter; {@code k=}, {@code p=}, and an {@code h=} or {@code s=} that excludes DKIM signing with the key do.
 */
final class KeyRecordCheck {
    /** TXT records that try to be DKIM key records, so that a broken one is a mismatch rather than ignored. */
    private static final Pattern DKIM_LIKE = Pattern.compile("(?i)(?:^|;)\\s*(?:v\\s*=\\s*DKIM1|p\\s*=)");

    private KeyRecordCheck() {
    }

    static DnsCheck check(DnsResolver resolver, DkimKey key) {
        String name = key.dnsName();
        String expected = key.dnsRecord();
        DnsAnswer answer = resolver.lookup(name, RecordType.TXT);
        switch (answer.status()) {
            case TEMPFAIL:
                return new DnsCheck(DnsCheck.Status.TEMPFAIL, name, expected, List.of(),
                    "DNS lookup of TXT " + name + " failed: " + answer.reason());
            case NXDOMAIN:
                return new DnsCheck(DnsCheck.Status.MISSING, name, expected, List.of(),
                    "no TXT record at " + name + " (NXDOMAIN)");
            case NODATA:
                return new DnsCheck(DnsCheck.Status.MISSING, name, expected, List.of(),
                    "no TXT record at " + name + " (the name exists without TXT records)");
            default:
                return compare(name, expected, answer.texts(), key);
        }
    }

    private static DnsCheck compare(String name, String expected, List<String> texts, DkimKey key) {
        DkimPublicKey own = key.privateKey().publicKey();
        List<String> differences = new ArrayList<>();
        int dkimRecords = 0;
        boolean matched = false;
        for (String text : texts) {
            DkimKeyRecord record;
            try {
                record = DkimKeyRecord.parse(text);
            } catch (DkimException e) {
                if (DKIM_LIKE.matcher(text).find()) {
                    dkimRecords++;
                    differences.add("a published record is not a valid DKIM key record (" + e.getMessage() + ")");
                }
                continue;
            }
            dkimRecords++;
            Optional<String> difference = difference(record, own, key.algorithm());
            matched |= difference.isEmpty();
            difference.ifPresent(differences::add);
        }
        if (matched) {
            String message = "the published record carries the key";
            if (dkimRecords > 1) {
                // RFC 6376 §3.6.2.2: with several records, verifiers may use any one of them.
                message += "; but " + (dkimRecords - 1) + " other DKIM record(s) at " + name
                    + " may be picked by verifiers instead: " + String.join("; ", differences);
            }
            return new DnsCheck(DnsCheck.Status.MATCH, name, expected, texts, message);
        }
        if (dkimRecords == 0) {
            return new DnsCheck(DnsCheck.Status.MISSING, name, expected, texts,
                "no DKIM key record among the " + texts.size() + " TXT record(s) at " + name);
        }
        return new DnsCheck(DnsCheck.Status.MISMATCH, name, expected, texts, String.join("; ", differences));
    }

    private static Optional<String> difference(DkimKeyRecord record, DkimPublicKey own, DkimAlgorithm algorithm) {
        if (record.keyType() != own.type()) {
            return Optional.of("the published record has k=" + record.keyType().tagValue() + ", the key is "
                + own.type().tagValue());
        }
        if (record.revoked()) {
            return Optional.of("the published record revokes the key (empty p=)");
        }
        DkimPublicKey published = record.key().orElseThrow();
        if (!Arrays.equals(published.encoded(), own.encoded())) {
            return Optional.of("the published p= is another " + published.bits() + "-bit " + own.type().tagValue()
                + " key");
        }
        if (!record.allowsHash(algorithm.hashName())) {
            return Optional.of("the published h=" + String.join(":", record.hashAlgorithms()) + " excludes "
                + algorithm.hashName());
        }
        if (!record.allowsEmail()) {
            return Optional.of("the published s=" + String.join(":", record.serviceTypes()) + " excludes email");
        }
        return Optional.empty();
    }
}
