package org.postwarden.greylist.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.postwarden.common.redis.RedisConnection;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistStoreException;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.NetworkPasses;
import org.postwarden.greylist.TripletQuery;
import org.postwarden.greylist.TripletRecord;
import org.postwarden.greylist.TripletView;
import org.postwarden.greylist.Versioned;
import org.postwarden.greylist.WhitelistEntry;

/**
 * A store in Redis (standalone, or a master found through Sentinel), shared by the nodes. Keys:
 * <ul>
 *   <li>{@code postwarden:greylist:triplet:<network>|<sender>|<recipient>}: a hash of the triplet record</li>
 *   <li>{@code postwarden:greylist:network:<network>}: a hash of the network's passes</li>
 *   <li>{@code postwarden:greylist:whitelist}: a hash from entry id to the entry as JSON</li>
 * </ul>
 * Triplet and network keys get PEXPIREAT at their record's expiry, so Redis drops them by itself;
 * {@link #purgeExpired} only catches records whose expiry a node's clock judged differently. Compare-and-set and
 * pass counting are Lua scripts. Listings and purges stop after {@value #MAX_SCAN_CALLS} SCAN calls of
 * {@value #SCAN_BATCH} keys.
 *
 * <p>Redis Cluster is not supported yet: it needs a cluster connection and a hash tag on the keys.
 */
public final class RedisGreylistStore implements GreylistStore, AutoCloseable {
    private static final String PREFIX = "postwarden:greylist:";
    private static final String TRIPLET_PREFIX = PREFIX + "triplet:";
    private static final String NETWORK_PREFIX = PREFIX + "network:";
    private static final String WHITELIST_KEY = PREFIX + "whitelist";
    private static final int MAX_SCAN_CALLS = 100;
    private static final int SCAN_BATCH = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisConnection connection;
    private final RedisCommands<String, String> commands;
    private final LuaScript compareAndSet;
    private final LuaScript recordNetworkPass;
    private final LuaScript deleteIfExpired;

    /** Uses a connection the caller keeps ownership of. */
    public RedisGreylistStore(StatefulRedisConnection<String, String> connection) {
        this(RedisConnection.borrowed(connection));
    }

    private RedisGreylistStore(RedisConnection connection) {
        this.connection = connection;
        this.commands = connection.commands();
        this.compareAndSet = new LuaScript(RedisScripts.COMPARE_AND_SET, commands);
        this.recordNetworkPass = new LuaScript(RedisScripts.RECORD_NETWORK_PASS, commands);
        this.deleteIfExpired = new LuaScript(RedisScripts.DELETE_IF_EXPIRED, commands);
    }

    /**
     * Connects as {@link RedisConnection#open} does. Close the store to close the connection.
     *
     * @throws GreylistStoreException when Redis cannot be reached
     */
    public static RedisGreylistStore connect(String uri) {
        return new RedisGreylistStore(RedisConnection.open(uri, GreylistStoreException::new));
    }

    @Override
    public Optional<Versioned<TripletRecord>> triplet(GreylistTriplet triplet) {
        return call("read a triplet", () -> {
            Map<String, String> hash = commands.hgetall(tripletKey(triplet));
            return hash.isEmpty()
                ? Optional.empty()
                : Optional.of(new Versioned<>(tripletRecord(hash), Long.parseLong(hash.get("version"))));
        });
    }

    @Override
    public boolean compareAndSet(GreylistTriplet triplet, Optional<Long> expectedVersion, TripletRecord next) {
        return call("write a triplet", () -> compareAndSet.run(commands, new String[] {tripletKey(triplet)},
            expectedVersion.map(String::valueOf).orElse(""), next.state().name(), millis(next.firstSeen()),
            millis(next.lastSeen()), String.valueOf(next.passCount()), millis(next.expiresAt()),
            triplet.network(), triplet.sender(), triplet.recipient()) == 1);
    }

    @Override
    public boolean deleteTriplet(GreylistTriplet triplet) {
        return call("delete a triplet", () -> commands.del(tripletKey(triplet)) > 0);
    }

    @Override
    public List<TripletView> triplets(TripletQuery query, Instant now) {
        return call("list triplets", () -> {
            List<TripletView> views = new ArrayList<>();
            scan(TRIPLET_PREFIX + "*" + globEscaped(longestFilter(query)) + "*", () -> views.size() >= query.limit(),
                key -> {
                    Map<String, String> hash = commands.hgetall(key);
                    if (hash.isEmpty()) {
                        return;
                    }
                    GreylistTriplet triplet = new GreylistTriplet(hash.get("network"), hash.get("sender"),
                        hash.get("recipient"));
                    TripletRecord record = tripletRecord(hash);
                    if (!record.isExpired(now) && query.matches(triplet)) {
                        views.add(new TripletView(triplet, record));
                    }
                });
            views.sort(Comparator.comparing((TripletView view) -> view.record().lastSeen()).reversed());
            return views;
        });
    }

    @Override
    public Optional<NetworkPasses> networkPasses(String network) {
        return call("read a network", () -> {
            Map<String, String> hash = commands.hgetall(NETWORK_PREFIX + network);
            return hash.isEmpty() ? Optional.empty() : Optional.of(networkPasses(hash));
        });
    }

    @Override
    public long recordNetworkPass(String network, Instant now, Instant expiresAt) {
        return call("count a network pass", () -> recordNetworkPass.run(commands,
            new String[] {NETWORK_PREFIX + network}, millis(now), millis(expiresAt), network));
    }

    @Override
    public List<NetworkPasses> autoWhitelistedNetworks(long threshold, Instant now, int limit) {
        return call("list networks", () -> {
            List<NetworkPasses> networks = new ArrayList<>();
            scan(NETWORK_PREFIX + "*", () -> networks.size() >= limit, key -> {
                Map<String, String> hash = commands.hgetall(key);
                if (!hash.isEmpty()) {
                    NetworkPasses passes = networkPasses(hash);
                    if (!passes.isExpired(now) && passes.passCount() >= threshold) {
                        networks.add(passes);
                    }
                }
            });
            networks.sort(Comparator.comparing(NetworkPasses::lastPass).reversed());
            return networks;
        });
    }

    @Override
    public boolean deleteNetwork(String network) {
        return call("delete a network", () -> commands.del(NETWORK_PREFIX + network) > 0);
    }

    @Override
    public long purgeExpired(Instant now) {
        return call("purge expired records", () -> {
            long[] purged = {0};
            Consumer<String> purge = key ->
                purged[0] += deleteIfExpired.run(commands, new String[] {key}, millis(now));
            scan(TRIPLET_PREFIX + "*", () -> false, purge);
            scan(NETWORK_PREFIX + "*", () -> false, purge);
            return purged[0];
        });
    }

    @Override
    public void addWhitelistEntry(WhitelistEntry entry) {
        call("store a whitelist entry", () -> commands.hset(WHITELIST_KEY, entry.id(), toJson(entry)));
    }

    @Override
    public boolean removeWhitelistEntry(String id) {
        return call("remove a whitelist entry", () -> commands.hdel(WHITELIST_KEY, id) > 0);
    }

    @Override
    public List<WhitelistEntry> whitelistEntries() {
        return call("list whitelist entries", () -> commands.hgetall(WHITELIST_KEY).entrySet().stream()
            .map(entry -> fromJson(entry.getKey(), entry.getValue()))
            .sorted(Comparator.comparing(WhitelistEntry::createdAt).thenComparing(WhitelistEntry::id))
            .toList());
    }

    @Override
    public void ping() {
        call("ping", commands::ping);
    }

    /** Closes the connection when this store opened it. */
    @Override
    public void close() {
        connection.close();
    }

    private void scan(String pattern, Supplier<Boolean> done, Consumer<String> visit) {
        ScanArgs arguments = ScanArgs.Builder.matches(pattern).limit(SCAN_BATCH);
        KeyScanCursor<String> cursor = commands.scan(arguments);
        for (int calls = 1; ; calls++) {
            for (String key : cursor.getKeys()) {
                if (done.get()) {
                    return;
                }
                visit.accept(key);
            }
            if (cursor.isFinished() || calls >= MAX_SCAN_CALLS) {
                return;
            }
            cursor = commands.scan(cursor, arguments);
        }
    }

    private static <T> T call(String action, Supplier<T> work) {
        try {
            return work.get();
        } catch (GreylistStoreException e) {
            throw e;
        } catch (RedisException e) {
            throw new GreylistStoreException("Redis failed to " + action + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new GreylistStoreException("Unreadable greylist data in Redis while trying to " + action, e);
        }
    }

    private static String tripletKey(GreylistTriplet triplet) {
        return TRIPLET_PREFIX + triplet.network() + "|" + triplet.sender() + "|" + triplet.recipient();
    }

    private static String longestFilter(TripletQuery query) {
        return List.of(query.network(), query.sender(), query.recipient()).stream()
            .max(Comparator.comparingInt(String::length))
            .orElse("");
    }

    private static String globEscaped(String text) {
        StringBuilder escaped = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("*?[]\\".indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }

    private static TripletRecord tripletRecord(Map<String, String> hash) {
        return new TripletRecord(TripletRecord.State.valueOf(hash.get("state")), instant(hash.get("firstSeen")),
            instant(hash.get("lastSeen")), Long.parseLong(hash.get("passCount")), instant(hash.get("expiresAt")));
    }

    private static NetworkPasses networkPasses(Map<String, String> hash) {
        return new NetworkPasses(hash.get("network"), Long.parseLong(hash.get("passCount")),
            instant(hash.get("firstPass")), instant(hash.get("lastPass")), instant(hash.get("expiresAt")));
    }

    private static String toJson(WhitelistEntry entry) {
        try {
            return JSON.writeValueAsString(Map.of("kind", entry.kind().name(), "value", entry.value(),
                "comment", entry.comment(), "createdAt", millis(entry.createdAt())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private static WhitelistEntry fromJson(String id, String json) {
        try {
            Map<String, String> fields = JSON.readValue(json, new TypeReference<>() { });
            return new WhitelistEntry(id, WhitelistEntry.Kind.valueOf(fields.get("kind")), fields.get("value"),
                fields.get("comment"), instant(fields.get("createdAt")));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new GreylistStoreException("Corrupt whitelist entry " + id + " in Redis: " + json, e);
        }
    }

    private static Instant instant(String epochMillis) {
        return Instant.ofEpochMilli(Long.parseLong(epochMillis));
    }

    private static String millis(Instant instant) {
        return String.valueOf(instant.toEpochMilli());
    }
}
