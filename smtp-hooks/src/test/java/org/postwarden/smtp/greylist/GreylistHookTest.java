package org.postwarden.smtp.greylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.ForwardConfirmedDns;
import org.postwarden.dns.StaticZone;
import org.postwarden.greylist.CachedWhitelist;
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.GreylistGate;
import org.postwarden.greylist.GreylistSettings;
import org.postwarden.greylist.InMemoryGreylistStore;
import org.postwarden.greylist.TripletQuery;
import org.postwarden.smtp.FakeSmtpSession;
import org.postwarden.smtp.OurDomains;
import org.postwarden.testing.MutableClock;

class GreylistHookTest {
    private static final MaybeSender SENDER = MaybeSender.getMailSender("alice@sender.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryGreylistStore store = new InMemoryGreylistStore();
    private MemoryDomainList domains;

    @BeforeEach
    void setUp() throws Exception {
        domains = OurDomains.of("postwarden.test");
    }

    private GreylistHook hook(GreylistSettings settings) {
        GreylistGate gate = new GreylistGate(new Greylist(store, GreylistConfiguration.DEFAULT, clock),
            new CachedWhitelist(store, clock, Duration.ZERO), new ForwardConfirmedDns(StaticZone.builder().build()),
            (ip, sender, helo) -> false, settings, clock);
        return new GreylistHook(gate, domains);
    }

    private static SMTPSession client() {
        return FakeSmtpSession.from("192.0.2.10").helo("mail.sender.example").session();
    }

    @Test
    void aFirstContactShouldBeDeferredWithTheDelayToWait() throws Exception {
        HookResult result = hook(GreylistSettings.DEFAULT).doRcpt(client(), SENDER, new MailAddress("bob@postwarden.test"));

        assertThat(result.getResult().getAction()).isEqualTo(HookReturnCode.Action.DENYSOFT);
        assertThat(result.getSmtpRetCode()).isEqualTo("451");
        assertThat(result.getSmtpDescription()).isEqualTo("4.7.1 Greylisted: first delivery attempt from your network"
            + " for this sender and recipient, please retry in 300 seconds");
    }

    @Test
    void aRetryAfterTheDelayShouldPass() throws Exception {
        GreylistHook hook = hook(GreylistSettings.DEFAULT);
        MailAddress bob = new MailAddress("bob@postwarden.test");
        hook.doRcpt(client(), SENDER, bob);

        clock.advance(Duration.ofMinutes(6));

        assertThat(hook.doRcpt(client(), SENDER, bob)).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void dryRunShouldNeverRefuse() throws Exception {
        GreylistSettings dryRun = new GreylistSettings(true, true, true, true, false);

        assertThat(hook(dryRun).doRcpt(client(), SENDER, new MailAddress("bob@postwarden.test")))
            .isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aRelayAttemptShouldBeLeftToJamesAndStoreNoTriplet() throws Exception {
        HookResult result = hook(GreylistSettings.DEFAULT).doRcpt(client(), SENDER, new MailAddress("victim@remote.example"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(hook(GreylistSettings.DEFAULT).doRcpt(client(), SENDER, new MailAddress("bob@postwarden.test"))
            .getSmtpRetCode()).isEqualTo("451");
        assertThat(store.triplets(TripletQuery.all(10), clock.instant())).hasSize(1);
    }

    @Test
    void anAuthenticatedClientShouldNotBeGreylisted() throws Exception {
        SMTPSession session = FakeSmtpSession.from("192.0.2.10").authenticatedAs("carol@postwarden.test").session();

        assertThat(hook(GreylistSettings.DEFAULT).doRcpt(session, SENDER, new MailAddress("bob@postwarden.test")))
            .isEqualTo(HookResult.DECLINED);
    }
}
