package org.postwarden.greylist.redis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.postwarden.testing.LoopbackDaemon;

/** A throw-away redis-server on a free loopback port, without persistence. */
public final class RedisServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/bin/redis-server");
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(10);

    private final LoopbackDaemon daemon;

    private RedisServer(LoopbackDaemon daemon) {
        this.daemon = daemon;
    }

    public static boolean isInstalled() {
        return Files.isExecutable(BINARY);
    }

    public static RedisServer start() throws IOException, InterruptedException {
        return new RedisServer(LoopbackDaemon.start("redis-server", STARTUP_TIMEOUT, port -> List.of(BINARY.toString(),
            "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")));
    }

    public String uri() {
        return "redis://127.0.0.1:" + daemon.port();
    }

    @Override
    public void close() throws InterruptedException {
        daemon.close();
    }
}
