package org.postwarden.common.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The one way Postwarden's Redis stores connect: to {@code redis://host:6379/0} or
 * {@code redis-sentinel://host:26379/0#mymaster} (see {@link RedisURI#create(String)}), with settings fit for a
 * client waiting in an SMTP session. Lettuce waits 60 s for an answer by default: unless the URI sets another
 * {@code timeout}, {@value #DEFAULT_TIMEOUT_SECONDS} s apply. Commands fail at once while the connection is down
 * (Lettuce reconnects in the background), so that a hook fails open or a fallback store takes over instead of
 * queueing behind an outage.
 */
public final class RedisConnection implements AutoCloseable {
    static final int DEFAULT_TIMEOUT_SECONDS = 2;

    private final StatefulRedisConnection<String, String> connection;
    private final Optional<RedisClient> ownedClient;

    private RedisConnection(StatefulRedisConnection<String, String> connection, Optional<RedisClient> ownedClient) {
        this.connection = connection;
        this.ownedClient = ownedClient;
    }

    /**
     * Opens a connection that {@link #close} closes.
     *
     * @param failure the store's own exception for "Cannot connect to Redis: ...", given the message and the cause
     */
    public static RedisConnection open(String uri, BiFunction<String, Throwable, RuntimeException> failure) {
        RedisURI redisUri = RedisURI.create(uri);
        if (redisUri.getTimeout().equals(RedisURI.DEFAULT_TIMEOUT_DURATION)) {
            redisUri.setTimeout(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
        }
        RedisClient client = RedisClient.create(redisUri);
        client.setOptions(ClientOptions.builder()
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .build());
        try {
            return new RedisConnection(client.connect(), Optional.of(client));
        } catch (RedisException e) {
            client.shutdown();
            throw failure.apply("Cannot connect to Redis: " + e.getMessage(), e);
        }
    }

    /** A connection the caller keeps ownership of: {@link #close} leaves it open. */
    public static RedisConnection borrowed(StatefulRedisConnection<String, String> connection) {
        return new RedisConnection(connection, Optional.empty());
    }

    public RedisCommands<String, String> commands() {
        return connection.sync();
    }

    /** Closes the connection when {@link #open} opened it. */
    @Override
    public void close() {
        ownedClient.ifPresent(client -> {
            connection.close();
            client.shutdown();
        });
    }
}
