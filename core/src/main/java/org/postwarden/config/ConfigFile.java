package org.postwarden.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.postwarden.common.Durations;

/**
 * The typed reader of one of our .properties files. Every value is trimmed; an empty value is the same as an absent
 * key and takes the default. A malformed value, an unknown key ({@link #rejectUnknownKeys()}) or a broken rule
 * ({@link #check}) is a {@link ConfigurationError} whose one-line message names the file, the key and the value.
 * Old spellings still read are reported to the warning sink, one line each.
 *
 * <ul>
 *   <li>booleans: {@code true} or {@code false};</li>
 *   <li>whole numbers: decimal digits, optionally within a range;</li>
 *   <li>durations: a whole number and a unit among {@code ms s m h d} ({@code 300s}, {@code 5m}, {@code 2d});
 *   ISO-8601 ({@code PT5M}) is still read, with a warning;</li>
 *   <li>choices: one of a fixed set of lower-case words, in any letter case;</li>
 *   <li>lists: comma separated, each item trimmed, empty items dropped.</li>
 * </ul>
 */
public final class ConfigFile {
    private static final String DURATION_SYNTAX = "expected a duration: a whole number and a unit among ms, s, m, h, d"
        + " (300s, 5m, 12h, 2d)";

    private final String name;
    private final Map<String, String> values;
    private final Consumer<String> warnings;
    private final Set<String> known = new TreeSet<>();

    private ConfigFile(String name, Map<String, String> values, Consumer<String> warnings) {
        this.name = name;
        this.values = values;
        this.warnings = warnings;
    }

    /** {@code name} is the file name as the operator knows it, e.g. {@code greylist.properties}. */
    public static ConfigFile of(String name, Map<String, String> values, Consumer<String> warnings) {
        Map<String, String> trimmed = new HashMap<>();
        values.forEach((key, value) -> trimmed.put(key.trim(), value == null ? "" : value.trim()));
        return new ConfigFile(name, trimmed, warnings);
    }

    /** Without a warning sink: for tests and for callers that read a record out of a map. */
    public static ConfigFile of(String name, Map<String, String> values) {
        return of(name, values, warning -> { });
    }

    public String name() {
        return name;
    }

    /** The value of {@code key}, when it is set to something other than blanks. */
    public Optional<String> optional(String key) {
        known.add(key);
        return Optional.ofNullable(values.get(key)).filter(value -> !value.isEmpty());
    }

    /** The value of {@code key} when the key is written, even empty: for settings where empty means "none". */
    public Optional<String> written(String key) {
        known.add(key);
        return Optional.ofNullable(values.get(key));
    }

    public String string(String key, String defaultValue) {
        return optional(key).orElse(defaultValue);
    }

    public boolean flag(String key, boolean defaultValue) {
        return optional(key).map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> {
                if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
                    warn(key + "=" + value + ": write " + value.toLowerCase(Locale.ROOT));
                    yield value.equalsIgnoreCase("true");
                }
                throw error(key, value, "expected true or false");
            }
        }).orElse(defaultValue);
    }

    public int integer(String key, int defaultValue) {
        return integer(key, defaultValue, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return (int) number(key, defaultValue, min, max);
    }

    public long number(String key, long defaultValue, long min, long max) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        String range = min == Integer.MIN_VALUE || min == Long.MIN_VALUE ? ""
            : max == Integer.MAX_VALUE || max == Long.MAX_VALUE ? " of at least " + min : " from " + min + " to " + max;
        long number;
        try {
            number = Long.parseLong(text.get());
        } catch (NumberFormatException e) {
            throw error(key, text.get(), "expected a whole number" + range);
        }
        if (number < min || number > max) {
            throw error(key, text.get(), "expected a whole number" + range);
        }
        return number;
    }

    /** A decimal number such as {@code 0.10}. */
    public double decimal(String key, double defaultValue) {
        return optional(key).map(value -> {
            try {
                double number = Double.parseDouble(value);
                if (Double.isNaN(number) || Double.isInfinite(number)) {
                    throw new NumberFormatException();
                }
                return number;
            } catch (NumberFormatException e) {
                throw error(key, value, "expected a decimal number such as 0.10");
            }
        }).orElse(defaultValue);
    }

    public Duration duration(String key, Duration defaultValue) {
        return optional(key).map(value -> duration(key, value)).orElse(defaultValue);
    }

    /** A comma separated list of durations longer than zero: {@code 5m, 30m, 1h, 4h}. */
    public List<Duration> durations(String key, List<Duration> defaultValue) {
        Optional<String> text = optional(key);
        if (text.isEmpty()) {
            return defaultValue;
        }
        List<Duration> durations = list(key).stream().map(item -> duration(key, item)).toList();
        if (durations.isEmpty() || durations.stream().anyMatch(duration -> duration.isZero() || duration.isNegative())) {
            throw error(key, text.get(), "expected durations longer than zero, comma separated (5m, 30m, 1h)");
        }
        return durations;
    }

    /** A duration longer than zero, such as the interval of a periodic job. */
    public Duration positiveDuration(String key, Duration defaultValue) {
        return optional(key).map(value -> {
            Duration duration = duration(key, value);
            if (duration.isZero() || duration.isNegative()) {
                throw error(key, value, "expected a duration longer than zero");
            }
            return duration;
        }).orElse(defaultValue);
    }

    private Duration duration(String key, String value) {
        Duration duration;
        try {
            duration = Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw error(key, value, DURATION_SYNTAX);
        }
        if (value.toLowerCase(Locale.ROOT).startsWith("p")) {
            warn(key + "=" + value + ": ISO-8601 durations are deprecated, write " + Durations.format(duration));
        }
        return duration;
    }

    /** One of {@code options}' keys (lower-case words), in any letter case. */
    public <T> T choice(String key, String defaultWord, Map<String, T> options) {
        String word = optional(key).orElse(defaultWord);
        T chosen = options.get(word.toLowerCase(Locale.ROOT));
        if (chosen == null) {
            List<String> words = options instanceof LinkedHashMap ? List.copyOf(options.keySet())
                : List.copyOf(new TreeSet<>(options.keySet()));
            throw error(key, word, "expected " + String.join(", ", words.subList(0, words.size() - 1))
                + (words.size() > 1 ? " or " : "") + words.get(words.size() - 1));
        }
        return chosen;
    }

    /** An enum constant by its lower-case name ({@code REJECT} is written {@code reject}), in any letter case. */
    public <E extends Enum<E>> E choice(String key, E defaultValue, Class<E> type) {
        Map<String, E> options = new LinkedHashMap<>();
        Arrays.stream(type.getEnumConstants()).forEach(constant -> options.put(constant.name().toLowerCase(Locale.ROOT), constant));
        return choice(key, defaultValue.name().toLowerCase(Locale.ROOT), options);
    }

    public List<String> list(String key) {
        return optional(key).map(value -> Arrays.stream(value.split(","))
            .map(String::trim)
            .filter(item -> !item.isEmpty())
            .toList()).orElse(List.of());
    }

    /** A value of a syntax of its own ({@code 100/1h, 1000/1d}): the parser's IllegalArgumentException is the reason. */
    public <T> T parsed(String key, T defaultValue, Function<String, T> parser) {
        return optional(key).map(value -> {
            try {
                return parser.apply(value);
            } catch (ConfigurationError e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw error(key, value, e.getMessage());
            }
        }).orElse(defaultValue);
    }

    /**
     * The keys {@code prefix} and {@code prefix.*} with their values, for settings keyed by a name of the operator's
     * (a limit per domain...): the caller owns them and rejects those it cannot use with {@link #error}.
     */
    public Map<String, String> under(String prefix) {
        Map<String, String> found = new TreeMap<>();
        values.forEach((key, value) -> {
            if (key.equals(prefix) || key.startsWith(prefix + ".")) {
                known.add(key);
                found.put(key, value);
            }
        });
        return found;
    }

    /** Reads {@code oldKey} as {@code newKey}, with a warning, for operators who wrote the old spelling. */
    public ConfigFile renamed(String oldKey, String newKey) {
        known.add(oldKey);
        String old = values.get(oldKey);
        if (old != null) {
            if (values.containsKey(newKey)) {
                throw new ConfigurationError(name, oldKey + " and " + newKey + " are the same setting: keep " + newKey);
            }
            warn(oldKey + " is deprecated, write " + newKey);
            values.put(newKey, old);
        }
        return this;
    }

    /** Applies a rule between values (e.g. a record's own checks), naming this file when it fails. */
    public <T> T check(Supplier<T> build) {
        try {
            return build.get();
        } catch (ConfigurationError e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new ConfigurationError(name, e.getMessage());
        }
    }

    /** The error for {@code key}'s value, for rules of a feature the reader cannot know. */
    public ConfigurationError error(String key, String value, String reason) {
        return new ConfigurationError(name, key, value, reason);
    }

    /** Call once every key was read: a key nobody read is a typo, which must not silently leave the default. */
    public void rejectUnknownKeys() {
        Map<String, String> unknown = new TreeMap<>(values);
        unknown.keySet().removeAll(known);
        if (unknown.isEmpty()) {
            return;
        }
        Map.Entry<String, String> first = unknown.entrySet().iterator().next();
        String others = unknown.size() == 1 ? "" : "; also unknown: " + unknown.keySet().stream().skip(1)
            .collect(Collectors.joining(", "));
        throw error(first.getKey(), first.getValue(), "unknown key" + others + "; known keys: " + String.join(", ", known));
    }

    public void warn(String message) {
        warnings.accept(name + ": " + message);
    }
}
