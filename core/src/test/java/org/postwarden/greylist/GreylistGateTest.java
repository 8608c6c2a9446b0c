package org.postwarden.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.postwarden.dns.ForwardConfirmedDns;
import org.postwarden.dns.StaticZone;
import org.postwarden.greylist.GreylistGate.Client;
import org.postwarden.greylist.GreylistGate.Verdict;
import org.postwarden.testing.MutableClock;

class GreylistGateTest {
    private static final String SENDER = "alice@sender.example";
    private static final String RECIPIENT = "bob@postwarden.test";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryGreylistStore store = new InMemoryGreylistStore();
    private final StaticZone zone = StaticZone.builder()
        .ptr("192.0.2.10", "mail.sender.example")
        .a("mail.sender.example", "192.0.2.10")
        .build();
    private boolean spfPasses;

    private GreylistGate gate(GreylistSettings settings) {
        return new GreylistGate(new Greylist(store, GreylistConfiguration.DEFAULT, clock),
            new CachedWhitelist(store, clock, Duration.ZERO), new ForwardConfirmedDns(zone),
            (ip, sender, helo) -> spfPasses, settings, clock);
    }

    private static Client client(String ip) throws Exception {
        return new Client(InetAddress.getByName(ip), false, false, Optional.of("mail.sender.example"));
    }

    @Test
    void firstContactShouldBeDeferredWithTheDelayToWait() throws Exception {
        GreylistGate.Outcome outcome = gate(GreylistSettings.DEFAULT).check(client("192.0.2.10"), SENDER, RECIPIENT);

        assertThat(outcome.verdict()).isEqualTo(Verdict.DEFERRED);
        assertThat(outcome.retryIn()).contains(Duration.ofMinutes(5));
        assertThat(outcome.refuses(GreylistSettings.DEFAULT)).isTrue();
    }

    @Test
    void dryRunShouldDeferWithoutRefusing() throws Exception {
        GreylistSettings dryRun = new GreylistSettings(true, true, true, true, false);

        GreylistGate.Outcome outcome = gate(dryRun).check(client("192.0.2.10"), SENDER, RECIPIENT);

        assertThat(outcome.verdict()).isEqualTo(Verdict.DEFERRED);
        assertThat(outcome.refuses(dryRun)).isFalse();
    }

    @Test
    void authenticatedTrustedAndLoopbackClientsShouldBeSkipped() throws Exception {
        GreylistGate gate = gate(GreylistSettings.DEFAULT);
        InetAddress ip = InetAddress.getByName("192.0.2.10");

        assertThat(gate.check(new Client(ip, true, false, Optional.empty()), SENDER, RECIPIENT).why()).isEqualTo("authenticated session");
        assertThat(gate.check(new Client(ip, false, true, Optional.empty()), SENDER, RECIPIENT).why()).isEqualTo("trusted network");
        assertThat(gate.check(client("127.0.0.1"), SENDER, RECIPIENT).why()).isEqualTo("loopback client");
        assertThat(gate.settings().skipLoopback()).isTrue();
    }

    @Test
    void loopbackShouldBeGreylistedWhenItsSkipIsOff() throws Exception {
        GreylistSettings settings = new GreylistSettings(false, true, true, false, false);

        assertThat(gate(settings).check(client("127.0.0.1"), SENDER, RECIPIENT).verdict()).isEqualTo(Verdict.DEFERRED);
    }

    @Test
    void senderDomainWhitelistShouldApplyOnlyWhenSpfPasses() throws Exception {
        store.addWhitelistEntry(WhitelistEntry.create(WhitelistEntry.Kind.SENDER_DOMAIN, "sender.example", "partner", clock.instant()));
        GreylistGate gate = gate(GreylistSettings.DEFAULT);

        spfPasses = false;
        assertThat(gate.check(client("198.51.100.7"), SENDER, RECIPIENT).verdict()).isEqualTo(Verdict.DEFERRED);
        spfPasses = true;
        assertThat(gate.check(client("198.51.100.7"), SENDER, RECIPIENT).verdict()).isEqualTo(Verdict.SKIPPED);
    }

    @Test
    void hostnameWhitelistShouldUseForwardConfirmedReverseDns() throws Exception {
        store.addWhitelistEntry(WhitelistEntry.create(WhitelistEntry.Kind.CLIENT_HOSTNAME_SUFFIX, "sender.example", "", clock.instant()));
        GreylistGate gate = gate(GreylistSettings.DEFAULT);

        assertThat(gate.check(client("192.0.2.10"), SENDER, RECIPIENT).why()).contains("CLIENT_HOSTNAME_SUFFIX");
        assertThat(gate.check(client("192.0.2.11"), SENDER, RECIPIENT).verdict()).isEqualTo(Verdict.DEFERRED);
    }

    @Test
    void suspiciousOnlyModeShouldSkipClientsWithConfirmedDnsAndMatchingHelo() throws Exception {
        GreylistSettings suspiciousOnly = new GreylistSettings(false, true, true, true, true);
        GreylistGate gate = gate(suspiciousOnly);

        assertThat(gate.check(client("192.0.2.10"), SENDER, RECIPIENT).verdict()).isEqualTo(Verdict.SKIPPED);
        assertThat(gate.check(client("192.0.2.11"), SENDER, RECIPIENT).verdict()).isEqualTo(Verdict.DEFERRED);
    }

    @Test
    void aFailingStoreShouldFailOpenAndBeCounted() throws Exception {
        GreylistStore broken = (GreylistStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {GreylistStore.class}, (proxy, method, arguments) -> {
                throw new GreylistStoreException("connection refused");
            });
        Greylist greylist = new Greylist(broken, GreylistConfiguration.DEFAULT, clock);
        GreylistGate gate = new GreylistGate(greylist, new CachedWhitelist(broken, clock, Duration.ZERO),
            new ForwardConfirmedDns(zone), (ip, sender, helo) -> false, GreylistSettings.DEFAULT, clock);

        GreylistGate.Outcome outcome = gate.check(client("192.0.2.10"), SENDER, RECIPIENT);

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED_OPEN);
        assertThat(outcome.refuses(GreylistSettings.DEFAULT)).isFalse();
        assertThat(greylist.statistics().storeErrors()).isEqualTo(1);
    }

    /** The whitelist reads fine, the triplet does not: Greylist#check fails inside the gate, and it is one failure. */
    @Test
    void aTripletStoreFailureShouldBeCountedOnce() throws Exception {
        GreylistStore tripletsDown = (GreylistStore) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {GreylistStore.class}, (proxy, method, arguments) -> {
                if (method.getName().equals("whitelistEntries")) {
                    return List.of();
                }
                throw new GreylistStoreException("connection refused");
            });
        Greylist greylist = new Greylist(tripletsDown, GreylistConfiguration.DEFAULT, clock);
        GreylistGate gate = new GreylistGate(greylist, new CachedWhitelist(tripletsDown, clock, Duration.ZERO),
            new ForwardConfirmedDns(zone), (ip, sender, helo) -> false, GreylistSettings.DEFAULT, clock);

        GreylistGate.Outcome outcome = gate.check(client("192.0.2.10"), SENDER, RECIPIENT);

        assertThat(greylist.statistics().storeErrors()).isEqualTo(1);
        assertThat(outcome.verdict()).isEqualTo(Verdict.FAILED_OPEN);
        assertThat(outcome.why()).isEqualTo("The greylist store is unavailable: connection refused");
    }
}
