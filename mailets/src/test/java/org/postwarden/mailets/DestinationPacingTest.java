package org.postwarden.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.apache.james.core.MailAddress;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.throttle.InMemoryOverrideStore;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.Throttler;

class DestinationPacingTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    /** What went back to the spool: the recipients of each delayed copy, and its delay. */
    private final List<Collection<MailAddress>> delayedRecipients = new ArrayList<>();
    private final List<Duration> delays = new ArrayList<>();
    private DestinationPacing mailet;

    @BeforeEach
    void setUp() throws Exception {
        MailQueue spool = (MailQueue) Proxy.newProxyInstance(MailQueue.class.getClassLoader(), new Class<?>[] {MailQueue.class},
            (proxy, method, arguments) -> {
                if (method.getName().equals("enQueue") && arguments.length == 2) {
                    delayedRecipients.add(List.copyOf(((Mail) arguments[0]).getRecipients()));
                    delays.add((Duration) arguments[1]);
                    return null;
                }
                throw new UnsupportedOperationException(method.getName());
            });
        MailQueueFactory<?> queues = (MailQueueFactory<?>) Proxy.newProxyInstance(MailQueueFactory.class.getClassLoader(),
            new Class<?>[] {MailQueueFactory.class}, (proxy, method, arguments) -> spool);
        Throttler throttler = new Throttler(ThrottlePolicy.from(Map.of("destination.carrier.example.messages", "1/1m")),
            new InMemoryThrottleStore(), new InMemoryOverrideStore(), new InMemorySuspensionStore(), CLOCK);
        mailet = new DestinationPacing(throttler, queues);
        mailet.init(FakeMailetConfig.builder().mailetName("DestinationPacing").build());
    }

    private static Mail mail(String... recipients) throws Exception {
        return FakeMail.builder().name("outgoing").sender("alice@postwarden.test").recipients(recipients)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("hello")).state("relay").build();
    }

    @Test
    void recipientsWithinTheBudgetShouldGoNow() throws Exception {
        Mail mail = mail("a@carrier.example", "b@other.example");

        mailet.service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("a@carrier.example"), new MailAddress("b@other.example"));
        assertThat(delays).isEmpty();
    }

    @Test
    void recipientsOverTheBudgetOfTheirDomainShouldWaitOnTheSpool() throws Exception {
        mailet.service(mail("first@carrier.example"));
        Mail mail = mail("a@carrier.example", "b@other.example");

        mailet.service(mail);

        assertThat(mail.getRecipients()).containsExactly(new MailAddress("b@other.example"));
        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(delayedRecipients).containsExactly(List.of(new MailAddress("a@carrier.example")));
        assertThat(delays).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void aMailWhoseRecipientsAllWaitShouldEndHere() throws Exception {
        mailet.service(mail("first@carrier.example"));
        Mail mail = mail("a@carrier.example");

        mailet.service(mail);

        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(delayedRecipients).hasSize(1);
    }
}
