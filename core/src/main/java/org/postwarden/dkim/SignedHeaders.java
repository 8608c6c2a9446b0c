package org.postwarden.dkim;

import java.util.ArrayList;
import java.util.Arrays;
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
    /** Whether the name at each position of {@link #names} is oversigned. */
    private final boolean[] oversigned;
    private final boolean fixed;
    /** Position of each lower-cased name in {@link #names}, when not fixed. */
    private final Map<String, Integer> positions;
    /** The field names of the last message picked from, and what was picked: a sender's messages mostly repeat them. */
    private volatile Layout lastLayout;

    private SignedHeaders(List<String> names, Set<String> oversigned, boolean fixed) {
        names.forEach(SignedHeaders::requireFieldName);
        this.names = List.copyOf(names);
        this.oversigned = new boolean[names.size()];
        for (int i = 0; i < this.oversigned.length; i++) {
            this.oversigned[i] = oversigned.contains(this.names.get(i));
        }
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

    /**
     * Every DKIM-Signature present, then {@link #recommended()}: what an ARC-Message-Signature covers (RFC 8617
     * §4.1.2 recommends the DKIM-Signatures), in mailauth's order.
     */
    public static SignedHeaders recommendedWithDkimSignatures() {
        List<String> names = new ArrayList<>(RECOMMENDED.size() + 1);
        names.add("dkim-signature");
        names.addAll(RECOMMENDED);
        return present(names, RECOMMENDED_OVERSIGNED);
    }

    /** The h= list for a message and, in the same order, the fields it covers (RFC 6376 §5.4.2). */
    public record Selection(List<String> names, List<HeaderField> fields) {
    }

    /** The h= list for this message. */
    public List<String> select(RawMessage message) {
        return pick(message).names();
    }

    /** The h= list for this message with the fields it covers, as {@link SigningInput#select} picks them. */
    public Selection pick(RawMessage message) {
        if (fixed) {
            return new Selection(names, SigningInput.select(message.headers(), names));
        }
        List<HeaderField> fields = message.headers();
        Layout last = lastLayout;
        if (last != null && last.isOf(fields)) {
            return last.pick(fields);
        }
        Layout layout = layout(fields);
        lastLayout = layout;
        return layout.pick(fields);
    }

    /**
     * One pass over the fields, finding the position of each name (names are lower case); then each
     * name's instances bottom-up, as h= picks them, and no field for an oversigned one.
     */
    private Layout layout(List<HeaderField> fields) {
        String[] fieldNames = new String[fields.size()];
        int[] positionOf = new int[fields.size()];
        int[] present = new int[names.size()];
        for (int i = 0; i < fields.size(); i++) {
            fieldNames[i] = fields.get(i).lowerCaseName();
            Integer position = positions.get(fieldNames[i]);
            positionOf[i] = position == null ? -1 : position;
            if (position != null) {
                present[position]++;
            }
        }
        // h= has each name once per instance, and once more if oversigned; the covered fields
        // come in the same order, without those extra ones.
        List<String> selected = new ArrayList<>(fields.size() + names.size());
        int[] next = new int[names.size()];
        int coveredCount = 0;
        for (int position = 0; position < names.size(); position++) {
            next[position] = coveredCount;
            coveredCount += present[position];
            int times = present[position] + (oversigned[position] ? 1 : 0);
            for (int i = 0; i < times; i++) {
                selected.add(names.get(position));
            }
        }
        int[] covered = new int[coveredCount];
        for (int i = fields.size() - 1; i >= 0; i--) {
            if (positionOf[i] >= 0) {
                covered[next[positionOf[i]]++] = i;
            }
        }
        return new Layout(fieldNames, List.copyOf(selected), covered);
    }

    /** The h= names for messages whose fields have these names, in this order, and the index of each field covered. */
    private record Layout(String[] fieldNames, List<String> names, int[] covered) {
        boolean isOf(List<HeaderField> fields) {
            if (fields.size() != fieldNames.length) {
                return false;
            }
            for (int i = 0; i < fieldNames.length; i++) {
                String name = fields.get(i).lowerCaseName();
                // Common names are shared instances (FieldNames); others compare by value.
                if (name != fieldNames[i] && !name.equals(fieldNames[i])) {
                    return false;
                }
            }
            return true;
        }

        Selection pick(List<HeaderField> fields) {
            HeaderField[] picked = new HeaderField[covered.length];
            for (int i = 0; i < covered.length; i++) {
                picked[i] = fields.get(covered[i]);
            }
            return new Selection(names, Arrays.asList(picked));
        }
    }

    /** RFC 5322 §3.6.8: printable US-ASCII but the colon; which also keeps h= free of the whitespace it folds at. */
    private static void requireFieldName(String name) {
        if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 0x7F)) {
            throw new IllegalArgumentException("\"" + name + "\" is not a header field name (RFC 5322 §3.6.8)");
        }
    }

    private static Set<String> lowerCase(Collection<String> names) {
        return names.stream().map(n -> n.toLowerCase(Locale.ROOT))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    }
}
