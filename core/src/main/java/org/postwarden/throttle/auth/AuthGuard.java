package org.postwarden.throttle.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.postwarden.store.FailOpen;
import org.postwarden.throttle.RateLimit;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.throttle.WindowUsage;

/**
 * Defence against password guessing, for every protocol that checks passwords. Failures are counted in the
 * throttle store (so that nodes sharing it share the counts) per client address and per address and account:
 * from {@link AuthGuardConfig#delayAfter()} failures on, each failure is answered late, and once a counter is full
 * further attempts are refused before the credentials are looked at, the right password included. The account
 * alone is never a key, so that guessing from one place does not lock its owner out of every other.
 *
 * <p>Counters are GCRA windows: {@code 5/10m} lets a failure drain every two minutes. Every failure and refusal is
 * appended to the {@link AuthFailureLog}. When the store is unavailable the guard fails open (the results say so):
 * password checks go on without it. The administration methods throw {@link ThrottleStoreException} instead.
 */
public final class AuthGuard {
    static final String COUNTER = "auth-failures";
    private static final String REFUSALS_LOGGED = "auth-refusals-logged";
    private static final RateLimit ONCE_A_MINUTE = RateLimit.parse("1/1m");

    private final AuthGuardConfig config;
    private final ThrottleStore store;
    private final AuthFailureLog log;
    private final Clock clock;

    public AuthGuard(AuthGuardConfig config, ThrottleStore store, AuthFailureLog log, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Before the credentials are checked: refused, and logged as such, when a counter is full; unchecked, failing
     * open, when the store is unavailable.
     */
    public AuthVerdict check(AuthAttempt attempt) {
        Instant now = clock.instant();
        return FailOpen.orElse(() -> {
            List<WindowUsage> usages = store.peek(windows(attempt), now);
            Optional<Duration> wait = usages.stream().filter(AuthGuard::full).map(AuthGuard::untilRoom)
                .max(Duration::compareTo);
            if (wait.isEmpty()) {
                return AuthVerdict.ALLOWED;
            }
            // A refused client may go on trying as fast as it likes: log it once a minute per address, not each time.
            if (store.acquire(List.of(new WindowSpec(attempt.addressKey().bucket(REFUSALS_LOGGED), ONCE_A_MINUTE, 1)),
                now).allowed()) {
                log.append(event(attempt, AuthFailureEvent.Action.REFUSED, now));
            }
            return AuthVerdict.refused(wait.get());
        }, failure -> AuthVerdict.unchecked(failure.getMessage()));
    }

    /**
     * After the credentials were found wrong: counts and logs the failure. The delay is
     * {@link AuthGuardConfig#delay()} once a counter has {@link AuthGuardConfig#delayAfter()} failures, zero before.
     */
    public FailureOutcome failed(AuthAttempt attempt) {
        Instant now = clock.instant();
        List<WindowSpec> windows = windows(attempt);
        return FailOpen.orElse(() -> {
            // One acquisition per window: a full address counter must not stop the account counter from counting.
            windows.forEach(window -> store.acquire(List.of(window), now));
            log.append(event(attempt, AuthFailureEvent.Action.FAILED, now));
            long most = store.peek(windows, now).stream().mapToLong(WindowUsage::used).max().orElse(0);
            return FailureOutcome.counted(most >= config.delayAfter() ? config.delay() : Duration.ZERO);
        }, failure -> FailureOutcome.uncounted(failure.getMessage()));
    }

    /** Non-empty counters of the addresses and accounts that failed within the longest window, most failures first. */
    public List<FailureCount> counters() {
        Instant now = clock.instant();
        Map<String, AuthAttempt> keys = new LinkedHashMap<>();
        for (AuthFailureEvent event : log.since(now.minus(config.horizon()))) {
            if (event.action() == AuthFailureEvent.Action.FAILED) {
                AuthAttempt attempt = new AuthAttempt(event.address(), event.account(), event.protocol());
                keys.putIfAbsent(addressBucket(attempt), new AuthAttempt(event.address(), "", event.protocol()));
                keys.putIfAbsent(accountBucket(attempt), attempt);
            }
        }
        List<AuthAttempt> attempts = new ArrayList<>(keys.values());
        List<WindowSpec> windows = attempts.stream()
            .map(attempt -> attempt.account().isEmpty() ? addressWindow(attempt) : accountWindow(attempt)).toList();
        List<WindowUsage> usages = windows.isEmpty() ? List.of() : store.peek(windows, now);
        List<FailureCount> counts = new ArrayList<>();
        for (int i = 0; i < usages.size(); i++) {
            WindowUsage usage = usages.get(i);
            if (usage.used() > 0) {
                counts.add(new FailureCount(attempts.get(i).address(), attempts.get(i).account(), usage.used(),
                    usage.window().limit(), full(usage), usage.drainsIn()));
            }
        }
        counts.sort((a, b) -> Long.compare(b.failures(), a.failures()));
        return counts;
    }

    /**
     * Forgets the counters of an address and of every account tried from it within the longest window, and logs
     * it; the address then gets a fresh start.
     *
     * @throws IllegalArgumentException when {@code address} is not a literal IP address
     */
    public void clear(String address) {
        String canonical = AuthAttempt.canonicalAddress(address);
        ThrottleKey key = ThrottleKey.clientIp(canonical);
        Instant now = clock.instant();
        store.reset(key.bucket(COUNTER));
        log.since(now.minus(config.horizon())).stream()
            .filter(event -> ThrottleKey.clientIp(event.address()).equals(key))
            .map(event -> new AuthAttempt(event.address(), event.account(), event.protocol()))
            .filter(attempt -> !attempt.account().isEmpty())
            .map(AuthGuard::accountBucket).distinct()
            .forEach(store::reset);
        log.append(new AuthFailureEvent(now, canonical, "", "webadmin", AuthFailureEvent.Action.CLEARED));
    }

    /** The audit log of one address, oldest first, at most {@code limit} of the newest entries. */
    public List<AuthFailureEvent> history(String address, int limit) {
        return log.ofAddress(AuthAttempt.canonicalAddress(address), limit);
    }

    public AuthGuardConfig config() {
        return config;
    }

    private List<WindowSpec> windows(AuthAttempt attempt) {
        return List.of(addressWindow(attempt), accountWindow(attempt));
    }

    private WindowSpec addressWindow(AuthAttempt attempt) {
        return new WindowSpec(addressBucket(attempt), config.perAddress(), 1);
    }

    private WindowSpec accountWindow(AuthAttempt attempt) {
        return new WindowSpec(accountBucket(attempt), config.perAddressAndAccount(), 1);
    }

    private static String addressBucket(AuthAttempt attempt) {
        return attempt.addressKey().bucket(COUNTER);
    }

    /** {@code ip:192.0.2.1/32#auth-failures:alice@example.com}. */
    private static String accountBucket(AuthAttempt attempt) {
        return addressBucket(attempt) + ":" + attempt.account();
    }

    private static boolean full(WindowUsage usage) {
        return usage.used() >= usage.window().limit().limit();
    }

    /** GCRA drains evenly: there is room for one more attempt once the counter is down to {@code limit - 1}. */
    private static Duration untilRoom(WindowUsage usage) {
        long limit = usage.window().limit().limit();
        Duration perUnit = usage.window().limit().window().dividedBy(limit);
        Duration wait = usage.drainsIn().minus(perUnit.multipliedBy(limit - 1));
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    private static AuthFailureEvent event(AuthAttempt attempt, AuthFailureEvent.Action action, Instant now) {
        return new AuthFailureEvent(now, attempt.address(), attempt.account(), attempt.protocol(), action);
    }
}
