package org.postwarden.e2e.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fresh working directory for one server: the shipped james-config (from the system property
 * {@code postwarden.conf.dir}) moved to free loopback ports, with DNS from a JSON zone and remote delivery going
 * to an SMTP sink, spamd being a {@link HamSpamd}, plus the test's own {@link ConfEdits}.
 */
public record ServerDirectory(Path root, ServerDirectory.Ports ports) {

    public static ServerDirectory prepare(String zoneJson, ConfEdits extraEdits, int sinkPort) throws IOException {
        Path root = Files.createTempDirectory("postwarden-e2e-");
        Ports ports = Ports.allocate();
        copyShippedConfiguration(root.resolve("conf"));
        Files.writeString(root.resolve("zone.json"), zoneJson, StandardCharsets.UTF_8);
        harnessEdits(ports, sinkPort).addAll(extraEdits).applyTo(root.resolve("conf"));
        return new ServerDirectory(root, ports);
    }

    public void delete() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    private static ConfEdits harnessEdits(Ports ports, int sinkPort) {
        return new ConfEdits()
            .replace("smtpserver.xml", "<bind>127.0.0.1:2525</bind>", "<bind>127.0.0.1:" + ports.smtp() + "</bind>")
            .replace("smtpserver.xml", "<bind>127.0.0.1:2587</bind>", "<bind>127.0.0.1:" + ports.submission() + "</bind>")
            .replace("smtpserver.xml", "<bind>127.0.0.1:2465</bind>", "<bind>127.0.0.1:" + ports.submissions() + "</bind>")
            .replace("imapserver.xml", "<bind>127.0.0.1:1143</bind>", "<bind>127.0.0.1:" + ports.imap() + "</bind>")
            .replace("imapserver.xml", "<bind>127.0.0.1:1993</bind>", "<bind>127.0.0.1:" + ports.imaps() + "</bind>")
            .replace("webadmin.properties", "port=8000", "port=" + ports.webAdmin())
            .replace("dnsservice.xml", "<zoneFile></zoneFile>", "<zoneFile>zone.json</zoneFile>")
            .replace("mailetcontainer.xml", "<outgoingQueue>outgoing</outgoingQueue>",
                "<outgoingQueue>outgoing</outgoingQueue>"
                    + "<gateway>127.0.0.1</gateway><gatewayPort>" + sinkPort + "</gatewayPort>")
            .replace("mailetcontainer.xml",
                "<delayTime>5 * 1 minute, 4 * 10 minutes, 4 * 1 hour, 10 * 4 hours, 6 * 8 hours</delayTime>",
                "<delayTime>29 * 2 seconds</delayTime>")
            // MX hosts of MTA-STS enforced domains are reached directly, not through the gateway: on the sink too.
            .replace("mta-sts.properties", "smtpPort=25", "smtpPort=" + sinkPort)
            .replace("mailetcontainer.xml", "<spamdPort>783</spamdPort>", "<spamdPort>" + HamSpamd.port() + "</spamdPort>")
            // The suite opens hundreds of MX connections: a second before each greeting would add minutes. 50 ms still
            // runs the pregreet check on every connection (the test clients all wait for the greeting).
            .replace("smtpserver.xml", "<pregreetWait>1s</pregreetWait>", "<pregreetWait>50ms</pregreetWait>");
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

    /** Free loopback ports, chosen once so that a restart listens where the tests expect. */
    public record Ports(int smtp, int submission, int submissions, int imap, int imaps, int webAdmin) {
        static Ports allocate() {
            // All are held open together so that they are distinct.
            try (ServerSocket smtp = loopbackSocket(); ServerSocket submission = loopbackSocket();
                 ServerSocket submissions = loopbackSocket(); ServerSocket imap = loopbackSocket();
                 ServerSocket imaps = loopbackSocket(); ServerSocket webAdmin = loopbackSocket()) {
                return new Ports(smtp.getLocalPort(), submission.getLocalPort(), submissions.getLocalPort(),
                    imap.getLocalPort(), imaps.getLocalPort(), webAdmin.getLocalPort());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits until a stopped server has released every port: Jetty and Netty close theirs asynchronously. */
        public void awaitFree() throws InterruptedException {
            Instant deadline = Instant.now().plusSeconds(30);
            for (int port : List.of(smtp, submission, submissions, imap, imaps, webAdmin)) {
                while (!isFree(port)) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("port " + port + " still in use 30 s after the server stopped");
                    }
                    Thread.sleep(100);
                }
            }
        }

        private static boolean isFree(int port) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                return true;
            } catch (IOException inUse) {
                return false;
            }
        }

        private static ServerSocket loopbackSocket() throws IOException {
            return new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        }
    }
}
