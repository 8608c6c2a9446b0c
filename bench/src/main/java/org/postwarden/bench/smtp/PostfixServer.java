package org.postwarden.bench.smtp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's Postfix as the load run's baseline, one instance with its own config_directory, queue and data under the
 * given directory, on free loopback ports, started and stopped with {@code postfix -c}. The MX port relays what
 * 127.0.0.1 sends to the run's sink (relayhost) and delivers the local accounts to Maildirs (virtual(8)); a second
 * port does the same with OpenDKIM as milter. Everything else is Postfix's defaults: queue files and Maildir
 * deliveries fsynced before the 250, one log line per step to a file through postlogd.
 */
final class PostfixServer implements LoadServer {
    static final String BINARY = "/usr/sbin/postfix";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final String SERVICES = """
        pickup    unix  n       -       n       60      1       pickup
        cleanup   unix  n       -       n       -       0       cleanup
        qmgr      unix  n       -       n       300     1       qmgr
        tlsmgr    unix  -       -       n       1000?   1       tlsmgr
        rewrite   unix  -       -       n       -       -       trivial-rewrite
        bounce    unix  -       -       n       -       0       bounce
        defer     unix  -       -       n       -       0       bounce
        trace     unix  -       -       n       -       0       bounce
        verify    unix  -       -       n       -       1       verify
        flush     unix  n       -       n       1000?   0       flush
        proxymap  unix  -       -       n       -       -       proxymap
        proxywrite unix -       -       n       -       1       proxymap
        smtp      unix  -       -       n       -       -       smtp
        relay     unix  -       -       n       -       -       smtp
        showq     unix  n       -       n       -       -       showq
        error     unix  -       -       n       -       -       error
        retry     unix  -       -       n       -       -       error
        discard   unix  -       -       n       -       -       discard
        local     unix  -       n       n       -       -       local
        virtual   unix  -       n       n       -       -       virtual
        anvil     unix  -       -       n       -       1       anvil
        scache    unix  -       -       n       -       1       scache
        postlog   unix-dgram n  -       n       -       1       postlogd
        """;

    private final Path root;
    private final int mxPort;
    private final int dkimPort;
    private final Optional<OpenDkim> openDkim;
    private boolean running;

    private PostfixServer(Path root, int[] ports, Optional<OpenDkim> openDkim) {
        this.root = root;
        this.mxPort = ports[0];
        this.dkimPort = ports[1];
        this.openDkim = openDkim;
    }

    /** Configures and starts Postfix in {@code root} (emptied first), relaying to {@code sinkPort}; OpenDKIM too if asked. */
    static PostfixServer start(Path root, int sinkPort, boolean withOpenDkim) throws Exception {
        run(List.of("rm", "-rf", root.toString()));
        Path conf = Files.createDirectories(root.resolve("conf"));
        Files.createDirectories(root.resolve("queue"));
        UserPrincipalLookupService users = root.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(Files.createDirectories(root.resolve("data")), users.lookupPrincipalByName("postfix"));
        Path mail = Files.createDirectories(root.resolve("mail"));
        Files.setOwner(mail, users.lookupPrincipalByName("nobody"));
        Files.getFileAttributeView(mail, PosixFileAttributeView.class).setGroup(users.lookupPrincipalByGroupName("nogroup"));
        Object mailUid = Files.getAttribute(mail, "unix:uid");
        Object mailGid = Files.getAttribute(mail, "unix:gid");
        List<String> mailboxes = new ArrayList<>();
        for (int account = 0; account < LoadMail.ACCOUNTS; account++) {
            mailboxes.add(LoadMail.account(account) + " user" + account + "/");
        }
        Files.write(conf.resolve("mailboxes"), mailboxes);
        run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "7", "-subj", "/CN=postfix.load.test",
            "-keyout", conf.resolve("tls.key").toString(), "-out", conf.resolve("tls.crt").toString()));
        Optional<OpenDkim> openDkim = withOpenDkim ? Optional.of(OpenDkim.start(root.resolve("opendkim"))) : Optional.empty();
        int[] ports = Distribution.freePorts(2);
        PostfixServer server = new PostfixServer(root, ports, openDkim);
        Files.writeString(conf.resolve("main.cf"), String.join("\n",
            "compatibility_level = 3.6",
            "queue_directory = " + root.resolve("queue"),
            "data_directory = " + root.resolve("data"),
            "daemon_directory = /usr/lib/postfix/sbin",
            "command_directory = /usr/sbin",
            "meta_directory = /etc/postfix",
            "shlib_directory = /usr/lib/postfix",
            "mail_owner = postfix",
            "setgid_group = postdrop",
            "myhostname = postfix.load.test",
            "mydomain = load.test",
            "mydestination =",
            "alias_maps =",
            "alias_database =",
            "inet_interfaces = 127.0.0.1",
            "inet_protocols = ipv4",
            "mynetworks = 127.0.0.0/8",
            "smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination",
            "relayhost = [127.0.0.1]:" + sinkPort,
            "smtp_host_lookup = native",
            "virtual_mailbox_domains = " + LoadMail.LOCAL,
            "virtual_mailbox_base = " + mail,
            "virtual_mailbox_maps = texthash:" + conf.resolve("mailboxes"),
            "virtual_uid_maps = static:" + mailUid,
            "virtual_gid_maps = static:" + mailGid,
            "smtpd_tls_security_level = may",
            "smtpd_tls_cert_file = " + conf.resolve("tls.crt"),
            "smtpd_tls_key_file = " + conf.resolve("tls.key"),
            "milter_default_action = tempfail",
            "maillog_file_prefixes = " + root,
            "maillog_file = " + root.resolve("maillog"),
            "biff = no",
            ""));
        String milter = openDkim.map(dkim -> " -o smtpd_milters=unix:" + dkim.socket).orElse("");
        Files.writeString(conf.resolve("master.cf"),
            "127.0.0.1:" + server.mxPort + " inet n - n - - smtpd\n"
                + "127.0.0.1:" + server.dkimPort + " inet n - n - - smtpd" + milter + "\n"
                + SERVICES);
        server.running = true;
        try {
            run(List.of(BINARY, "-c", conf.toString(), "start"));
            server.awaitListening();
        } catch (Exception e) {
            server.close();
            throw new IllegalStateException("Postfix did not start, see " + root.resolve("maillog"), e);
        }
        return server;
    }

    @Override
    public Entry entry(Profile profile, Scenario scenario) {
        return switch (scenario) {
            case INBOUND, FORWARD -> new Entry(mxPort, false, false);
            // No SASL here: Postfix relays for its network, over TLS as our submission port does.
            case RELAY -> new Entry(profile == Profile.POSTFIX_DKIM ? dkimPort : mxPort, false, true);
        };
    }

    /** Files in the accounts' Maildir new/ folders: one per delivered message (virtual(8) renames into new/ when done). */
    @Override
    public int inboxCount() throws IOException {
        int count = 0;
        for (int account = 0; account < LoadMail.ACCOUNTS; account++) {
            Path fresh = root.resolve("mail").resolve("user" + account).resolve("new");
            if (Files.isDirectory(fresh)) {
                try (DirectoryStream<Path> files = Files.newDirectoryStream(fresh)) {
                    for (Path ignored : files) {
                        count++;
                    }
                }
            }
        }
        return count;
    }

    @Override
    public Map<String, Long> cpuMillis() throws IOException {
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put("postfix", ProcessCpu.ofTree(masterPid()));
        if (openDkim.isPresent()) {
            cpu.put("opendkim", ProcessCpu.ofProcess(openDkim.get().pid()));
        }
        return cpu;
    }

    @Override
    public long memoryMegabytes() throws IOException {
        long megabytes = ProcessCpu.treePssMegabytes(masterPid());
        return openDkim.isPresent() ? megabytes + ProcessCpu.treePssMegabytes(openDkim.get().pid()) : megabytes;
    }

    private long masterPid() throws IOException {
        return Long.parseLong(Files.readString(root.resolve("queue/pid/master.pid"), StandardCharsets.US_ASCII).trim());
    }

    private void awaitListening() throws Exception {
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        for (int port : new int[] {mxPort, dkimPort}) {
            while (true) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
                    break;
                } catch (IOException notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw notYet;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (running) {
            running = false;
            Optional<Long> master = Optional.empty();
            try {
                master = Optional.of(masterPid());
            } catch (IOException notStarted) {
                // nothing to wait for
            }
            run(List.of(BINARY, "-c", root.resolve("conf").toString(), "stop"));
            Instant deadline = Instant.now().plusSeconds(20);
            while (master.isPresent() && Files.exists(Path.of("/proc", master.get().toString())) && Instant.now().isBefore(deadline)) {
                Thread.sleep(100);
            }
        }
        if (openDkim.isPresent()) {
            openDkim.get().close();
        }
    }

    static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + process.exitValue() + ": " + output);
        }
    }
}
