package org.postwarden.cli;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.postwarden.srs.Srs;
import org.postwarden.srs.SrsException;
import org.postwarden.srs.SrsHash;
import org.postwarden.srs.SrsSecrets;
import org.postwarden.srs.SrsTimestamp;

/** {@code srs}: SRS forward and reverse rewriting of one address (see org.postwarden.srs.Srs). */
final class SrsCommand implements Command {
    private static final List<String> OPTIONS = List.of("secret", "time", "hash-length", "max-age");
    /**
     * {@link Arguments} takes one positional argument at most, so {@link #operandsAsOptions} hands it the operands
     * under these names; the command line itself may not use them.
     */
    private static final String OPERATION = "operation";
    private static final String ADDRESS = "address";
    private static final String FORWARDER_DOMAIN = "forwarder-domain";

    @Override
    public String name() {
        return "srs";
    }

    @Override
    public String synopsis() {
        return "{forward ADDR FORWARDER_DOMAIN | reverse SRSADDR} --secret S [--time UNIX] [--hash-length N] "
            + "[--max-age DAYS]";
    }

    @Override
    public String description() {
        return """
            Rewrites a sender with SRS (Mail::SRS's "Guarded" scheme, as postsrsd runs it), or reverses it.
            forward prints ADDR rewritten into FORWARDER_DOMAIN: SRS0=HASH=TT=domain=local@FORWARDER_DOMAIN, an SRS1
            address for an SRS address, or ADDR unchanged when it is already in FORWARDER_DOMAIN. reverse prints the
            sender of an SRS0 address, or the first forwarder's SRS0 address for an SRS1 address.
            --time sets the clock (Unix time; default: now), --hash-length the hash characters (default 4),
            --max-age the days an SRS0 address can be reversed (default 21).
            Exit code: 0 once printed; 1 when the address is refused, the reason on standard error (not an SRS
            address, malformed address, bad hash, expired).
            """;
    }

    @Override
    public List<String> options() {
        List<String> options = new ArrayList<>(OPTIONS);
        options.addAll(List.of(OPERATION, ADDRESS, FORWARDER_DOMAIN));
        return options;
    }

    @Override
    public boolean takesMessage() {
        return false;
    }

    /**
     * Rewrites {@code forward ADDR DOMAIN} or {@code reverse SRSADDR}, in any order with the options, into the
     * options {@code --operation}, {@code --address} and {@code --forwarder-domain}; the rest is left for
     * {@link Arguments#parse} to check.
     */
    static List<String> operandsAsOptions(List<String> args) throws UsageException {
        if (args.contains("--help") || args.contains("-h")) {
            return args;
        }
        List<String> options = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
                continue;
            }
            if (!arg.startsWith("--") || !OPTIONS.contains(arg.substring(2))) {
                throw new UsageException("unknown option " + arg);
            }
            options.add(arg);
            if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                options.add(args.get(++i));
            }
        }
        List<String> names = operandNames(operands);
        for (int i = 0; i < names.size(); i++) {
            options.addAll(List.of("--" + names.get(i), operands.get(i)));
        }
        return options;
    }

    private static List<String> operandNames(List<String> operands) throws UsageException {
        if (operands.isEmpty()) {
            throw new UsageException("forward or reverse is missing");
        }
        List<String> names = switch (operands.get(0)) {
            case "forward" -> List.of(OPERATION, ADDRESS, FORWARDER_DOMAIN);
            case "reverse" -> List.of(OPERATION, ADDRESS);
            default -> throw new UsageException("unknown operation \"" + operands.get(0) + "\" (forward or reverse)");
        };
        if (operands.size() < names.size()) {
            throw new UsageException(operands.get(0).equals("forward") ? "forward needs ADDR and FORWARDER_DOMAIN"
                : "reverse needs SRSADDR");
        }
        if (operands.size() > names.size()) {
            throw new UsageException("unexpected argument \"" + operands.get(names.size()) + "\"");
        }
        return names;
    }

    @Override
    public int run(Arguments arguments, Io io) throws CommandException {
        Srs.Builder builder = Srs.builder(secret(arguments.required("secret")));
        Optional<String> time = arguments.optional("time");
        if (time.isPresent()) {
            builder.clock(Clock.fixed(Inputs.unixTime("time", time.get()), ZoneOffset.UTC));
        }
        Optional<String> hashLength = arguments.optional("hash-length");
        if (hashLength.isPresent()) {
            builder.hashLength(number("hash-length", hashLength.get(), SrsHash.MAX_LENGTH));
        }
        Optional<String> maxAge = arguments.optional("max-age");
        if (maxAge.isPresent()) {
            builder.maxAgeDays(number("max-age", maxAge.get(), SrsTimestamp.CYCLE_DAYS - 1));
        }
        Srs srs = builder.build();
        String address = arguments.required(ADDRESS);
        try {
            io.out().println(arguments.required(OPERATION).equals("forward")
                ? srs.forward(address, domain(arguments.required(FORWARDER_DOMAIN)))
                : srs.reverse(address));
            return 0;
        } catch (SrsException e) {
            io.err().println(PostwardenAuth.NAME + " " + name() + ": " + e.getMessage());
            return 1;
        }
    }

    private static SrsSecrets secret(String secret) throws UsageException {
        if (secret.isEmpty()) {
            throw new UsageException("--secret must not be empty");
        }
        return SrsSecrets.of(secret);
    }

    private static String domain(String forwarderDomain) throws UsageException {
        if (forwarderDomain.isEmpty() || forwarderDomain.contains("@")) {
            throw new UsageException("FORWARDER_DOMAIN must be a domain, got \"" + forwarderDomain + "\"");
        }
        return forwarderDomain;
    }

    /** The option's value as a number from 1 to {@code max}. */
    private static int number(String option, String value, int max) throws UsageException {
        if (!value.matches("[0-9]{1,4}") || Integer.parseInt(value) < 1 || Integer.parseInt(value) > max) {
            throw new UsageException("--" + option + " must be a number from 1 to " + max + ", got \"" + value + "\"");
        }
        return Integer.parseInt(value);
    }
}
