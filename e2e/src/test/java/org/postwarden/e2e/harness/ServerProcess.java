package org.postwarden.e2e.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Postwarden server in a JVM of its own, as a second node beside a {@link PostwardenServerExtension}: two
 * James servers cannot share one JVM (their embedded ActiveMQ brokers would be the same). Output goes to
 * var/log/process-N.log of its directory, N counting the starts.
 */
public final class ServerProcess implements AutoCloseable {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private final ServerDirectory directory;
    private final SmtpSink sink;
    private Process process;
    private int launches;

    public static ServerProcess start(String zoneJson, ConfEdits edits) throws Exception {
        SmtpSink sink = SmtpSink.start();
        ServerProcess node = new ServerProcess(ServerDirectory.prepare(zoneJson, edits, sink.port()), sink);
        node.launch();
        return node;
    }

    private ServerProcess(ServerDirectory directory, SmtpSink sink) {
        this.directory = directory;
        this.sink = sink;
    }

    public ServerDirectory.Ports ports() {
        return directory.ports();
    }

    public WebAdminClient webAdmin() {
        return new WebAdminClient(directory.ports().webAdmin());
    }

    public SmtpSink sink() {
        return sink;
    }

    /** The output of the current start, written with the shipped conf/logback.xml. */
    public Path log() {
        return directory.root().resolve("var/log/process-" + launches + ".log");
    }

    /** Kills the server as a power cut would (SIGKILL): no shutdown hook runs. */
    public void crash() throws InterruptedException {
        process.destroyForcibly().waitFor();
        process = null;
    }

    /** Starts the server again on the same directory and ports, after {@link #crash()}. */
    public void restart() throws Exception {
        directory.ports().awaitFree();
        launch();
    }

    private void launch() throws Exception {
        Path log = directory.root().resolve("var/log/process-" + ++launches + ".log");
        Files.createDirectories(log.getParent());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(List.of(java, "-Xmx512m", "--add-modules", "jdk.incubator.vector",
            "-Dworking.directory=" + directory.root(),
            "-Dlogback.configurationFile=" + directory.root().resolve("conf/logback.xml"),
            "-Dderby.stream.error.file=" + directory.root().resolve("var/log/derby.log"),
            "-cp", System.getProperty("java.class.path"),
            "org.postwarden.server.PostwardenServerMain"))
            .directory(directory.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
        awaitHealthy(log);
    }

    private void awaitHealthy(Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest healthcheck = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports().webAdmin() + "/healthcheck"))
            .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server process exited with " + process.exitValue() + ", see " + log);
            }
            try {
                if (http.send(healthcheck, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("server process not healthy within " + STARTUP_TIMEOUT + ", see " + log);
    }

    @Override
    public void close() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
        sink.close();
        directory.delete();
    }
}
