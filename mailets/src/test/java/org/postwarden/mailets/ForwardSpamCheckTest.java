package org.postwarden.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.mailrepository.api.MailRepositoryStore;
import org.apache.james.mailrepository.memory.MemoryMailRepository;
import org.apache.james.queue.api.MailQueue;
import org.apache.james.queue.api.MailQueueFactory;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.inbound.InboundAuthenticator;
import org.postwarden.inbound.InboundPolicy;
import org.postwarden.inbound.VerdictAttributes;
import org.postwarden.quarantine.QuarantineAttributes;

/** With spamd down (a closed port): the verdict of the inbound check alone decides, or the forward waits. */
class ForwardSpamCheckTest {
    private static final String AUTHSERV_ID = "mx.postwarden.test";

    private final MemoryMailRepository quarantine = new MemoryMailRepository();
    private final List<Mail> spooled = new ArrayList<>();
    private final ReputationFixture reputation = new ReputationFixture();
    private ForwardSpamCheck mailet;

    @SuppressWarnings("unchecked")
    private static <T> T fake(Class<T> type, java.lang.reflect.InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler);
    }

    @BeforeEach
    void setUp() throws Exception {
        MailRepositoryStore repositories = fake(MailRepositoryStore.class, (proxy, method, arguments) -> {
            if (method.getName().equals("select")) {
                return quarantine;
            }
            throw new UnsupportedOperationException(method.getName());
        });
        MailQueue spool = fake(MailQueue.class, (proxy, method, arguments) -> {
            if (method.getName().equals("enQueue")) {
                spooled.add((Mail) arguments[0]);
                return null;
            }
            throw new UnsupportedOperationException(method.getName());
        });
        MailQueueFactory<?> queues = fake(MailQueueFactory.class, (proxy, method, arguments) -> {
            if (method.getName().equals("createQueue")) {
                return spool;
            }
            throw new UnsupportedOperationException(method.getName());
        });
        InboundAuthenticator inbound = new InboundAuthenticator((name, type) -> {
            throw new AssertionError("no DNS lookup expected");
        }, Clock.systemUTC(), InboundPolicy.from(Map.of(), AUTHSERV_ID), Duration.ofSeconds(1), new Random());
        mailet = new ForwardSpamCheck(repositories, queues, inbound, reputation.reputation);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        mailet.init(FakeMailetConfig.builder().mailetName("ForwardSpamCheck")
            .setProperty("spamdPort", String.valueOf(closedPort))
            .setProperty("timeout", "1 seconds")
            .setProperty("maxRetries", "1")
            .build());
    }

    private static FakeMail.Builder forward(String... headers) throws Exception {
        MimeMessageBuilder message = MimeMessageBuilder.mimeMessageBuilder().setSubject("news").setText("hello");
        for (int i = 0; i < headers.length; i += 2) {
            message.addHeader(headers[i], headers[i + 1]);
        }
        return FakeMail.builder().name("forward").sender("alice@origin.example").recipients("target@remote.example")
            .mimeMessage(message).state("relay");
    }

    private static Attribute verdict(String name, String value) {
        return new Attribute(AttributeName.of(name), AttributeValue.of(value));
    }

    private static FakeMail.Builder checkedInbound(String dmarc, String spf) throws Exception {
        return forward()
            .attribute(verdict(VerdictAttributes.DISPOSITION, "accept"))
            .attribute(verdict(VerdictAttributes.DMARC, dmarc))
            .attribute(verdict(VerdictAttributes.SPF, spf));
    }

    private static String attribute(Mail mail, String name) {
        return mail.getAttribute(AttributeName.of(name)).orElseThrow().getValue().value().toString();
    }

    @Test
    void aForwardFailingDmarcShouldBeQuarantinedFromItsVerdictAttributes() throws Exception {
        Mail mail = checkedInbound("fail", "pass").build();

        mailet.service(mail);

        assertThat(quarantine.size()).isEqualTo(1);
        assertThat(mail.getState()).isEqualTo(Mail.GHOST);
        assertThat(attribute(mail, QuarantineAttributes.REASON)).isEqualTo("dmarc=fail");
        assertThat(attribute(mail, QuarantineAttributes.TARGETS)).isEqualTo("target@remote.example");
        assertThat(spooled).isEmpty();
    }

    @Test
    void withoutVerdictAttributesOurAuthenticationResultsShouldDecide() throws Exception {
        Mail mail = forward("Authentication-Results", AUTHSERV_ID + "; spf=pass smtp.mailfrom=origin.example;"
            + " dmarc=permerror (no From) header.from=?").build();

        mailet.service(mail);

        assertThat(quarantine.size()).isEqualTo(1);
        assertThat(attribute(mail, QuarantineAttributes.REASON)).isEqualTo("dmarc=permerror");
    }

    @Test
    void anAuthenticationResultsOfAnotherServerShouldNotCount() throws Exception {
        Mail mail = forward("Authentication-Results", "mx.elsewhere.example; dmarc=fail header.from=origin.example").build();

        mailet.service(mail);

        assertThat(quarantine.size()).isZero();
        assertThat(mail.getState()).isEqualTo("relay");
        assertThat(spooled).isEmpty();
    }

    @Test
    void spfFailureAloneShouldNotQuarantineByDefault() throws Exception {
        Mail mail = checkedInbound("pass", "fail").build();

        mailet.service(mail);

        assertThat(quarantine.size()).isZero();
        assertThat(spooled).containsExactly(mail);
        assertThat(mail.getAttribute(ForwardSpamCheck.ATTEMPTS).orElseThrow().getValue().value()).isEqualTo(1);
    }

    @Test
    void aCleanForwardShouldWaitForSpamdThenBeQuarantinedUnchecked() throws Exception {
        Mail mail = checkedInbound("pass", "pass").build();

        mailet.service(mail);
        mail.setState("relay");
        mailet.service(mail);

        assertThat(spooled).hasSize(1);
        assertThat(quarantine.size()).isEqualTo(1);
        assertThat(attribute(mail, QuarantineAttributes.REASON)).isEqualTo("unchecked");
    }

    @Test
    void aReleasedForwardShouldNotBeCheckedAgain() throws Exception {
        Mail mail = checkedInbound("fail", "fail")
            .attribute(new Attribute(AttributeName.of(QuarantineAttributes.RELEASED), AttributeValue.of(true)))
            .build();

        mailet.service(mail);

        assertThat(quarantine.size()).isZero();
        assertThat(mail.getState()).isEqualTo("relay");
    }
}
