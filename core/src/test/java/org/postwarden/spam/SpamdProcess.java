package org.postwarden.spam;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postwarden.testing.LoopbackDaemon;

/**
 * A throw-away SpamAssassin spamd (Debian package {@code spamd}) on a free loopback port, in the foreground, with
 * network tests off ({@code --local}) so that verdicts do not depend on DNS blocklists. As root it drops to
 * {@code nobody}, which spamd requires. Shared with the end-to-end tests through core's test-jar.
 */
public final class SpamdProcess implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/spamd");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    public static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    private final LoopbackDaemon daemon;

    private SpamdProcess(LoopbackDaemon daemon) {
        this.daemon = daemon;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    public static SpamdProcess start() throws IOException, InterruptedException {
        return new SpamdProcess(LoopbackDaemon.start("spamd", STARTUP_TIMEOUT, port -> {
            List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--listen=127.0.0.1:" + port,
                "--syslog=stderr", "--local", "--nouser-config", "--max-children=2", "--min-children=1"));
            if ("root".equals(System.getProperty("user.name"))) {
                command.add("--username=nobody");
            }
            return command;
        }));
    }

    public int port() {
        return daemon.port();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
