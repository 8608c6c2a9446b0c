package org.postwarden.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Objects;

/** The streams a command reads its message from and writes to: the process's own, or a test's. */
record Io(InputStream in, PrintStream out, PrintStream err) {
    Io {
        Objects.requireNonNull(in, "in");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }
}
