package org.postwarden.matchers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.apache.mailet.base.test.FakeMatcherConfig;
import org.junit.jupiter.api.Test;
import org.postwarden.inbound.VerdictAttributes;

class VerdictAttributeIsTest {
    private static final String RECIPIENT = "bob@postwarden.test";

    private static Mail mailWith(String attribute, AttributeValue<?> value) throws MessagingException {
        return FakeMail.builder().name("mail").recipient(RECIPIENT)
            .attribute(new Attribute(AttributeName.of(attribute), value)).build();
    }

    private static <T extends VerdictAttributeIs> T init(T matcher, String condition) throws MessagingException {
        matcher.init(FakeMatcherConfig.builder().matcherName(matcher.getClass().getSimpleName()).condition(condition).build());
        return matcher;
    }

    @Test
    void shouldMatchAllRecipientsWhenTheResultIsListed() throws Exception {
        SpfResultIs matcher = init(new SpfResultIs(), "fail, softfail");

        assertThat(matcher.match(mailWith(VerdictAttributes.SPF, AttributeValue.of("softfail"))))
            .containsExactly(new MailAddress(RECIPIENT));
        assertThat(matcher.match(mailWith(VerdictAttributes.SPF, AttributeValue.of("pass")))).isEmpty();
    }

    @Test
    void dkimShouldMatchWhenAnyOfTheSignaturesHasTheResult() throws Exception {
        DkimResultIs matcher = init(new DkimResultIs(), "pass");
        AttributeValue<?> results = AttributeValue.of(List.<AttributeValue<?>>of(AttributeValue.of("fail"), AttributeValue.of("pass")));

        assertThat(matcher.match(mailWith(VerdictAttributes.DKIM, results))).hasSize(1);
    }

    @Test
    void aMailThatWasNotCheckedShouldNeverMatch() throws Exception {
        DmarcResultIs matcher = init(new DmarcResultIs(), "fail,none,pass");

        assertThat(matcher.match(FakeMail.builder().name("mail").recipient(RECIPIENT).build())).isEmpty();
    }

    @Test
    void initShouldRefuseAnUnknownValueWithTheAllowedOnes() {
        assertThatThrownBy(() -> init(new DmarcPolicyIs(), "quarantine,spam"))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("unknown value(s) [spam]")
            .hasMessageContaining("quarantine");
    }

    @Test
    void initShouldRefuseAMissingCondition() {
        assertThatThrownBy(() -> init(new ArcChainIs(), ""))
            .isInstanceOf(MessagingException.class)
            .hasMessageContaining("needs a condition");
    }
}
