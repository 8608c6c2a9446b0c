package org.postwarden.cli;

/**
 * A command cannot run as asked: an unreadable file, an invalid zone or key. The message is printed after
 * "postwarden-auth COMMAND: " and the exit code is 2.
 */
class CommandException extends Exception {
    CommandException(String message) {
        super(message);
    }

    CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
