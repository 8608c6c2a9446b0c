package org.postwarden.smtp.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.Username;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.metrics.tests.RecordingMetricFactory;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.rrt.api.RecipientRewriteTableConfiguration;
import org.apache.james.rrt.lib.MappingSource;
import org.apache.james.rrt.memory.MemoryRecipientRewriteTable;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.mailet.base.test.FakeMailContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.smtp.FakeSmtpSession;
import org.postwarden.smtp.OurDomains;
import org.postwarden.throttle.FailingThrottleStore;
import org.postwarden.throttle.InMemoryOverrideStore;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.ThrottleGate;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.Throttler;

class ThrottleHookTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final MaybeSender SENDER = MaybeSender.getMailSender("news@sender.example");

    private final RecordingMetricFactory metrics = new RecordingMetricFactory();
    private FakeMailContext mailetContext;
    private RecipientDirectory directory;

    @BeforeEach
    void setUp() throws Exception {
        MemoryDomainList domains = OurDomains.of("postwarden.test");
        MemoryUsersRepository users = MemoryUsersRepository.withVirtualHosting(domains);
        users.addUser(Username.of("bob@postwarden.test"), "secret");
        MemoryRecipientRewriteTable aliases = new MemoryRecipientRewriteTable();
        aliases.setDomainList(domains);
        aliases.setConfiguration(RecipientRewriteTableConfiguration.DEFAULT_ENABLED);
        aliases.addForwardMapping(MappingSource.fromUser("list", "postwarden.test"), "someone@remote.example");
        directory = new RecipientDirectory(domains, users, aliases);
        mailetContext = FakeMailContext.builder().postmaster(new MailAddress("postmaster@postwarden.test")).build();
    }

    private ThrottleHook hook(Map<String, String> properties, ThrottleStore store) {
        Throttler throttler = new Throttler(ThrottlePolicy.from(properties), store, new InMemoryOverrideStore(),
            new InMemorySuspensionStore(), CLOCK);
        ThrottleGate gate = new ThrottleGate(throttler, (user, now) -> now, new PostmasterNotifier(mailetContext), CLOCK);
        return new ThrottleHook(gate, directory, metrics);
    }

    private ThrottleHook hook(Map<String, String> properties) {
        return hook(properties, new InMemoryThrottleStore());
    }

    private static HookResult rcpt(ThrottleHook hook, SMTPSession session, String recipient) throws Exception {
        return hook.doRcpt(session, SENDER, new MailAddress(recipient));
    }

    @Test
    void aMessageOverTheLimitShouldBeDeferredWithTheDelayToWait() {
        ThrottleHook hook = hook(Map.of("ip.messages", "1/1m"));
        SMTPSession session = FakeSmtpSession.from("192.0.2.7").session();

        assertThat(hook.doMail(session, SENDER)).isEqualTo(HookResult.DECLINED);
        HookResult second = hook.doMail(session, SENDER);

        assertThat(second.getSmtpRetCode()).isEqualTo("451");
        assertThat(second.getSmtpDescription()).isEqualTo("4.7.1 Rate limit reached, please retry in 60 seconds");
        assertThat(metrics.countFor("postwarden.throttle.tempfail")).isEqualTo(1);
    }

    @Test
    void eachFurtherKnownRecipientShouldCountAsOneMoreRecipient() throws Exception {
        ThrottleHook hook = hook(Map.of("ip.recipients", "2/1m"));
        SMTPSession session = FakeSmtpSession.from("192.0.2.7").session();

        hook.doMail(session, SENDER);

        assertThat(rcpt(hook, session, "bob@postwarden.test")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(hook, session, "list@postwarden.test")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(hook, session, "Bob@postwarden.test").getSmtpRetCode()).isEqualTo("451");
    }

    @Test
    void unknownRecipientsAndRelayAttemptsShouldNotCount() throws Exception {
        ThrottleHook hook = hook(Map.of("ip.recipients", "2/1m"));
        SMTPSession session = FakeSmtpSession.from("192.0.2.7").session();

        hook.doMail(session, SENDER);

        assertThat(rcpt(hook, session, "bob@postwarden.test")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(hook, session, "nobody@postwarden.test")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(hook, session, "\"x@evil\"@postwarden.test")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(hook, session, "victim@remote.example")).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(hook, session, "list@postwarden.test")).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aHarvestingClientShouldBeDeferredForKnownRecipientsToo() throws Exception {
        ThrottleHook hook = hook(Map.of("harvest.recipients", "2/10m", "harvest.block", "30m"));
        SMTPSession session = FakeSmtpSession.from("192.0.2.7").session();
        hook.doMail(session, SENDER);

        rcpt(hook, session, "a@postwarden.test");
        rcpt(hook, session, "b@postwarden.test");
        HookResult third = rcpt(hook, session, "c@postwarden.test");
        HookResult known = rcpt(hook, session, "bob@postwarden.test");

        assertThat(third.getSmtpRetCode()).isEqualTo("451");
        assertThat(known.getSmtpRetCode()).isEqualTo("451");
        assertThat(known.getSmtpDescription()).isEqualTo("4.7.1 Rate limit reached, please retry in 1800 seconds");
    }

    @Test
    void anAccountOverItsHardThresholdShouldBeSuspendedAndThePostmasterToldOnce() throws Exception {
        ThrottleHook hook = hook(Map.of("suspend.messages", "1/1h"));
        SMTPSession session = FakeSmtpSession.from("192.0.2.7").authenticatedAs("Alice+news@postwarden.test").session();

        hook.doMail(session, SENDER);
        HookResult suspended = hook.doMail(session, SENDER);
        HookResult again = hook.doMail(session, SENDER);

        assertThat(List.of(suspended, again)).allSatisfy(result -> {
            assertThat(result.getSmtpRetCode()).isEqualTo("550");
            assertThat(result.getSmtpDescription()).isEqualTo("5.7.1 account suspended, contact your administrator");
        });
        assertThat(mailetContext.getSentMails()).hasSize(1);
        assertThat(mailetContext.getSentMails().get(0).getSubject())
            .contains("Postwarden: account alice@postwarden.test suspended");
        assertThat(metrics.countFor("postwarden.throttle.suspended")).isEqualTo(2);
    }

    @Test
    void aStoreFailureShouldLetTheMailThroughAndBeCounted() throws Exception {
        ThrottleHook hook = hook(Map.of("ip.messages", "1/1m"), new FailingThrottleStore());
        SMTPSession session = FakeSmtpSession.from("192.0.2.7").session();

        assertThat(hook.doMail(session, SENDER)).isEqualTo(HookResult.DECLINED);
        assertThat(rcpt(hook, session, "nobody@postwarden.test")).isEqualTo(HookResult.DECLINED);
        assertThat(metrics.countFor("postwarden.throttle.storeErrors")).isEqualTo(2);
    }
}
