package org.postwarden.common;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Generators of hostile input for the parsers' fuzz tests (see {@code org.postwarden.testing.Fuzz}): valid examples
 * mutated (truncated, bytes flipped, pieces duplicated or dropped, values emptied, huge numbers and non-ASCII spliced
 * in), mixed with wholly random text. Everything draws from the case's seeded Random, so a seed replays the input.
 */
public final class BadInput {
    public static final String LOWER_CASE = "abcdefghijklmnopqrstuvwxyz";
    public static final String DIGITS = "0123456789";
    private static final char[] SPECIALS = {';', '=', ':', '@', ',', '/', '.', '-', '+', '"', '\\', '(', ')', '<', '>',
        '[', ']', '{', '}', ' ', '\t', '\r', '\n', '\0', 0x7F, 'é', 0xFF, '\u2028', '\uFFFF', '\uD800', '0', '9', 'A'};
    private static final String SPECIALS_AND_LOWER_CASE = new String(SPECIALS) + LOWER_CASE;
    private static final List<String> SPLICES = List.of("99999999999999999999999999", "-1", "0", "-0",
        "9223372036854775808", "2147483648", "1e400", "NaN", "", ";", "=", "==", ";;", "::", "@@", "a=", "v=1;",
        "\r\n", "\r\n ", "\n", "\r", "üñï", "\uD83D\uDCA5", "%00", "\\", "\"", "(", "((((((((((", "0x1F", " ".repeat(300),
        "A".repeat(2000));

    private BadInput() {
    }

    /** Mostly mutations of {@code valid}, sometimes the valid examples themselves, sometimes random text. */
    public static Function<Random, String> near(String... valid) {
        return random -> {
            int draw = random.nextInt(9);
            String example = valid[random.nextInt(valid.length)];
            if (draw == 0) {
                return example;
            }
            return draw <= 6 ? mutate(example, random) : randomText().apply(random);
        };
    }

    /** {@link #near} as ISO-8859-1 bytes, with random binary mixed in. */
    public static Function<Random, byte[]> nearBytes(String... valid) {
        Function<Random, String> near = near(valid);
        return random -> random.nextBoolean()
            ? near.apply(random).getBytes(StandardCharsets.ISO_8859_1)
            : randomBytes(random, 600);
    }

    /** Maps of {@code keys} and {@code values} in drawing order, up to {@code maxSize} entries (fewer when keys repeat). */
    public static <K, V> Function<Random, Map<K, V>> maps(Function<Random, K> keys, Function<Random, V> values,
                                                         int maxSize) {
        return random -> {
            Map<K, V> map = new LinkedHashMap<>();
            int size = random.nextInt(maxSize + 1);
            for (int i = 0; i < size; i++) {
                map.put(keys.apply(random), values.apply(random));
            }
            return map;
        };
    }

    /** Property maps of {@code keys} and {@code values}, up to a dozen entries. */
    public static Function<Random, Map<String, String>> maps(Function<Random, String> keys, Function<Random, String> values) {
        return maps(keys, values, 12);
    }

    /** Any UTF-16 text (lone surrogates and controls included), text full of separators, or ASCII. */
    public static Function<Random, String> randomText() {
        return random -> switch (random.nextInt(3)) {
            case 0 -> anyChars(random, 200);
            case 1 -> strings(SPECIALS_AND_LOWER_CASE, 0, 200).apply(random);
            default -> strings(ascii(), 0, 200).apply(random);
        };
    }

    /** Strings of {@code alphabet}'s characters; short lengths come up as often as long ones. */
    public static Function<Random, String> strings(String alphabet, int minLength, int maxLength) {
        return random -> {
            StringBuilder text = new StringBuilder();
            int length = length(random, minLength, maxLength);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            return text.toString();
        };
    }

    /** Strings of any UTF-16 code units, up to {@code maxLength}. */
    public static Function<Random, String> anyStrings(int maxLength) {
        return random -> anyChars(random, maxLength);
    }

    /** Characters 0 to 127. */
    public static String ascii() {
        StringBuilder chars = new StringBuilder();
        for (char c = 0; c < 128; c++) {
            chars.append(c);
        }
        return chars.toString();
    }

    /** One of {@code values}, evenly. */
    @SafeVarargs
    public static <T> Function<Random, T> oneOf(T... values) {
        return random -> values[random.nextInt(values.length)];
    }

    /** A draw from one of {@code generators}, evenly. */
    @SafeVarargs
    public static <T> Function<Random, T> oneOfGenerators(Function<Random, ? extends T>... generators) {
        return random -> generators[random.nextInt(generators.length)].apply(random);
    }

    /** 1 to 4 rounds of {@link #mutateOnce} on {@code valid}. */
    public static Function<Random, String> mutated(String valid) {
        return random -> mutate(valid, random);
    }

    public static byte[] randomBytes(Random random, int maxSize) {
        byte[] bytes = new byte[length(random, 0, maxSize)];
        random.nextBytes(bytes);
        return bytes;
    }

    private static String anyChars(Random random, int maxLength) {
        char[] chars = new char[length(random, 0, maxLength)];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
        }
        return new String(chars);
    }

    /** Half the time a short length (up to 10), so empty and tiny inputs are tried often. */
    private static int length(Random random, int min, int max) {
        int upTo = random.nextBoolean() ? Math.min(max, min + 10) : max;
        return min + random.nextInt(upTo - min + 1);
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
