package org.postwarden.smtp.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.junit.jupiter.api.Test;
import org.postwarden.smtp.FakeSmtpSession;
import org.postwarden.srs.ReverseSrsGate;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.keys.ConfiguredSrsKeyring;
import org.postwarden.testing.MutableClock;
import org.postwarden.throttle.InMemoryOverrideStore;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.Throttler;

class SrsRecipientHookTest {
    private static final MaybeSender NULL_SENDER = MaybeSender.nullSender();
    private static final MaybeSender SENDER = MaybeSender.getMailSender("someone@remote.example");

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final FakeSmtpSession fake = FakeSmtpSession.from("192.0.2.7");
    private final SMTPSession session = fake.session();

    private SrsConfiguration configuration(String... extra) {
        Map<String, String> properties = new HashMap<>(Map.of("domain", "fwd.example", "secrets", "s3cret"));
        for (int i = 0; i < extra.length; i += 2) {
            properties.put(extra[i], extra[i + 1]);
        }
        return SrsConfiguration.from(properties);
    }

    private SrsRecipientHook hook(SrsConfiguration configuration) {
        InMemoryThrottleStore store = new InMemoryThrottleStore();
        Throttler throttler = new Throttler(ThrottlePolicy.DEFAULT, store, new InMemoryOverrideStore(),
            new InMemorySuspensionStore(), clock);
        return new SrsRecipientHook(new ReverseSrsGate(new ConfiguredSrsKeyring(configuration, clock), configuration,
            throttler, store, clock));
    }

    private MailAddress srsAddressOf(SrsConfiguration configuration, String sender) throws Exception {
        return new MailAddress(configuration.srs(configuration.secrets(), clock).forward(sender, "fwd.example"));
    }

    private static Mail message(String... headers) throws Exception {
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder().setSubject("re").setText("hello");
        for (int i = 0; i < headers.length; i += 2) {
            message.addHeader(headers[i], headers[i + 1]);
        }
        return FakeMail.builder().name("reply").mimeMessage(message).build();
    }

    @Test
    void aBounceToOneOfOurSrsAddressesShouldBeAccepted() throws Exception {
        SrsConfiguration configuration = configuration();

        HookResult result = hook(configuration).doRcpt(session, NULL_SENDER, srsAddressOf(configuration, "alice@origin.example"));

        assertThat(result).isEqualTo(HookResult.OK);
    }

    @Test
    void anOrdinaryAddressShouldBeLeftToTheNextHooks() throws Exception {
        assertThat(hook(configuration()).doRcpt(session, SENDER, new MailAddress("bob@fwd.example")))
            .isEqualTo(HookResult.DECLINED);
    }

    @Test
    void aForgedAddressShouldBeRefusedAsUnknown() throws Exception {
        SrsConfiguration configuration = configuration();
        String genuine = srsAddressOf(configuration, "alice@origin.example").asString();
        MailAddress forged = new MailAddress(genuine.replace("origin.example", "victim.example"));

        HookResult result = hook(configuration).doRcpt(session, NULL_SENDER, forged);

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.1.1 ");
    }

    @Test
    void mailThatIsNoBounceShouldBeRefused() throws Exception {
        SrsConfiguration configuration = configuration();

        HookResult result = hook(configuration).doRcpt(session, SENDER, srsAddressOf(configuration, "alice@origin.example"));

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).startsWith("5.7.1 ");
    }

    @Test
    void whereAutoRepliesAreAcceptedOnlyAnAutomaticMessageShouldPassTheEndOfData() throws Exception {
        SrsConfiguration configuration = configuration("reverse.accept", "bounces,auto-replies");
        SrsRecipientHook hook = hook(configuration);
        MailAddress srs = srsAddressOf(configuration, "alice@origin.example");

        assertThat(hook.doRcpt(session, SENDER, srs)).isEqualTo(HookResult.OK);
        HookResult human = hook.onMessage(session, message());
        HookResult automatic = hook.onMessage(session, message("Auto-Submitted", "auto-replied"));

        assertThat(human.getSmtpRetCode()).isEqualTo("550");
        assertThat(human.getSmtpDescription()).startsWith("5.7.1 ");
        assertThat(automatic).isEqualTo(HookResult.DECLINED);
    }

    @Test
    void theEndOfDataShouldNotCheckMessagesOfAnOrdinaryTransaction() throws Exception {
        assertThat(hook(configuration()).onMessage(session, message())).isEqualTo(HookResult.DECLINED);
    }
}
