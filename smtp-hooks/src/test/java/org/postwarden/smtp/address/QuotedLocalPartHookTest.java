package org.postwarden.smtp.address;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.james.core.MailAddress;
import org.apache.james.core.MaybeSender;
import org.apache.james.domainlist.memory.MemoryDomainList;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.core.RcptCmdHandler;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.smtp.FakeSmtpSession;
import org.postwarden.smtp.OurDomains;

class QuotedLocalPartHookTest {
    private static final MaybeSender SENDER = MaybeSender.getMailSender("alice@sender.example");

    private QuotedLocalPartHook hook;
    private final FakeSmtpSession session = FakeSmtpSession.from("192.0.2.10");

    @BeforeEach
    void setUp() throws Exception {
        MemoryDomainList domains = OurDomains.of("postwarden.test");
        hook = new QuotedLocalPartHook(domains);
    }

    @Test
    void aQuotedDotAtomShouldBeRewrittenToItsPlainSpelling() throws Exception {
        HookResult result = hook.doRcpt(session.session(), SENDER, new MailAddress("\"bob.smith\"@postwarden.test"));

        assertThat(result).isEqualTo(HookResult.DECLINED);
        assertThat(session.attachment(RcptCmdHandler.CURRENT_RECIPIENT, ProtocolSession.State.Transaction))
            .contains(new MailAddress("bob.smith@postwarden.test"));
    }

    @Test
    void quotedContentThatIsNoDotAtomShouldBeRefusedAsUnknown() throws Exception {
        HookResult result = hook.doRcpt(session.session(), SENDER, new MailAddress("\"x@evil\"@postwarden.test"));

        assertThat(result.getSmtpRetCode()).isEqualTo("550");
        assertThat(result.getSmtpDescription()).isEqualTo("5.1.1 Unknown user: \"x@evil\"@postwarden.test");
    }

    @Test
    void otherDomainsAndUnquotedRecipientsShouldBeLeftAlone() throws Exception {
        assertThat(hook.doRcpt(session.session(), SENDER, new MailAddress("\"x@evil\"@remote.example")))
            .isEqualTo(HookResult.DECLINED);
        assertThat(hook.doRcpt(session.session(), SENDER, new MailAddress("bob@postwarden.test")))
            .isEqualTo(HookResult.DECLINED);
        assertThat(session.attachment(RcptCmdHandler.CURRENT_RECIPIENT, ProtocolSession.State.Transaction)).isEmpty();
    }
}
