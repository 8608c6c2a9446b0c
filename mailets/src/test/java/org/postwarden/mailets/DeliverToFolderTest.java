package org.postwarden.mailets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.mail.MessagingException;

import org.apache.james.core.Domain;
import org.apache.james.core.Username;
import org.apache.james.dnsservice.api.InMemoryDNSService;
import org.apache.james.domainlist.lib.DomainListConfiguration;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.user.memory.MemoryUsersRepository;
import org.apache.mailet.Mail;
import org.apache.mailet.StorageDirective;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMailetConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DeliverToFolderTest {
    private DeliverToFolder mailet;

    @BeforeEach
    void setUp() throws Exception {
        MemoryDomainList domains = new MemoryDomainList(new InMemoryDNSService());
        domains.configure(DomainListConfiguration.builder().autoDetect(false).autoDetectIp(false).build());
        domains.addDomain(Domain.of("postwarden.test"));
        mailet = new DeliverToFolder(MemoryUsersRepository.withVirtualHosting(domains));
    }

    @Test
    void serviceShouldAskLocalDeliveryForTheConfiguredFolderOfEachRecipient() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("DeliverToFolder").setProperty("folder", "Junk").build());
        Mail mail = FakeMail.builder().name("mail").recipients("bob@postwarden.test", "carol@postwarden.test").build();

        mailet.service(mail);

        assertThat(StorageDirective.fromMail(Username.of("bob@postwarden.test"), mail).getTargetFolder()).contains("Junk");
        assertThat(StorageDirective.fromMail(Username.of("carol@postwarden.test"), mail).getTargetFolder()).contains("Junk");
    }

    @Test
    void theFolderShouldDefaultToSpam() throws Exception {
        mailet.init(FakeMailetConfig.builder().mailetName("DeliverToFolder").build());
        Mail mail = FakeMail.builder().name("mail").recipient("bob@postwarden.test").build();

        mailet.service(mail);

        assertThat(StorageDirective.fromMail(Username.of("bob@postwarden.test"), mail).getTargetFolder()).contains("Spam");
    }

    @Test
    void anEmptyFolderShouldBeRefusedAtInit() {
        assertThatThrownBy(() -> mailet.init(FakeMailetConfig.builder().mailetName("DeliverToFolder").setProperty("folder", " ").build()))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("<folder>");
    }
}
