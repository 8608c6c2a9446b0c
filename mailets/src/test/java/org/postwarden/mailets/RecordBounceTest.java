package org.postwarden.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.junit.jupiter.api.Test;
import org.postwarden.reputation.ReputationCounts;
import org.postwarden.throttle.ThrottleKey;

class RecordBounceTest {
    private final ReputationFixture fixture = new ReputationFixture();
    private final CountOutgoing count = new CountOutgoing(fixture.reputation);
    private final RecordBounce mailet = new RecordBounce(fixture.reputation);

    private Mail relayed(String account, String... recipients) throws Exception {
        Mail mail = ReputationFixture.submitted(account, recipients);
        count.service(mail);
        return mail;
    }

    private static Mail givenUpOn(Mail mail, Integer code) {
        if (code != null) {
            mail.setAttribute(new Attribute(RecordBounce.DELIVERY_ERROR_CODE, AttributeValue.of(code)));
        }
        return mail;
    }

    @Test
    void aFiveHundredReplyShouldCountAsRefusedAndAnythingElseAsBounced() throws Exception {
        Mail refused = relayed("alice@local.test", "a@remote.example", "b@remote.example", "c@remote.example",
            "d@remote.example", "e@remote.example", "f@remote.example", "g@remote.example");

        mailet.service(givenUpOn(refused, 550));
        mailet.service(givenUpOn(relayed("bob@local.test", "a@remote.example"), 451));
        mailet.service(givenUpOn(relayed("carol@local.test", "a@remote.example"), null));

        assertThat(fixture.reputation.account("alice@local.test")).isEqualTo(new ReputationCounts(7, 7, 0, 0));
        assertThat(fixture.reputation.account("bob@local.test")).isEqualTo(new ReputationCounts(1, 0, 1, 0));
        assertThat(fixture.reputation.account("carol@local.test")).isEqualTo(new ReputationCounts(1, 0, 1, 0));
    }

    @Test
    void aFiveHundredReplyKnownOnlyFromTheErrorMessageShouldCountAsRefused() throws Exception {
        Mail refused = relayed("alice@local.test", "a@remote.example");
        refused.setAttribute(new Attribute(RecordBounce.DELIVERY_ERROR,
            AttributeValue.of("550 5.1.1 <a@remote.example>... no such user")));
        Mail unknownHost = relayed("bob@local.test", "a@remote.example");
        unknownHost.setAttribute(new Attribute(RecordBounce.DELIVERY_ERROR, AttributeValue.of("5000 bytes too many")));

        mailet.service(refused);
        mailet.service(unknownHost);

        assertThat(fixture.reputation.account("alice@local.test").refused()).isEqualTo(1);
        assertThat(fixture.reputation.account("bob@local.test").bounced()).isEqualTo(1);
    }

    @Test
    void anAccountAboveTheShareShouldBeSuspendedAndThePostmasterToldOnce() throws Exception {
        relayed("alice@local.test", "a@remote.example", "b@remote.example");
        Mail bounce = relayed("alice@local.test", "c@remote.example");

        mailet.service(givenUpOn(bounce, 550));

        assertThat(fixture.suspensions.suspension(ThrottleKey.user("alice@local.test"))).isPresent();
        assertThat(fixture.told).hasSize(1);
        assertThat(fixture.told.get(0).reason()).contains("33.3% of 3 messages");
        assertThat(bounce.getState()).as("the bounce goes on to DSNBounce").isNotEqualTo(Mail.GHOST);
    }

    @Test
    void aBounceOfMailThatWasNeverCountedShouldBeIgnored() throws Exception {
        mailet.service(givenUpOn(ReputationFixture.submitted("alice@local.test", "a@remote.example"), 550));

        assertThat(fixture.reputation.serverWide()).isEqualTo(ReputationCounts.NONE);
    }
}
