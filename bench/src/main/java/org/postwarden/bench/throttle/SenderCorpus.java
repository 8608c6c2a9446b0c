package org.postwarden.bench.throttle;

import com.google.common.base.Preconditions;
import java.time.Duration;
import java.util.List;
import org.postwarden.throttle.RateLimit;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.throttle.WindowSpec;

/**
 * Deterministic senders of a submission server and the windows one message of each consumes, as
 * {@code Throttler.checkSender} builds them: 1 in the {@code messages} counter of the account, of its sender domain
 * and of its client address, three buckets per acquisition.
 *
 * <p>Account {@code i} is {@code user<i>@d<i mod 1,000>.example.com}, so a domain has {@code users / 1,000}
 * accounts, and sends from one of 20,000 addresses in 100.64.0.0/10, scattered so that neighbouring accounts
 * use unrelated addresses. Windows are built once here, not per call: the benchmark measures the store, not
 * {@link ThrottleKey}'s normalisation.
 *
 * <p>One {@link #LIMIT} applies to every window. It must never deny, yet a counter must stay in the store for the
 * whole trial once touched: a window empties (and Redis expires its key) {@code window / limit} after its last
 * unit, so that interval, here 172.8 s, must outlast a trial, and a trial must not put more than {@code limit}
 * units in one counter (about 50,000 in the hottest domain counter at 2 million acquisitions/s). Hence
 * 100,000 per 200 days; {@code limit * window} stays below the 2<sup>53</sup> {@link RateLimit} allows.
 */
final class SenderCorpus {
    static final RateLimit LIMIT = new RateLimit("100000/200d", 100_000, Duration.ofDays(200));
    static final int DOMAINS = 1_000;
    static final int ADDRESSES = 20_000;
    private static final String COUNTER = "messages";
    private static final long ADDRESS_SCATTER = 0x9E3779B1L;

    private final List<WindowSpec>[] windows;

    @SuppressWarnings("unchecked")
    SenderCorpus(int users) {
        Preconditions.checkArgument(users >= DOMAINS, "at least %s users, got %s", DOMAINS, users);
        WindowSpec[] domains = new WindowSpec[DOMAINS];
        for (int d = 0; d < DOMAINS; d++) {
            domains[d] = window(ThrottleKey.senderDomain(domain(d)));
        }
        WindowSpec[] addresses = new WindowSpec[ADDRESSES];
        for (int a = 0; a < ADDRESSES; a++) {
            addresses[a] = window(ThrottleKey.clientIp(address(a)));
        }
        windows = new List[users];
        for (int i = 0; i < users; i++) {
            windows[i] = List.of(window(ThrottleKey.user(user(i))), domains[i % DOMAINS],
                addresses[(int) Long.remainderUnsigned(i * ADDRESS_SCATTER, ADDRESSES)]);
        }
    }

    int users() {
        return windows.length;
    }

    /** How many counters the corpus's messages touch: the scatter of addresses is a bijection modulo 20,000. */
    int counters() {
        return users() + DOMAINS + Math.min(users(), ADDRESSES);
    }

    /** The windows a message of account {@code user} consumes: account, sender domain, client address. */
    List<WindowSpec> message(int user) {
        return windows[user];
    }

    static String user(int index) {
        return "user" + index + "@" + domain(index % DOMAINS);
    }

    private static String domain(int index) {
        return "d" + index + ".example.com";
    }

    /** Address {@code index} of 100.64.0.0/10 (shared address space, RFC 6598), skipping .0 and .255. */
    private static String address(int index) {
        int host = index % 254 + 1;
        int subnet = index / 254;
        return "100." + (64 + subnet / 256) + "." + subnet % 256 + "." + host;
    }

    private static WindowSpec window(ThrottleKey key) {
        return new WindowSpec(key.bucket(COUNTER), LIMIT, 1);
    }
}
