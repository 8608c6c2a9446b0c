package org.postwarden.arc;

import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.postwarden.dkim.BodyHash;
import org.postwarden.dkim.DkimPublicKey;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dkim.SigningInput;
import org.postwarden.dns.DnsResolver;

/**
 * Validates the ARC chain of a message (RFC 8617 §5.2): the structure, the newest
 * ARC-Message-Signature, then every ARC-Seal from the newest down. On a pass, the older
 * ARC-Message-Signatures are checked too, for {@link ArcValidation#oldestPass()} (steps 5 and 6, done
 * last as the value only matters on a pass). The clock decides whether an ARC-Message-Signature x=
 * has passed. Immutable and thread-safe.
 */
public final class ArcValidator {
    private final DnsResolver resolver;
    private final Clock clock;

    public ArcValidator(DnsResolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ArcValidation validate(byte[] message) {
        return validate(RawMessage.parse(message));
    }

    public ArcValidation validate(RawMessage message) {
        ArcChain chain = ArcChain.extract(message);
        if (chain.isEmpty()) {
            // §5.2 step 1: no ARC sets, cv=none.
            return ArcValidation.none();
        }
        List<ArcSet> sets;
        try {
            sets = chain.sets();
        } catch (ArcException e) {
            return ArcValidation.fail(e.failure(), chain.highestInstance(), List.of());
        }
        Validation validation = new Validation(message);
        int n = sets.size();
        try {
            // §5.2 step 4: the newest ARC-Message-Signature MUST validate.
            validation.verifyMessageSignature(sets.get(n - 1).messageSignature());
            // §5.2 step 7: every ARC-Seal, newest first, MUST validate.
            for (int i = n; i >= 1; i--) {
                validation.verifySeal(sets, i);
            }
        } catch (ArcException e) {
            return ArcValidation.fail(e.failure(), n, sets);
        }
        return ArcValidation.pass(sets, validation.oldestPass(sets));
    }

    /** The state of one validation: the keys already fetched (body hashes are kept by the message). */
    private final class Validation {
        private final RawMessage message;
        private final ArcKeyFetcher keys = new ArcKeyFetcher(resolver);

        private Validation(RawMessage message) {
            this.message = message;
        }

        /**
         * §5.2 steps 5 and 6: going down from N-1, the first instance whose ARC-Message-Signature fails ends
         * the run; oldest-pass is the instance above it, or 0 when all of them validate.
         */
        int oldestPass(List<ArcSet> sets) {
            for (int i = sets.size() - 1; i >= 1; i--) {
                try {
                    verifyMessageSignature(sets.get(i - 1).messageSignature());
                } catch (ArcException e) {
                    return i + 1;
                }
            }
            return 0;
        }

        /** As a DKIM signature (§4.1.2, RFC 6376 §6.1), under its own c= canonicalization. */
        void verifyMessageSignature(ArcMessageSignature ams) throws ArcException {
            int i = ams.instance();
            if (ams.expiration().isPresent() && clock.instant().isAfter(ams.expiration().get())) {
                throw new ArcException(ArcFailure.Reason.SIGNATURE_EXPIRED,
                    "ARC-Message-Signature i=" + i + " expired at " + ams.expiration().get());
            }
            BodyHash body = message.bodyHash(ams.bodyCanonicalization(), ams.bodyLength());
            boolean tooShort = ams.bodyLength().isPresent() && body.canonicalLength() < ams.bodyLength().getAsLong();
            if (tooShort || !MessageDigest.isEqual(body.digest(), ams.bodyHash())) {
                throw new ArcException(ArcFailure.Reason.BODY_HASH_MISMATCH,
                    "ARC-Message-Signature i=" + i + " body hash did not verify");
            }
            DkimPublicKey key = keys.fetch(ams.keyName(), ams.algorithm());
            byte[] signed = SigningInput.compute(message, ams.signedHeaders(), ams.headerCanonicalization(),
                ams.unsignedField());
            if (!key.verify(signed, ams.signature())) {
                throw new ArcException(ArcFailure.Reason.AMS_SIGNATURE_MISMATCH,
                    "ARC-Message-Signature i=" + i + " did not verify");
            }
        }

        /** §5.1.1: the seal of instance i covers sets 1 to i, its own b= emptied. */
        void verifySeal(List<ArcSet> sets, int i) throws ArcException {
            List<String> fields = new ArrayList<>(3 * i);
            for (ArcSet set : sets.subList(0, i)) {
                fields.add(set.authenticationResults().field());
                fields.add(set.messageSignature().field());
                fields.add(set.instance() == i ? set.seal().unsignedField() : set.seal().field());
            }
            ArcSeal seal = sets.get(i - 1).seal();
            DkimPublicKey key = keys.fetch(seal.keyName(), seal.algorithm());
            if (!key.verify(SealSigningInput.compute(fields), seal.signature())) {
                throw new ArcException(ArcFailure.Reason.SEAL_SIGNATURE_MISMATCH,
                    "ARC-Seal i=" + i + " did not verify");
            }
        }
    }
}
