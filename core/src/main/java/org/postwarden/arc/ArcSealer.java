package org.postwarden.arc;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.postwarden.authresults.AuthservId;
import org.postwarden.dkim.Canonicalization;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dkim.SignedHeaders;
import org.postwarden.dkim.SignerBuilder;
import org.postwarden.dkim.SignerStages;
import org.postwarden.dkim.SigningInput;
import org.postwarden.dkim.TagListWriter;

/**
 * Adds an ARC set to a message (RFC 8617 §5.1). Built in stages:
 * <pre>
 * ArcSealer sealer = ArcSealer.withKey(key).domain("forwarder.example").selector("arc")
 *     .authservId("mx.forwarder.example").build();
 * ArcSealResult result = sealer.seal(message, "spf=pass smtp.mailfrom=a.example; dkim=pass header.d=a.example",
 *     validator.validate(message));
 * // write result.headerBlock() on top of the message
 * </pre>
 * The ARC-Message-Signature is c=relaxed/relaxed with tags i a c d s t h bh b; the ARC-Seal has
 * i a t cv d s b, as mailauth orders them. By default the ARC-Message-Signature covers the fields of
 * {@link SignedHeaders#recommendedWithDkimSignatures()}: the recommended fields, oversigned the same
 * way, plus every DKIM-Signature present, as mailauth does (RFC 8617 §4.1.2 recommends covering them);
 * never Authentication-Results, which later hops may remove. Immutable and thread-safe.
 */
public final class ArcSealer {
    private static final Pattern AUTHSERV_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern FOLDED_TEXT = Pattern.compile("([^\\r\\n]|\\r\\n[ \\t])*");
    private static final Canonicalization CANONICALIZATION = Canonicalization.RELAXED;

    private final SignerBuilder.Settings settings;
    private final String authservId;

    private ArcSealer(Builder builder) {
        this.settings = builder.settings();
        this.authservId = builder.authservId;
    }

    public static SignerStages.NeedDomain<NeedAuthservId> withKey(DkimPrivateKey key) {
        return new Builder(key);
    }

    public interface NeedAuthservId {
        /** The authserv-id written in the ARC-Authentication-Results, normally that of our Authentication-Results. */
        Options authservId(String authservId);
    }

    public interface Options extends SignerStages.Options<Options, ArcSealer> {
        /** The fields the ARC-Message-Signature covers; ARC-Seal is refused when sealing (RFC 8617 §4.1.2). */
        Options headers(SignedHeaders headers);
    }

    public ArcSealResult seal(byte[] message, String authenticationResults, ArcValidation incoming) {
        return seal(RawMessage.parse(message), authenticationResults, incoming);
    }

    /**
     * Seals {@code message}, already modified as it will be sent (§5.1 step 1).
     *
     * @param authenticationResults the resinfos of our Authentication-Results for this message
     *     ({@code "spf=pass smtp.mailfrom=...; dkim=pass ..."}), optionally preceded by our authserv-id
     *     and ";", copied into the ARC-Authentication-Results; blank means "none"
     * @param incoming the validation of the chain as the message arrived, which gives cv=. When it
     *     failed only {@link ArcValidation#temporary() temporarily}, deferring may be better than
     *     sealing cv=fail, which ends the chain for good.
     * @throws IllegalArgumentException when {@code incoming} saw another chain than the message carries
     */
    public ArcSealResult seal(RawMessage message, String authenticationResults, ArcValidation incoming) {
        ArcChain chain = ArcChain.extract(message);
        int n = chain.highestInstance();
        if (incoming.instanceCount() != n) {
            throw new IllegalArgumentException("the validation saw " + incoming.instanceCount()
                + " ARC sets, the message carries " + n);
        }
        int instance = n + 1;
        ChainValidationStatus cv = incoming.cv();
        if (chain.latestCv().filter(c -> c == ChainValidationStatus.FAIL).isPresent()) {
            // §5.1 step 2: the newest ARC-Seal already reports cv=fail; the algorithm stops.
            return new ArcSealResult(ArcSealResult.Status.CHAIN_TERMINATED, instance, cv, List.of());
        }
        if (instance > ArcChain.MAX_SETS) {
            // §4.2.1: instance values range from 1 to 50.
            return new ArcSealResult(ArcSealResult.Status.INSTANCE_LIMIT, instance, cv, List.of());
        }
        List<String> fields = new ArrayList<>();
        if (cv == ChainValidationStatus.PASS) {
            try {
                for (ArcSet set : chain.sets()) {
                    fields.addAll(List.of(set.authenticationResults().field(), set.messageSignature().field(),
                        set.seal().field()));
                }
            } catch (ArcException e) {
                // The chain changed since it passed; it no longer does.
                cv = ChainValidationStatus.FAIL;
                fields.clear();
            }
        }
        // §5.1.2: with cv=fail, the seal covers only the set being added, as if it were the only one.
        long t = settings.signingTime();
        String aar = authenticationResultsField(instance, authenticationResults);
        String ams = messageSignature(message, instance, t);
        fields.add(aar);
        fields.add(ams);
        TagListWriter seal = new TagListWriter(ArcChain.SEAL)
            .tag("i", Integer.toString(instance))
            .tag("a", settings.key().algorithm().tagValue())
            .tag("t", Long.toString(t))
            .tag("cv", cv.tagValue())
            .tag("d", settings.domain())
            .tag("s", settings.selector());
        fields.add(seal.lastTag("b").text());
        String sealField = seal.lastValue(base64(settings.key().sign(SealSigningInput.compute(fields))));
        return new ArcSealResult(ArcSealResult.Status.SEALED, instance, cv, List.of(aar, ams, sealField));
    }

    private String authenticationResultsField(int instance, String authenticationResults) {
        String resinfos = authenticationResults.strip();
        if (AuthservId.isOurs(resinfos, authservId)) {
            int semicolon = resinfos.indexOf(';');
            resinfos = semicolon < 0 ? "" : resinfos.substring(semicolon + 1).strip();
        }
        if (!FOLDED_TEXT.matcher(resinfos).matches()) {
            throw new IllegalArgumentException("line breaks must be folds (CRLF then WSP): " + resinfos);
        }
        return ArcAuthenticationResults.FIELD_NAME + ": i=" + instance + "; " + authservId + ";\r\n\t"
            + (resinfos.isEmpty() ? "none" : resinfos);
    }

    private String messageSignature(RawMessage message, int instance, long t) {
        List<String> signed = settings.headers().select(message);
        if (signed.stream().anyMatch(ArcChain.SEAL::equalsIgnoreCase)) {
            // §4.1.2: ARC-Seal header fields MUST NOT be covered by the ARC-Message-Signature.
            throw new IllegalArgumentException("the ARC-Message-Signature must not sign ARC-Seal");
        }
        byte[] bodyHash = message.bodyHash(CANONICALIZATION, OptionalLong.empty()).digest();
        TagListWriter writer = new TagListWriter(ArcChain.MESSAGE_SIGNATURE)
            .tag("i", Integer.toString(instance))
            .tag("a", settings.key().algorithm().tagValue())
            .tag("c", CANONICALIZATION.tagValue() + "/" + CANONICALIZATION.tagValue())
            .tag("d", settings.domain())
            .tag("s", settings.selector())
            .tag("t", Long.toString(t))
            .list("h", signed)
            .tag("bh", base64(bodyHash));
        String unsigned = writer.lastTag("b").text();
        return writer.lastValue(base64(settings.key().sign(SigningInput.compute(message, signed, CANONICALIZATION, unsigned))));
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static final class Builder extends SignerBuilder<NeedAuthservId, Options>
        implements NeedAuthservId, Options {
        private String authservId;

        private Builder(DkimPrivateKey key) {
            super(key, SignedHeaders.recommendedWithDkimSignatures());
        }

        @Override
        protected NeedAuthservId next() {
            return this;
        }

        @Override
        protected Options options() {
            return this;
        }

        @Override
        public Options authservId(String authservId) {
            if (authservId == null || !AUTHSERV_ID.matcher(authservId).matches()) {
                throw new IllegalArgumentException("invalid authserv-id \"" + authservId + "\"");
            }
            this.authservId = authservId;
            return this;
        }

        @Override
        public ArcSealer build() {
            return new ArcSealer(this);
        }
    }
}
