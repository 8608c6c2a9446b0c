package org.postwarden.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A subcommand's arguments: {@code --name value} options and {@code --name} flags, each at most once, and at most one positional
 * argument, the message file ({@code -} meaning standard input). {@code --help} or {@code -h} anywhere asks
 * for help instead, whatever else is there.
 */
final class Arguments {
    private final Map<String, String> options;
    private final Set<String> flags;
    private final Optional<String> message;
    private final boolean help;

    private Arguments(Map<String, String> options, Set<String> flags, Optional<String> message, boolean help) {
        this.options = Map.copyOf(options);
        this.flags = Set.copyOf(flags);
        this.message = message;
        this.help = help;
    }

    /**
     * @param known the option names the command accepts, without dashes
     * @param takesMessage whether the message file is expected; it is then required
     */
    static Arguments parse(List<String> args, List<String> known, boolean takesMessage) throws UsageException {
        return parse(args, known, List.of(), takesMessage);
    }

    /** @param knownFlags the flag names, without dashes: options that take no value */
    static Arguments parse(List<String> args, List<String> known, List<String> knownFlags, boolean takesMessage)
        throws UsageException {
        if (args.contains("--help") || args.contains("-h")) {
            return new Arguments(Map.of(), Set.of(), Optional.empty(), true);
        }
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new HashSet<>();
        String message = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--") && knownFlags.contains(arg.substring(2))) {
                if (!flags.add(arg.substring(2))) {
                    throw new UsageException(arg + " is given twice");
                }
            } else if (arg.startsWith("--")) {
                String name = arg.substring(2);
                if (!known.contains(name)) {
                    throw new UsageException("unknown option " + arg);
                }
                if (i + 1 == args.size() || args.get(i + 1).startsWith("--")) {
                    throw new UsageException(arg + " needs a value");
                }
                if (options.putIfAbsent(name, args.get(++i)) != null) {
                    throw new UsageException(arg + " is given twice");
                }
            } else if (arg.startsWith("-") && !arg.equals("-")) {
                throw new UsageException("unknown option " + arg);
            } else if (!takesMessage || message != null) {
                throw new UsageException("unexpected argument \"" + arg + "\"");
            } else {
                message = arg;
            }
        }
        if (takesMessage && message == null) {
            throw new UsageException("the message file is missing (MSG, or - for standard input)");
        }
        return new Arguments(options, flags, Optional.ofNullable(message), false);
    }

    boolean help() {
        return help;
    }

    String required(String name) throws UsageException {
        String value = options.get(name);
        if (value == null) {
            throw new UsageException("--" + name + " is required");
        }
        return value;
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    Optional<String> optional(String name) {
        return Optional.ofNullable(options.get(name));
    }

    /** The message file argument, {@code -} for standard input. */
    String message() {
        return message.orElseThrow(() -> new IllegalStateException("the command takes no message"));
    }
}
