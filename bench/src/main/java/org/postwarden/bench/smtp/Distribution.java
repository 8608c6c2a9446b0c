package org.postwarden.bench.smtp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * One unpacked copy of the distribution archive, started as the operator would (bin/postwarden), on free loopback
 * ports, DNS from zone.json, remote delivery to the load run's sink.
 */
final class Distribution implements LoadServer {
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

    final Path root;
    final int smtpPort;
    final int submissionPort;
    final int submissionsPort;
    final int imapPort;
    final int imapsPort;
    final int webAdminPort;
    private Process process;
    private final List<ImapInbox> inboxes = new ArrayList<>();

    private Distribution(Path root, int[] ports) {
        this.root = root;
        this.smtpPort = ports[0];
        this.submissionPort = ports[1];
        this.submissionsPort = ports[2];
        this.imapPort = ports[3];
        this.imapsPort = ports[4];
        this.webAdminPort = ports[5];
    }

    /** Unpacks {@code archive} into {@code parent}/{@code name}, moves it to free ports and points it at the sink. */
    static Distribution unpack(Path archive, Path parent, String name, int sinkPort) throws IOException, InterruptedException {
        Path root = parent.resolve(name);
        Files.createDirectories(root);
        run(List.of("tar", "-xzf", archive.toString(), "-C", root.toString(), "--strip-components=1"));
        Distribution distribution = new Distribution(root, freePorts(6));
        distribution.edit("smtpserver.xml", Map.of(
            "<bind>127.0.0.1:2525</bind>", "<bind>127.0.0.1:" + distribution.smtpPort + "</bind>",
            "<bind>127.0.0.1:2587</bind>", "<bind>127.0.0.1:" + distribution.submissionPort + "</bind>",
            "<bind>127.0.0.1:2465</bind>", "<bind>127.0.0.1:" + distribution.submissionsPort + "</bind>",
            // The load comes from one address but stands for many senders: the MX's per-address cap would refuse it.
            "<connectionLimitPerIP>10</connectionLimitPerIP>", "<connectionLimitPerIP>0</connectionLimitPerIP>"));
        distribution.edit("imapserver.xml", Map.of(
            "<bind>127.0.0.1:1143</bind>", "<bind>127.0.0.1:" + distribution.imapPort + "</bind>",
            "<bind>127.0.0.1:1993</bind>", "<bind>127.0.0.1:" + distribution.imapsPort + "</bind>"));
        distribution.edit("webadmin.properties", Map.of("port=8000", "port=" + distribution.webAdminPort));
        distribution.edit("dnsservice.xml", Map.of("<zoneFile></zoneFile>", "<zoneFile>zone.json</zoneFile>"));
        distribution.edit("mailetcontainer.xml", Map.of("<outgoingQueue>outgoing</outgoingQueue>",
            "<outgoingQueue>outgoing</outgoingQueue><gateway>127.0.0.1</gateway><gatewayPort>" + sinkPort + "</gatewayPort>"));
        return distribution;
    }

    /** Literal replacements in conf/{@code file}; a text that is not there fails the run. */
    void edit(String file, Map<String, String> replacements) throws IOException {
        Path path = root.resolve("conf").resolve(file);
        String content = Files.readString(path, StandardCharsets.UTF_8);
        for (Map.Entry<String, String> replacement : replacements.entrySet()) {
            if (!content.contains(replacement.getKey())) {
                throw new IllegalStateException("conf/" + file + " no longer contains: " + replacement.getKey());
            }
            content = content.replace(replacement.getKey(), replacement.getValue());
        }
        Files.writeString(path, content, StandardCharsets.UTF_8);
    }

    void rewrite(String file, UnaryOperator<String> change) throws IOException {
        Path path = root.resolve("conf").resolve(file);
        Files.writeString(path, change.apply(Files.readString(path, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    void publishZone(String json) throws IOException {
        Path zone = root.resolve("zone.json");
        Files.writeString(zone, json, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(zone, FileTime.from(Instant.now()));
    }

    void start(String javaOptions) throws Exception {
        Path log = root.resolve("var/log/console.log");
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(root.resolve("bin/postwarden").toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("JAVA_OPTS", javaOptions);
        process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest healthcheck = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + webAdminPort + "/healthcheck"))
            .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + ", see " + log);
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
        throw new IllegalStateException("the server was not healthy within " + STARTUP_TIMEOUT + ", see " + log);
    }

    /** CPU time the server's JVM has used so far, all threads, in nanoseconds (0 when the OS does not say). */
    long cpuNanos() {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    /** Resident set size of the server's JVM, in MB (Linux /proc). */
    long rssMegabytes() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IOException("no VmRSS for process " + process.pid());
    }

    @Override
    public Entry entry(Profile profile, Scenario scenario) {
        return scenario == Scenario.RELAY ? new Entry(submissionPort, true, true) : new Entry(smtpPort, false, false);
    }

    @Override
    public int inboxCount() throws IOException {
        if (inboxes.isEmpty()) {
            for (int account = 0; account < LoadMail.ACCOUNTS; account++) {
                inboxes.add(ImapInbox.login(imapsPort, LoadMail.account(account), LoadMail.PASSWORD));
            }
        }
        int total = 0;
        for (ImapInbox inbox : inboxes) {
            total += inbox.count();
        }
        return total;
    }

    @Override
    public Map<String, Long> cpuMillis() throws IOException {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("postwarden", ProcessCpu.ofProcess(process.pid()));
        return cpu;
    }

    @Override
    public long memoryMegabytes() throws IOException {
        return rssMegabytes();
    }

    WebAdmin webAdmin() {
        return new WebAdmin(webAdminPort);
    }

    /** SIGKILL, as a power cut stops it: nothing flushed, nothing closed. {@link #start} brings it back on the same data. */
    void kill() throws InterruptedException {
        inboxes.forEach(ImapInbox::close);
        inboxes.clear();
        process.destroyForcibly().waitFor();
        process = null;
    }

    @Override
    public void close() throws Exception {
        inboxes.forEach(ImapInbox::close);
        inboxes.clear();
        if (process != null) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
            process = null;
        }
    }

    static int[] freePorts(int count) throws IOException {
        ServerSocket[] sockets = new ServerSocket[count];
        int[] ports = new int[count];
        try {
            for (int i = 0; i < count; i++) {
                sockets[i] = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ports[i] = sockets[i].getLocalPort();
            }
        } finally {
            for (ServerSocket socket : sockets) {
                if (socket != null) {
                    socket.close();
                }
            }
        }
        return ports;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
        }
    }
}
