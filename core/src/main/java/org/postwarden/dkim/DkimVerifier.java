package org.postwarden.dkim;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * Verifies every DKIM-Signature of a message (RFC 6376 §6), returning one {@link DkimResult} per
 * field, top to bottom, or a single NONE result when there is none. Fields beyond the signature
 * limit (default 10) are parsed but not checked: they get POLICY / TOO_MANY_SIGNATURES, so no
 * key is queried for them. Immutable and thread-safe.
 */
public final class DkimVerifier {
    public static final int DEFAULT_SIGNATURE_LIMIT = 10;
    private static final String FIELD_NAME = "DKIM-Signature";

    private final DnsResolver resolver;
    private final Clock clock;
    private final int signatureLimit;
    private final int minimumRsaBits;

    public DkimVerifier(DnsResolver resolver, Clock clock) {
        this(resolver, clock, DEFAULT_SIGNATURE_LIMIT, DkimKeys.MINIMUM_RSA_BITS);
    }

    private DkimVerifier(DnsResolver resolver, Clock clock, int signatureLimit, int minimumRsaBits) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.signatureLimit = signatureLimit;
        this.minimumRsaBits = minimumRsaBits;
    }

    /** How many signatures to check at most; the others are reported as POLICY. */
    public DkimVerifier withSignatureLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("signature limit must be positive, got " + limit);
        }
        return new DkimVerifier(resolver, clock, limit, minimumRsaBits);
    }

    /** RSA keys under this size give POLICY / WEAK_KEY; under 1024 bits they always give PERMERROR. */
    public DkimVerifier withMinimumRsaBits(int bits) {
        if (bits < DkimKeys.MINIMUM_RSA_BITS) {
            throw new IllegalArgumentException("RFC 8301 forbids accepting RSA keys under 1024 bits, got " + bits);
        }
        return new DkimVerifier(resolver, clock, signatureLimit, bits);
    }

    public List<DkimResult> verify(byte[] message) {
        return verify(RawMessage.parse(message));
    }

    public List<DkimResult> verify(RawMessage message) {
        List<HeaderField> fields = message.headers(FIELD_NAME);
        if (fields.isEmpty()) {
            return List.of(DkimResult.none());
        }
        List<DkimResult> results = new ArrayList<>(fields.size());
        for (HeaderField field : fields) {
            results.add(results.size() < signatureLimit
                ? verifyOne(message, field)
                : notEvaluated(field));
        }
        return List.copyOf(results);
    }

    private DkimResult notEvaluated(HeaderField field) {
        DkimFailure failure = new DkimFailure(DkimFailure.Reason.TOO_MANY_SIGNATURES,
            "signature not evaluated: more than " + signatureLimit + " signatures");
        try {
            return DkimResult.failed(failure, Optional.of(DkimSignatureParser.parse(field)), false);
        } catch (DkimException e) {
            return DkimResult.failed(failure, Optional.empty(), false);
        }
    }

    private DkimResult verifyOne(RawMessage message, HeaderField field) {
        DkimSignature signature;
        try {
            signature = DkimSignatureParser.parse(field);
        } catch (DkimException e) {
            return DkimResult.failed(e.failure(), Optional.empty(), false);
        }
        boolean testing = false;
        try {
            checkUsable(signature);
            checkBodyHash(message, signature);
            DkimKeyRecord record = fetchKey(signature);
            testing = record.testing();
            DkimPublicKey key = checkKey(signature, record);
            byte[] signed = SigningInput.compute(message, signature.signedHeaders(),
                signature.headerCanonicalization(), signature.unsignedField());
            if (!key.verify(signed, signature.signature())) {
                throw new DkimException(DkimFailure.Reason.SIGNATURE_MISMATCH);
            }
            return DkimResult.pass(signature, testing);
        } catch (DkimException e) {
            return DkimResult.failed(e.failure(), Optional.of(signature), testing);
        }
    }

    private void checkUsable(DkimSignature signature) throws DkimException {
        if (signature.algorithm() == DkimAlgorithm.RSA_SHA1) {
            // RFC 8301 §3.1: verifiers MUST NOT consider rsa-sha1 signatures valid.
            throw new DkimException(DkimFailure.Reason.INSECURE_ALGORITHM);
        }
        if (signature.expiration().isPresent() && clock.instant().isAfter(signature.expiration().get())) {
            // RFC 6376 §6.1.1: verifiers MAY ignore expired signatures; reported NEUTRAL like mailauth.
            throw new DkimException(DkimFailure.Reason.SIGNATURE_EXPIRED,
                "signature expired at " + signature.expiration().get());
        }
    }

    private static void checkBodyHash(RawMessage message, DkimSignature signature) throws DkimException {
        BodyHash computed = message.bodyHash(signature.bodyCanonicalization(), signature.bodyLength());
        if (signature.bodyLength().isPresent() && computed.canonicalLength() < signature.bodyLength().getAsLong()) {
            throw new DkimException(DkimFailure.Reason.BODY_HASH_MISMATCH,
                "body is shorter than l=" + signature.bodyLength().getAsLong());
        }
        // §6.1.3: PERMFAIL (body hash did not verify); NEUTRAL in RFC 8601 terms, as Stalwart and mailauth say.
        if (!MessageDigest.isEqual(computed.digest(), signature.bodyHash())) {
            throw new DkimException(DkimFailure.Reason.BODY_HASH_MISMATCH);
        }
    }

    private DkimKeyRecord fetchKey(DkimSignature signature) throws DkimException {
        DnsAnswer answer = resolver.lookup(signature.keyName(), RecordType.TXT);
        switch (answer.status()) {
            case TEMPFAIL:
                throw new DkimException(DkimFailure.Reason.KEY_UNAVAILABLE,
                    "key query for " + signature.keyName() + " failed: " + answer.reason());
            case NXDOMAIN:
            case NODATA:
                throw new DkimException(DkimFailure.Reason.NO_KEY, "no key at " + signature.keyName());
            default:
                break;
        }
        // §3.6.2.2: several records give undefined results; the first usable one is taken.
        DkimException first = null;
        for (String txt : answer.texts()) {
            try {
                return DkimKeyRecords.parse(txt);
            } catch (DkimException e) {
                first = first == null ? e : first;
            }
        }
        throw first != null ? first : new DkimException(DkimFailure.Reason.NO_KEY, "no key at " + signature.keyName());
    }

    /** §6.1.2: checks the key record against the signature, returning the key to verify with. */
    private DkimPublicKey checkKey(DkimSignature signature, DkimKeyRecord record) throws DkimException {
        if (record.revoked()) {
            throw new DkimException(DkimFailure.Reason.KEY_REVOKED);
        }
        if (record.keyType() != signature.algorithm().keyType()) {
            throw new DkimException(DkimFailure.Reason.KEY_TYPE_MISMATCH,
                "k=" + record.keyType().tagValue() + " key for a=" + signature.algorithm().tagValue());
        }
        if (!record.allowsHash(signature.algorithm().hashName())) {
            throw new DkimException(DkimFailure.Reason.KEY_HASH_MISMATCH,
                "key h= does not list " + signature.algorithm().hashName());
        }
        if (!record.allowsEmail()) {
            throw new DkimException(DkimFailure.Reason.KEY_SERVICE_MISMATCH);
        }
        if (record.strict() && signature.identity().isPresent()) {
            String identity = signature.identity().get();
            if (!identity.substring(identity.lastIndexOf('@') + 1).equalsIgnoreCase(signature.domain())) {
                throw new DkimException(DkimFailure.Reason.STRICT_IDENTITY_MISMATCH,
                    "key flag t=s forbids i=" + identity + " under d=" + signature.domain());
            }
        }
        DkimPublicKey key = record.key().orElseThrow();
        if (key.type() == DkimKeyType.RSA && key.bits() < DkimKeys.MINIMUM_RSA_BITS) {
            // RFC 8301 §3.2: verifiers MUST NOT consider signatures with keys under 1024 bits valid.
            throw new DkimException(DkimFailure.Reason.KEY_TOO_SHORT, "RSA key of " + key.bits() + " bits");
        }
        if (key.type() == DkimKeyType.RSA && key.bits() < minimumRsaBits) {
            throw new DkimException(DkimFailure.Reason.WEAK_KEY,
                "RSA key of " + key.bits() + " bits, local minimum " + minimumRsaBits);
        }
        return key;
    }
}
