package org.postwarden.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.postwarden.testing.SharedOracles;

/**
 * The independent verifiers of ../shared/oracles (dkimpy, mailauth, Mail::DKIM), run as processes on files. Tests
 * that use them skip (JUnit assumption) where {@link #find()} finds nothing.
 */
public final class Oracles {
    public record Run(int exitCode, String output) {
    }

    private final Path directory;

    private Oracles(Path directory) {
        this.directory = directory;
    }

    /** The shared/oracles folder beside the repository, when its scripts can run here. */
    public static Optional<Oracles> find() {
        return SharedOracles.directory()
            .filter(directory -> Files.isExecutable(directory.resolve("dkimpy_oracle.py")) && Files.isExecutable(Path.of("/usr/bin/python3")))
            .map(Oracles::new);
    }

    /** Writes TXT records as the oracles' JSON DNS file. */
    public static Path dnsFile(Path directory, Map<String, String> txtRecords) throws IOException {
        StringBuilder json = new StringBuilder("{");
        txtRecords.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
            .append('"').append(name).append("\": \"").append(value.replace("\"", "\\\"")).append('"'));
        Path file = directory.resolve("dns.json");
        Files.writeString(file, json.append('}').toString(), StandardCharsets.UTF_8);
        return file;
    }

    public Run run(String script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(directory.resolve(script).toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(script + " did not finish");
        }
        return new Run(process.exitValue(), output);
    }
}
