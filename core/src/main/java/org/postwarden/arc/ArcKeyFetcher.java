package org.postwarden.arc;

import java.util.HashMap;
import java.util.Map;
import org.postwarden.dkim.DkimAlgorithm;
import org.postwarden.dkim.DkimException;
import org.postwarden.dkim.DkimKeyRecord;
import org.postwarden.dkim.DkimKeyRecords;
import org.postwarden.dkim.DkimKeyType;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPublicKey;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * Fetches and checks the DKIM key records ARC signatures point to (RFC 8617 §4.1.2, §4.1.3 defer to
 * RFC 6376 §3.6.2 and §6.1.2). Remembers the answers it got: one instance per validation, so that
 * a sealer used for several hops is asked for once.
 */
final class ArcKeyFetcher {
    private final DnsResolver resolver;
    private final Map<String, DnsAnswer> answers = new HashMap<>();

    ArcKeyFetcher(DnsResolver resolver) {
        this.resolver = resolver;
    }

    DkimPublicKey fetch(String keyName, DkimAlgorithm algorithm) throws ArcException {
        DnsAnswer answer = answers.computeIfAbsent(keyName, name -> resolver.lookup(name, RecordType.TXT));
        switch (answer.status()) {
            case TEMPFAIL:
                throw new ArcException(ArcFailure.Reason.KEY_UNAVAILABLE,
                    "key query for " + keyName + " failed: " + answer.reason());
            case NXDOMAIN:
            case NODATA:
                throw new ArcException(ArcFailure.Reason.KEY_INVALID, "no key at " + keyName);
            default:
                break;
        }
        // RFC 6376 §3.6.2.2: several records give undefined results; the first usable one is taken.
        String firstError = null;
        for (String txt : answer.texts()) {
            DkimKeyRecord record;
            try {
                record = DkimKeyRecords.parse(txt);
            } catch (DkimException e) {
                firstError = firstError == null ? keyName + ": " + e.getMessage() : firstError;
                continue;
            }
            return check(keyName, record, algorithm);
        }
        throw new ArcException(ArcFailure.Reason.KEY_INVALID, firstError != null ? firstError : "no key at " + keyName);
    }

    /** RFC 6376 §6.1.2 and RFC 8301 §3.2, as {@code DkimVerifier} applies them. */
    private static DkimPublicKey check(String keyName, DkimKeyRecord record, DkimAlgorithm algorithm)
        throws ArcException {
        String problem = null;
        if (record.revoked()) {
            problem = "key revoked";
        } else if (record.keyType() != algorithm.keyType()) {
            problem = "k=" + record.keyType().tagValue() + " key for a=" + algorithm.tagValue();
        } else if (!record.allowsHash(algorithm.hashName())) {
            problem = "key h= does not list " + algorithm.hashName();
        } else if (!record.allowsEmail()) {
            problem = "key not for email";
        } else if (record.keyType() == DkimKeyType.RSA
            && record.key().orElseThrow().bits() < DkimKeys.MINIMUM_RSA_BITS) {
            problem = "RSA key shorter than " + DkimKeys.MINIMUM_RSA_BITS + " bits";
        }
        if (problem != null) {
            throw new ArcException(ArcFailure.Reason.KEY_INVALID, keyName + ": " + problem);
        }
        return record.key().orElseThrow();
    }
}
