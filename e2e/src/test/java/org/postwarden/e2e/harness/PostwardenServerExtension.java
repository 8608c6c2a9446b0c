package org.postwarden.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postwarden.server.PostwardenServerMain;

import com.google.inject.Module;

/**
 * Boots the real Postwarden server once per test class: the shipped james-config (from the system property
 * {@code postwarden.conf.dir}) copied into a fresh working directory, moved to free loopback ports, with DNS from
 * a JSON zone and remote delivery going to an {@link SmtpSink}. Register it as a static field with
 * {@code @RegisterExtension}.
 */
public final class PostwardenServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final String zoneJson;
    private final ConfEdits extraEdits;
    private final Module overrides;
    private Path root;
    private SmtpSink sink;
    private ServerPorts ports;
    private GuiceJamesServer server;

    public PostwardenServerExtension() {
        this("{}", new ConfEdits());
    }

    public PostwardenServerExtension(String zoneJson, ConfEdits extraEdits) {
        this(zoneJson, extraEdits, binder -> { });
    }

    /** {@code overrides} replace bindings of the server, e.g. a controllable {@link java.time.Clock}. */
    public PostwardenServerExtension(String zoneJson, ConfEdits extraEdits, Module overrides) {
        this.zoneJson = zoneJson;
        this.extraEdits = extraEdits;
        this.overrides = overrides;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        root = Files.createTempDirectory("postwarden-e2e-");
        sink = SmtpSink.start();
        ports = ServerPorts.allocate();
        copyShippedConfiguration(root.resolve("conf"));
        Files.writeString(root.resolve("zone.json"), zoneJson, StandardCharsets.UTF_8);
        harnessEdits().addAll(extraEdits).applyTo(root.resolve("conf"));
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        sink.close();
        deleteRecursively(root);
    }

    public void start() throws Exception {
        // james-database.properties locates the embedded database under ${sys:working.directory}.
        System.setProperty("working.directory", root.toString());
        server = PostwardenServerMain.createServer(Configuration.builder()
            .workingDirectory(root.toFile())
            .build())
            .overrideWith(overrides);
        server.start();
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public void restart() throws Exception {
        stop();
        start();
    }

    public SmtpSink sink() {
        return sink;
    }

    public ServerPorts ports() {
        return ports;
    }

    public Path root() {
        return root;
    }

    public WebAdminClient webAdmin() {
        return new WebAdminClient(ports.webAdmin());
    }

    private ConfEdits harnessEdits() {
        return new ConfEdits()
            .replace("smtpserver.xml", "<bind>127.0.0.1:2525</bind>", "<bind>127.0.0.1:" + ports.smtp() + "</bind>")
            .replace("smtpserver.xml", "<bind>127.0.0.1:2587</bind>", "<bind>127.0.0.1:" + ports.submission() + "</bind>")
            .replace("imapserver.xml", "<bind>127.0.0.1:1143</bind>", "<bind>127.0.0.1:" + ports.imap() + "</bind>")
            .replace("webadmin.properties", "port=8000", "port=" + ports.webAdmin())
            .replace("dnsservice.xml", "<zoneFile></zoneFile>", "<zoneFile>zone.json</zoneFile>")
            .replace("mailetcontainer.xml", "<outgoingQueue>outgoing</outgoingQueue>",
                "<outgoingQueue>outgoing</outgoingQueue>"
                    + "<gateway>127.0.0.1</gateway><gatewayPort>" + sink.port() + "</gatewayPort>")
            .replace("mailetcontainer.xml",
                "<delayTime>5 * 1 minute, 4 * 10 minutes, 4 * 1 hour, 10 * 4 hours, 6 * 8 hours</delayTime>",
                "<delayTime>29 * 2 seconds</delayTime>");
    }

    private static void copyShippedConfiguration(Path target) throws IOException {
        Path shipped = Path.of(System.getProperty("postwarden.conf.dir", "../james-config/src/main/conf"));
        Files.createDirectories(target);
        try (Stream<Path> files = Files.list(shipped)) {
            for (Path file : files.toList()) {
                Files.copy(file, target.resolve(file.getFileName()));
            }
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Free loopback ports, chosen once so that a restart listens where the tests expect. */
    public record ServerPorts(int smtp, int submission, int imap, int webAdmin) {
        static ServerPorts allocate() {
            // All four are held open together so that they are distinct.
            try (ServerSocket smtp = loopbackSocket(); ServerSocket submission = loopbackSocket();
                 ServerSocket imap = loopbackSocket(); ServerSocket webAdmin = loopbackSocket()) {
                return new ServerPorts(smtp.getLocalPort(), submission.getLocalPort(), imap.getLocalPort(), webAdmin.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static ServerSocket loopbackSocket() throws IOException {
            return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        }
    }
}
