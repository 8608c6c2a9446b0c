package org.postwarden.cli;

import java.util.List;

/** One subcommand of postwarden-auth. Implementations are stateless. */
interface Command {
    /** The word after "postwarden-auth", such as "spf". */
    String name();

    /** The arguments after the name, for the usage line: {@code --dns ZONE.json --ip IP ...}. */
    String synopsis();

    /**
     * What the command does and prints, and its exit codes, for {@code --help}; the first line is its summary in
     * the list of commands.
     */
    String description();

    /** The {@code --name value} options it accepts, without the dashes. */
    List<String> options();

    /** The {@code --name} flags it accepts, which take no value, without the dashes. */
    default List<String> flags() {
        return List.of();
    }

    /** Whether it takes the message file (MSG, or - for standard input) as its one positional argument. */
    boolean takesMessage();

    /** Returns the exit code. */
    int run(Arguments arguments, Io io) throws CommandException;
}
