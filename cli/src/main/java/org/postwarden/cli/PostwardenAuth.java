package org.postwarden.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code postwarden-auth}: Postwarden's SPF, DKIM, ARC and DMARC checks, DKIM signing and the deliverability
 * doctor and ARC sealing, from the command line, against DNS answers from a JSON zone file (the doctor may also ask live DNS). One {@link Command} per subcommand. Exit codes: 0 and 1 as
 * each command documents, 2 for a wrong command line or unusable input (the reason on standard error).
 */
public final class PostwardenAuth {
    static final String NAME = "postwarden-auth";
    private static final List<Command> COMMANDS = List.of(new VerifyCommand(), new SpfCommand(),
        new DkimVerifyCommand(), new ArcVerifyCommand(), new ArcSealCommand(), new DmarcCommand(), new DkimSignCommand(),
        new SrsCommand(), new DoctorCommand());

    private PostwardenAuth() {
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(exitCode);
    }

    /** Runs one command line in-process, as {@link #main} does, and returns its exit code. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(usage());
            return 2;
        }
        if (args[0].equals("--help") || args[0].equals("-h")) {
            out.print(usage());
            return 0;
        }
        Optional<Command> command = COMMANDS.stream().filter(c -> c.name().equals(args[0])).findFirst();
        if (command.isEmpty()) {
            err.println(NAME + ": unknown command \"" + args[0] + "\"");
            err.print(usage());
            return 2;
        }
        return run(command.get(), Arrays.asList(args).subList(1, args.length), new Io(in, out, err));
    }

    private static int run(Command command, List<String> args, Io io) {
        try {
            List<String> words = command instanceof SrsCommand ? SrsCommand.operandsAsOptions(args) : args;
            Arguments arguments = Arguments.parse(words, command.options(), command.flags(), command.takesMessage());
            if (arguments.help()) {
                io.out().println(usageLine(command));
                io.out().println();
                io.out().print(command.description());
                return 0;
            }
            return command.run(arguments, io);
        } catch (UsageException e) {
            io.err().println(NAME + " " + command.name() + ": " + e.getMessage());
            io.err().println(usageLine(command));
            return 2;
        } catch (CommandException e) {
            io.err().println(NAME + " " + command.name() + ": " + e.getMessage());
            return 2;
        }
    }

    private static String usageLine(Command command) {
        return "usage: " + NAME + " " + command.name() + " " + command.synopsis();
    }

    private static String usage() {
        StringBuilder usage = new StringBuilder("usage: " + NAME + " COMMAND [--option value]... [MSG]\n\n");
        usage.append("Mail authentication checks against DNS answers from a JSON zone file, DKIM signing, and the\n"
            + "deliverability doctor.\n\n");
        usage.append("Commands:\n");
        for (Command command : COMMANDS) {
            usage.append(String.format("  %-12s %s\n", command.name(), command.description().lines().findFirst().orElse("")));
        }
        usage.append("\nMSG is a message file, or - for standard input. \"" + NAME
            + " COMMAND --help\" shows a command's options.\n");
        return usage.toString();
    }
}
