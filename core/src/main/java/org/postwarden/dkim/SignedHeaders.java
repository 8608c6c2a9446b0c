package org.postwarden.dkim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which header fields a signer lists in h=, decided per message. Either a fixed list, copied to
 * h= as is, or a list of names whose every present instance is signed, plus "oversigned" names
 * listed once more so that no instance can be added later (RFC 6376 §8.15), even when absent.
 */
public final class SignedHeaders {
    private static final List<String> RECOMMENDED = List.of("from", "to", "cc", "subject", "date", "reply-to",
        "message-id", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding",
        "list-id", "list-help", "list-unsubscribe", "list-unsubscribe-post", "list-subscribe", "list-post",
        "list-owner", "list-archive");
    private static final List<String> RECOMMENDED_OVERSIGNED = List.of("from", "to", "cc", "subject", "date",
        "reply-to", "message-id", "mime-version", "content-type", "content-transfer-encoding");

    private final List<String> names;
    private final Set<String> oversigned;
    private final boolean fixed;
    /** Position of each lower-cased name in {@link #names}, when not fixed. */
    private final Map<String, Integer> positions;

    private SignedHeaders(List<String> names, Set<String> oversigned, boolean fixed) {
        this.names = List.copyOf(names);
        this.oversigned = Set.copyOf(oversigned);
        this.fixed = fixed;
        Map<String, Integer> positions = new HashMap<>();
        if (!fixed) {
            for (int i = 0; i < this.names.size(); i++) {
                positions.put(this.names.get(i), i);
            }
        }
        this.positions = Map.copyOf(positions);
    }

    /** h= is exactly {@code names}; it must list From (RFC 6376 §5.4). */
    public static SignedHeaders exactly(List<String> names) {
        if (names.stream().noneMatch("from"::equalsIgnoreCase)) {
            throw new IllegalArgumentException("h= must list From (RFC 6376 §5.4)");
        }
        return new SignedHeaders(names, Set.of(), true);
    }

    /** Signs every present instance of {@code names}, and one more of each {@code oversigned} name. */
    public static SignedHeaders present(List<String> names, Collection<String> oversigned) {
        Set<String> allNames = lowerCase(names);
        allNames.addAll(lowerCase(oversigned));
        if (!allNames.contains("from")) {
            throw new IllegalArgumentException("From must be signed (RFC 6376 §5.4)");
        }
        return new SignedHeaders(List.copyOf(allNames), lowerCase(oversigned), false);
    }

    /**
     * From, To, Cc, Subject, Date, Reply-To, Message-ID, In-Reply-To, References, the MIME
     * headers and the List-* headers, with From, To, Cc, Subject, Date, Reply-To, Message-ID,
     * MIME-Version, Content-Type and Content-Transfer-Encoding oversigned.
     */
    public static SignedHeaders recommended() {
        return present(RECOMMENDED, RECOMMENDED_OVERSIGNED);
    }

    /** The h= list for this message. */
    public List<String> select(RawMessage message) {
        if (fixed) {
            return names;
        }
        // One pass over the fields, counting the instances of each name (names are lower case).
        int[] present = new int[names.size()];
        int total = 0;
        for (HeaderField field : message.headers()) {
            Integer position = positions.get(field.lowerCaseName());
            if (position != null) {
                present[position]++;
                total++;
            }
        }
        List<String> selected = new ArrayList<>(total + oversigned.size());
        for (int position = 0; position < names.size(); position++) {
            String name = names.get(position);
            int times = present[position] + (oversigned.contains(name) ? 1 : 0);
            for (int i = 0; i < times; i++) {
                selected.add(name);
            }
        }
        return selected;
    }

    private static Set<String> lowerCase(Collection<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
