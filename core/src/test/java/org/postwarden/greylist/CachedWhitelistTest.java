package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;

class CachedWhitelistTest {
    private static final Instant T0 = Instant.parse("2024-03-01T10:00:00Z");
    private static final GreylistRequest REQUEST = new GreylistRequest(InetAddresses.forString("192.0.2.1"),
        Optional.empty(), "alice@example.com", false, "bob@example.net");
    private static final WhitelistEntry ENTRY = WhitelistEntry.create(WhitelistEntry.Kind.CLIENT_NETWORK,
        "192.0.2.0/24", "", T0);

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryGreylistStore store = new InMemoryGreylistStore();
    private final CachedWhitelist whitelist = new CachedWhitelist(store, clock, Duration.ofMinutes(1));

    @Test
    void entriesAddedElsewhereShouldApplyAfterTheRefreshInterval() {
        assertThat(whitelist.match(REQUEST)).isEmpty();
        store.addWhitelistEntry(ENTRY);

        clock.advance(Duration.ofSeconds(59));
        assertThat(whitelist.match(REQUEST)).isEmpty();
        clock.advance(Duration.ofSeconds(1));
        assertThat(whitelist.match(REQUEST)).contains(ENTRY);
    }

    @Test
    void invalidateShouldReloadAtOnce() {
        assertThat(whitelist.match(REQUEST)).isEmpty();
        store.addWhitelistEntry(ENTRY);

        whitelist.invalidate();

        assertThat(whitelist.match(REQUEST)).contains(ENTRY);
    }
}
