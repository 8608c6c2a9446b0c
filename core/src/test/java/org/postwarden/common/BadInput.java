package org.postwarden.common;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile input for the parsers' property tests: valid examples mutated (truncated, bytes
 * flipped, pieces duplicated or dropped, values emptied, huge numbers and non-ASCII spliced in), mixed with
 * wholly random text. Mutations draw from jqwik's seeded Random, so a failing seed replays the same input.
 */
public final class BadInput {
    private static final char[] SPECIALS = {';', '=', ':', '@', ',', '/', '.', '-', '+', '"', '\\', '(', ')', '<', '>',
        '[', ']', '{', '}', ' ', '\t', '\r', '\n', '\0', 0x7F, 'é', 0xFF, '\u2028', '\uFFFF', '\uD800', '0', '9', 'A'};
    private static final List<String> SPLICES = List.of("99999999999999999999999999", "-1", "0", "-0",
        "9223372036854775808", "2147483648", "1e400", "NaN", "", ";", "=", "==", ";;", "::", "@@", "a=", "v=1;",
        "\r\n", "\r\n ", "\n", "\r", "üñï", "\uD83D\uDCA5", "%00", "\\", "\"", "(", "((((((((((", "0x1F", " ".repeat(300),
        "A".repeat(2000));

    private BadInput() {
    }

    /** Mostly mutations of {@code valid}, sometimes the valid examples themselves, sometimes random text. */
    public static Arbitrary<String> near(String... valid) {
        return Arbitraries.frequencyOf(
            Tuple.of(1, Arbitraries.of(valid)),
            Tuple.of(6, Arbitraries.of(valid).flatMap(BadInput::mutated)),
            Tuple.of(2, randomText()));
    }

    /** {@link #near} as ISO-8859-1 bytes, with random binary mixed in. */
    public static Arbitrary<byte[]> nearBytes(String... valid) {
        return Arbitraries.oneOf(
            near(valid).map(s -> s.getBytes(StandardCharsets.ISO_8859_1)),
            Arbitraries.bytes().array(byte[].class).ofMaxSize(600));
    }

    /** Property maps of {@code keys} and {@code values}, up to a dozen entries. */
    public static Arbitrary<Map<String, String>> maps(Arbitrary<String> keys, Arbitrary<String> values) {
        return Arbitraries.maps(keys, values).ofMaxSize(12);
    }

    public static Arbitrary<String> randomText() {
        return Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(200),
            Arbitraries.strings().withChars(SPECIALS).withCharRange('a', 'z').ofMaxLength(200),
            Arbitraries.strings().ascii().ofMaxLength(200));
    }

    public static Arbitrary<String> mutated(String valid) {
        return Arbitraries.randomValue(random -> mutate(valid, random));
    }

    private static String mutate(String valid, Random random) {
        String text = valid;
        int rounds = 1 + random.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            text = mutateOnce(text, random);
        }
        return text;
    }

    private static String mutateOnce(String text, Random random) {
        int length = text.length();
        int at = random.nextInt(length + 1);
        int to = at + random.nextInt(length - at + 1);
        return switch (random.nextInt(7)) {
            case 0 -> text.substring(0, at);
            case 1 -> at == length ? text : text.substring(0, at) + SPECIALS[random.nextInt(SPECIALS.length)]
                + text.substring(at + 1);
            case 2 -> text.substring(0, to) + text.substring(at, to) + text.substring(to);
            case 3 -> text.substring(0, at) + text.substring(to);
            case 4 -> text.substring(0, at) + SPLICES.get(random.nextInt(SPLICES.size())) + text.substring(at);
            case 5 -> emptyOneValue(text, random);
            default -> text.substring(0, at) + SPLICES.get(random.nextInt(SPLICES.size())) + text.substring(to);
        };
    }

    /** {@code tag=value;} becomes {@code tag=;} for one tag, the shape of a blanked-out value. */
    private static String emptyOneValue(String text, Random random) {
        int equals = text.indexOf('=', random.nextInt(text.length() + 1));
        if (equals < 0) {
            return text;
        }
        int end = text.indexOf(';', equals);
        return text.substring(0, equals + 1) + (end < 0 ? "" : text.substring(end));
    }
}
