package org.postwarden.arc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.postwarden.common.TagValueList;
import org.postwarden.dkim.HeaderField;
import org.postwarden.dkim.RawMessage;

/**
 * The ARC header fields of a message grouped by instance (RFC 8617 §5.2 step 1), before any
 * signature is checked. {@link #sets()} applies the structure rules of §5.2 steps 1 to 3.
 */
public final class ArcChain {
    /** RFC 8617 §4.2.1: instances range from 1 to 50. */
    public static final int MAX_SETS = 50;
    public static final String SEAL = "ARC-Seal";
    public static final String MESSAGE_SIGNATURE = "ARC-Message-Signature";
    private static final List<String> FIELD_NAMES =
        List.of(ArcAuthenticationResults.FIELD_NAME, MESSAGE_SIGNATURE, SEAL);

    /** Fields of one instance, by {@link #FIELD_NAMES} index. */
    private record Instance(List<List<HeaderField>> fields) {
        Instance() {
            this(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
        }
    }

    private final TreeMap<Integer, Instance> instances;
    private final List<HeaderField> withoutInstance;

    private ArcChain(TreeMap<Integer, Instance> instances, List<HeaderField> withoutInstance) {
        this.instances = instances;
        this.withoutInstance = List.copyOf(withoutInstance);
    }

    public static ArcChain extract(RawMessage message) {
        TreeMap<Integer, Instance> instances = new TreeMap<>();
        List<HeaderField> withoutInstance = new ArrayList<>();
        for (HeaderField field : message.headers()) {
            int kind = kind(field);
            if (kind < 0) {
                continue;
            }
            OptionalLong instance = instanceOf(field);
            if (instance.isEmpty()) {
                withoutInstance.add(field);
            } else {
                Instance group = instances.computeIfAbsent((int) instance.getAsLong(), i -> new Instance());
                group.fields().get(kind).add(field);
            }
        }
        return new ArcChain(instances, withoutInstance);
    }

    /** True when the message carries no ARC header field at all: cv=none. */
    public boolean isEmpty() {
        return instances.isEmpty() && withoutInstance.isEmpty();
    }

    /** N: the highest instance number found, 0 if none (RFC 8617 §5.1 step 3). */
    public int highestInstance() {
        return instances.isEmpty() ? 0 : instances.lastKey();
    }

    /** The cv= of the ARC-Seal with the highest instance, when there is exactly one and it says one. */
    public Optional<ChainValidationStatus> latestCv() {
        if (instances.isEmpty()) {
            return Optional.empty();
        }
        List<HeaderField> seals = instances.lastEntry().getValue().fields().get(2);
        if (seals.size() != 1) {
            return Optional.empty();
        }
        try {
            return TagValueList.parse(seals.get(0).value()).get("cv").flatMap(ChainValidationStatus::fromTagValue);
        } catch (TagValueList.SyntaxException e) {
            return Optional.empty();
        }
    }

    /**
     * The sets from instance 1 to N, once the structure is known to be valid (RFC 8617 §5.2 steps 1 to
     * 3); an empty list when there is no ARC field.
     */
    public List<ArcSet> sets() throws ArcException {
        if (!withoutInstance.isEmpty()) {
            throw new ArcException(ArcFailure.Reason.MALFORMED,
                withoutInstance.get(0).name() + " without a valid i= instance tag");
        }
        int n = highestInstance();
        if (n > MAX_SETS) {
            // §5.2 step 1: more than 50 ARC sets is a failed chain.
            throw new ArcException(ArcFailure.Reason.TOO_MANY_SETS, "instance i=" + n + " is above " + MAX_SETS);
        }
        if (latestCv().filter(cv -> cv == ChainValidationStatus.FAIL).isPresent()) {
            // §5.2 step 2: the highest instance says cv=fail, the chain fails.
            throw new ArcException(ArcFailure.Reason.CHAIN_FAILED, "ARC-Seal i=" + n + " reports cv=fail");
        }
        List<ArcSet> sets = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            sets.add(set(i, instances.get(i)));
        }
        return List.copyOf(sets);
    }

    private static ArcSet set(int i, Instance instance) throws ArcException {
        if (instance == null) {
            // §5.2 step 3.2: instances form a continuous sequence 1..N.
            throw new ArcException(ArcFailure.Reason.BROKEN_CHAIN, "no ARC set i=" + i);
        }
        for (int kind = 0; kind < FIELD_NAMES.size(); kind++) {
            int count = instance.fields().get(kind).size();
            if (count != 1) {
                // §5.2 step 3.1: each set has exactly one of each of the three fields.
                throw new ArcException(ArcFailure.Reason.BROKEN_CHAIN,
                    "ARC set i=" + i + " has " + count + " " + FIELD_NAMES.get(kind) + " fields");
            }
        }
        ArcAuthenticationResults aar = ArcAuthenticationResults.parse(instance.fields().get(0).get(0));
        ArcMessageSignature ams = ArcMessageSignatureParser.parse(instance.fields().get(1).get(0));
        ArcSeal seal = ArcSealParser.parse(instance.fields().get(2).get(0));
        // §5.2 step 3.3: no cv=fail; cv=none for instance 1 and cv=pass above it.
        if (seal.cv() == ChainValidationStatus.FAIL) {
            throw new ArcException(ArcFailure.Reason.CHAIN_FAILED, "ARC-Seal i=" + i + " reports cv=fail");
        }
        ChainValidationStatus expected = i == 1 ? ChainValidationStatus.NONE : ChainValidationStatus.PASS;
        if (seal.cv() != expected) {
            throw new ArcException(ArcFailure.Reason.INVALID_CV,
                "ARC-Seal i=" + i + " has cv=" + seal.cv().tagValue() + ", expected cv=" + expected.tagValue());
        }
        return new ArcSet(i, aar, ams, seal);
    }

    private static int kind(HeaderField field) {
        for (int kind = 0; kind < FIELD_NAMES.size(); kind++) {
            if (field.hasName(FIELD_NAMES.get(kind))) {
                return kind;
            }
        }
        return -1;
    }

    private static OptionalLong instanceOf(HeaderField field) {
        if (field.hasName(ArcAuthenticationResults.FIELD_NAME)) {
            return ArcAuthenticationResults.instanceOf(field.value());
        }
        try {
            Optional<String> i = TagValueList.parse(field.value()).get("i");
            return i.isPresent() ? ArcTags.instanceOf(i.get()) : OptionalLong.empty();
        } catch (TagValueList.SyntaxException e) {
            return OptionalLong.empty();
        }
    }
}
