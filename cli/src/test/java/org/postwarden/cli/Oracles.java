package org.postwarden.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.postwarden.testing.SharedOracles;

/** The independent verifiers of shared/oracles (see its README.md), run as processes. */
final class Oracles {
    private Oracles() {
    }

    record Result(int exitCode, String output) {
    }

    /** shared/oracles beside the repository. */
    static Optional<Path> directory() {
        return SharedOracles.directory();
    }

    /** Runs an oracle script by name, such as {@code mailauth_oracle.py}, with standard error merged in. */
    static Result run(String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(directory().orElseThrow().resolve(script).toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** Whether the script runs here and says what {@code expected} says, on a probe the caller chooses. */
    static boolean works(String expected, String script, String... args) {
        try {
            return directory().isPresent() && run(script, args).output().contains(expected);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
