package org.postwarden.testing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * Seeded fuzzing for plain JUnit tests: a property is checked against {@code tries} generated inputs, and the first
 * failure names the seed, the case and the input. Each case draws from its own {@link Random}, seeded from the run's
 * seed and the case index, so {@code -Dpostwarden.fuzz.seed=S} replays a run and adding
 * {@code -Dpostwarden.fuzz.case=I} replays only its case I.
 */
public final class Fuzz {
    public static final String SEED_PROPERTY = "postwarden.fuzz.seed";
    public static final String CASE_PROPERTY = "postwarden.fuzz.case";
    private static final int SHOWN_CHARS = 300;

    /** A check of one input; any throwable is a failure. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Throwable;
    }

    private Fuzz() {
    }

    public static <T> void forAll(String property, int tries, Function<Random, T> generator, Check<T> check) {
        run(property, tries, Long.getLong(SEED_PROPERTY, new Random().nextLong()), Integer.getInteger(CASE_PROPERTY),
            generator, check);
    }

    static <T> void run(String property, int tries, long seed, Integer onlyCase, Function<Random, T> generator,
                        Check<T> check) {
        int first = onlyCase == null ? 0 : onlyCase;
        int last = onlyCase == null ? tries - 1 : onlyCase;
        for (int index = first; index <= last; index++) {
            T input = generator.apply(new Random(caseSeed(seed, index)));
            try {
                check.accept(input);
            } catch (Throwable failure) {
                throw new AssertionError(String.format(
                    "%s failed on case %d of %d, seed %d (replay with -D%s=%d, add -D%s=%d for this case alone): %s",
                    property, index, tries, seed, SEED_PROPERTY, seed, CASE_PROPERTY, index, describe(input)), failure);
            }
        }
    }

    /** Every input of a fixed table once, in order; the first failure names the input. */
    public static <T> void forEach(String property, List<T> inputs, Check<T> check) {
        for (int index = 0; index < inputs.size(); index++) {
            T input = inputs.get(index);
            try {
                check.accept(input);
            } catch (Throwable failure) {
                throw new AssertionError(String.format("%s failed on input %d of %d: %s", property, index, inputs.size(),
                    describe(input)), failure);
            }
        }
    }

    /** Case seeds spread by the golden-ratio increment, so neighbouring cases do not share a stream. */
    static long caseSeed(long seed, int index) {
        return seed + 0x9E3779B97F4A7C15L * (index + 1);
    }

    /** The input on one line: at most a few hundred characters, control and odd characters escaped. */
    static String describe(Object input) {
        String text = input instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1) : String.valueOf(input);
        StringBuilder shown = new StringBuilder(input instanceof byte[] ? "bytes \"" : "\"");
        for (int i = 0; i < Math.min(text.length(), SHOWN_CHARS); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> shown.append("\\r");
                case '\n' -> shown.append("\\n");
                case '\t' -> shown.append("\\t");
                case '\\' -> shown.append("\\\\");
                case '"' -> shown.append("\\\"");
                default -> {
                    if (c >= 0x20 && c < 0x7F || c > 0xA0 && Character.isLetterOrDigit(c)) {
                        shown.append(c);
                    } else {
                        shown.append(String.format("\\u%04X", (int) c));
                    }
                }
            }
        }
        shown.append('"');
        if (text.length() > SHOWN_CHARS) {
            shown.append("... (").append(text.length()).append(" chars)");
        }
        return shown.toString();
    }
}
