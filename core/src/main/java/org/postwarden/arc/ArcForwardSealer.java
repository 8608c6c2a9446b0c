package org.postwarden.arc;

import com.google.common.collect.Lists;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.postwarden.authresults.OurResults;
import org.postwarden.dkim.RawMessage;

/**
 * Seals a message on its way out as a forwarder (RFC 8617 §5.1): validates the chain it carries for cv=, copies
 * our own Authentication-Results into the ARC-Authentication-Results and puts the new set on top. The one code
 * path of the ArcSeal mailet and of {@code postwarden-auth arc-seal}:
 * <pre>
 * ArcForwardSeal seal = new ArcForwardSealer(validator, "mx.forwarder.example").seal(message, () -&gt; Optional.of(sealer));
 * </pre>
 * Only a message we checked on the way in (it carries an Authentication-Results with our authserv-id) is sealed,
 * never one without a determinable author domain ({@code dmarc=permerror}). Immutable and thread-safe.
 */
public final class ArcForwardSealer {

    private final ArcValidator validator;
    private final String authservId;

    public ArcForwardSealer(ArcValidator validator, String authservId) {
        this.validator = Objects.requireNonNull(validator, "validator");
        this.authservId = Objects.requireNonNull(authservId, "authservId");
    }

    /**
     * @param sealer asked only once the message qualifies, so that a key store is read only for mail to seal;
     *     empty when there is no key to seal with
     */
    public ArcForwardSeal seal(RawMessage message, Supplier<Optional<ArcSealer>> sealer) {
        Optional<OurResults> ours = OurResults.in(message, authservId);
        if (ours.isEmpty()) {
            return ArcForwardSeal.notSealed(ArcForwardSeal.Status.NOT_CHECKED_BY_US);
        }
        if (ours.get().says("dmarc", "permerror")) {
            // No determinable author domain: our seal would vouch for a From that no DMARC policy could check.
            return ArcForwardSeal.notSealed(ArcForwardSeal.Status.DMARC_PERMERROR);
        }
        Optional<ArcSealer> chosen = sealer.get();
        if (chosen.isEmpty()) {
            return ArcForwardSeal.notSealed(ArcForwardSeal.Status.NO_KEY);
        }
        ArcValidation incoming = validator.validate(message);
        ArcSealResult result = chosen.get().seal(message, ours.get().value().replace("\r\n", ""), incoming);
        if (!result.sealed()) {
            return ArcForwardSeal.notSealed(result.status() == ArcSealResult.Status.CHAIN_TERMINATED
                ? ArcForwardSeal.Status.CHAIN_TERMINATED : ArcForwardSeal.Status.INSTANCE_LIMIT, incoming);
        }
        // §5.1: the new set on top, ARC-Seal first.
        byte[] sealed = message.rewriteHeaders(Lists.reverse(result.fields()), field -> true);
        return ArcForwardSeal.sealed(result, incoming, sealed);
    }
}
