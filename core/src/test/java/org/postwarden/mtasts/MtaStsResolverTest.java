package org.postwarden.mtasts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.StaticZone;

class MtaStsResolverTest {
    private static final String DOMAIN = "remote.example";
    private static final String TXT = "_mta-sts." + DOMAIN;

    private final AtomicReference<StaticZone> zone = new AtomicReference<>(withId("1"));
    private final DnsResolver resolver = (name, type) -> zone.get().lookup(name, type);
    private final List<String> fetches = new ArrayList<>();
    private final AtomicReference<String> served = new AtomicReference<>(policy("enforce", 3600));
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final MtaStsResolver mtaSts = new MtaStsResolver(resolver, domain -> {
        fetches.add(domain);
        if (served.get() == null) {
            throw new MtaStsException("connection refused");
        }
        return MtaStsPolicy.parse(served.get());
    }, new PolicyCache(), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void domainWithoutRecordShouldHaveNoPolicyAndNoFetch() {
        zone.set(StaticZone.builder().build());

        PolicyDiscovery discovery = mtaSts.policyFor(DOMAIN);

        assertThat(discovery.policy()).isEmpty();
        assertThat(discovery.enforced()).isFalse();
        assertThat(fetches).isEmpty();
    }

    @Test
    void policyShouldBeFetchedOnceWhileTheIdStaysAndMaxAgeHolds() {
        assertThat(mtaSts.policyFor(DOMAIN).enforced()).isTrue();
        now = now.plus(Duration.ofMinutes(59));
        assertThat(mtaSts.policyFor(DOMAIN).detail()).startsWith("cached");

        assertThat(fetches).hasSize(1);
    }

    @Test
    void newIdShouldTriggerARefetch() {
        mtaSts.policyFor(DOMAIN);
        zone.set(withId("2"));
        served.set(policy("testing", 3600));

        PolicyDiscovery discovery = mtaSts.policyFor(DOMAIN);

        assertThat(fetches).hasSize(2);
        assertThat(discovery.policy().orElseThrow().mode()).isEqualTo(MtaStsPolicy.Mode.TESTING);
    }

    @Test
    void expiredPolicyShouldBeRefetched() {
        mtaSts.policyFor(DOMAIN);
        now = now.plus(Duration.ofHours(1));

        mtaSts.policyFor(DOMAIN);

        assertThat(fetches).hasSize(2);
    }

    @Test
    void cachedPolicyShouldStillApplyWhenDiscoveryFails() {
        // RFC 8461 §5.1: a valid cached policy applies when no live policy can be discovered.
        mtaSts.policyFor(DOMAIN);
        zone.set(StaticZone.builder().timeout(TXT).build());

        PolicyDiscovery discovery = mtaSts.policyFor(DOMAIN);

        assertThat(discovery.enforced()).isTrue();
        assertThat(discovery.detail()).contains("DNS failure");
    }

    @Test
    void cachedPolicyShouldStillApplyWhenTheFetchFails() {
        mtaSts.policyFor(DOMAIN);
        zone.set(withId("2"));
        served.set(null);

        assertThat(mtaSts.policyFor(DOMAIN).enforced()).isTrue();
    }

    @Test
    void failedFetchWithoutCacheShouldMeanNoPolicy() {
        served.set(null);

        PolicyDiscovery discovery = mtaSts.policyFor(DOMAIN);

        assertThat(discovery.policy()).isEmpty();
        assertThat(discovery.detail()).contains("connection refused");
    }

    @Test
    void invalidPolicyShouldMeanNoPolicy() {
        served.set("version: STSv1\nmode: enforce\n");

        assertThat(mtaSts.policyFor(DOMAIN).policy()).isEmpty();
    }

    @Test
    void expiredPolicyShouldNotApplyWhenDiscoveryFails() {
        mtaSts.policyFor(DOMAIN);
        now = now.plus(Duration.ofHours(2));
        zone.set(StaticZone.builder().build());

        assertThat(mtaSts.policyFor(DOMAIN).policy()).isEmpty();
    }

    private static StaticZone withId(String id) {
        return StaticZone.builder().txt(TXT, "v=STSv1; id=" + id).build();
    }

    private static String policy(String mode, long maxAge) {
        return "version: STSv1\nmode: " + mode + "\nmx: mx.remote.example\nmax_age: " + maxAge + "\n";
    }
}
