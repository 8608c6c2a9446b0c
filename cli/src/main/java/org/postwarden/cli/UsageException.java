package org.postwarden.cli;

/** The command line itself is wrong; the command's usage line is printed after the message. */
final class UsageException extends CommandException {
    UsageException(String message) {
        super(message);
    }
}
