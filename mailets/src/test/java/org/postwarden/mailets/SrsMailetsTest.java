package org.postwarden.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.core.builder.MimeMessageBuilder;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.server.core.MailImpl;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailContext;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.keys.ConfiguredSrsKeyring;

/** {@link SrsRewrite} on the way out of a forward, {@link SrsReverse} for its bounce. */
class SrsMailetsTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);

    private final SrsConfiguration configuration = SrsConfiguration.from(Map.of("domain", "fwd.example",
        "secrets", "s3cret"));
    private final ConfiguredSrsKeyring keyring = new ConfiguredSrsKeyring(configuration, CLOCK);
    private final FakeMailContext context = FakeMailContext.defaultContext();
    private MemoryDomainList domains;

    @BeforeEach
    void setUp() throws Exception {
        domains = new MemoryDomainList(new InMemoryDNSService());
        domains.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        domains.addDomain(Domain.of("postwarden.test"));
    }

    private static MailImpl forward(String sender) throws Exception {
        return MailImpl.builder().name("forward")
            .sender(sender == null ? MaybeSender.nullSender() : MaybeSender.of(new MailAddress(sender)))
            .addRecipients(List.of(new MailAddress("target@remote.example")))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("news").setText("hello"))
            .build();
    }

    private String srsOf(String sender) throws Exception {
        return keyring.srs().forward(sender, "fwd.example");
    }

    @Test
    void aForwardedSenderShouldBeRewrittenToOurSrsAddress() throws Exception {
        MailImpl mail = forward("alice@origin.example");

        new SrsRewrite(keyring, configuration, domains).service(mail);

        assertThat(mail.getMaybeSender().asString()).isEqualTo(srsOf("alice@origin.example"));
        assertThat(mail.getMaybeSender().get().getDomain()).isEqualTo(Domain.of("fwd.example"));
    }

    @Test
    void nullAndLocalSendersShouldBeKept() throws Exception {
        MailImpl bounce = forward(null);
        MailImpl local = forward("carol@postwarden.test");
        SrsRewrite rewrite = new SrsRewrite(keyring, configuration, domains);

        rewrite.service(bounce);
        rewrite.service(local);

        assertThat(bounce.getMaybeSender().isNullSender()).isTrue();
        assertThat(local.getMaybeSender().asString()).isEqualTo("carol@postwarden.test");
    }

    private SrsReverse reverse() throws MessagingException {
        SrsReverse reverse = new SrsReverse(keyring, configuration);
        reverse.init(FakeMailetConfig.builder().mailetName("SrsReverse").mailetContext(context).build());
        return reverse;
    }

    @Test
    void aBounceToAnSrsAddressShouldGoBackToTheOriginalSender() throws Exception {
        Mail bounce = FakeMail.builder().name("bounce").recipients(srsOf("alice@origin.example"), "bob@postwarden.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setSubject("Undelivered").setText("sorry")).build();

        reverse().service(bounce);

        assertThat(context.getSentMails()).hasSize(1);
        assertThat(context.getSentMails().get(0).getRecipients()).containsExactly(new MailAddress("alice@origin.example"));
        assertThat(bounce.getRecipients()).containsExactly(new MailAddress("bob@postwarden.test"));
        assertThat(bounce.getState()).isNotEqualTo(Mail.GHOST);
    }

    @Test
    void aMailWithOnlySrsRecipientsShouldEndOnceReturned() throws Exception {
        Mail bounce = FakeMail.builder().name("bounce").recipients(srsOf("alice@origin.example"))
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("sorry")).build();

        reverse().service(bounce);

        assertThat(bounce.getState()).isEqualTo(Mail.GHOST);
    }

    @Test
    void otherRecipientsShouldBeLeftAlone() throws Exception {
        Mail mail = FakeMail.builder().name("mail").recipients("bob@postwarden.test")
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("hi")).build();

        reverse().service(mail);

        assertThat(context.getSentMails()).isEmpty();
        assertThat(mail.getRecipients()).containsExactly(new MailAddress("bob@postwarden.test"));
    }

    @Test
    void aForgedSrsAddressShouldFailTheMail() throws Exception {
        String forged = srsOf("alice@origin.example").replace("origin.example", "victim.example");
        Mail mail = FakeMail.builder().name("bounce").recipients(forged)
            .mimeMessage(MimeMessageBuilder.mimeMessageBuilder().setText("sorry")).build();

        assertThatThrownBy(() -> reverse().service(mail)).isInstanceOf(MessagingException.class);
    }
}
