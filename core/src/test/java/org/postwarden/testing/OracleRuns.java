package org.postwarden.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the independent verifiers of {@code shared/oracles} (and probes for their interpreters) as processes. */
public final class OracleRuns {
    private static final long TIMEOUT_SECONDS = 60;

    /** A finished run: its exit code and everything it printed, standard error included, one char per octet. */
    public record Result(int exit, String output) {
    }

    private OracleRuns() {
    }

    /** Where ../shared/oracles/install.sh puts the npm packages (mailauth): ORACLES_NODE, or ~/.cache/oracles-node. */
    public static Path nodeModules() {
        String configured = System.getenv("ORACLES_NODE");
        Path base = configured != null ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "oracles-node");
        return base.resolve("node_modules");
    }

    /** Runs the oracle script {@code command[0]} of {@code oracles} with the other arguments. */
    public static Result run(Path oracles, String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(command));
        full.set(0, oracles.resolve(command[0]).toString());
        return exec(full);
    }

    /** Whether the command runs and exits with 0, e.g. a check that a Perl or Python module is installed. */
    public static boolean succeeds(String... command) {
        try {
            return exec(List.of(command)).exit() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    public static Result exec(List<String> command) throws IOException, InterruptedException {
        return execAll(List.of(command)).get(0);
    }

    /** Starts every command before waiting for any: the oracles spend most of their time starting up. */
    public static List<Result> execAll(List<List<String>> commands) throws IOException, InterruptedException {
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (List<String> command : commands) {
            Path output = Files.createTempFile("oracle", ".out");
            outputs.add(output);
            processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start());
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < processes.size(); i++) {
            Process process = processes.get(i);
            process.getOutputStream().close();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + commands.get(i));
            }
            results.add(new Result(process.exitValue(), Files.readString(outputs.get(i), StandardCharsets.ISO_8859_1)));
            Files.delete(outputs.get(i));
        }
        return results;
    }
}
