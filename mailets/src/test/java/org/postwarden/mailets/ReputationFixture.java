package org.postwarden.mailets;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.mailet.Attribute;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.test.FakeMail;
import org.postwarden.reputation.InMemoryReputationStore;
import org.postwarden.reputation.ReputationPolicy;
import org.postwarden.reputation.SenderReputation;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.SuspensionEvent;

/** A reputation guard in memory that suspends above 30% from 2 recipients, and mail as the relay sees it. */
final class ReputationFixture {
    final InMemorySuspensionStore suspensions = new InMemorySuspensionStore();
    final List<SuspensionEvent> told = new ArrayList<>();
    final SenderReputation reputation = new SenderReputation(new ReputationPolicy(Duration.ofDays(1), 2, 0.3, true),
        new InMemoryReputationStore(), suspensions, told::add,
        Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));

    static Mail submitted(String account, String... recipients) throws Exception {
        FakeMail.Builder mail = FakeMail.builder().name("submitted").sender("sender@local.test").recipients(recipients);
        if (account != null) {
            mail.attribute(new Attribute(Mail.SMTP_AUTH_USER, AttributeValue.of(account)));
        }
        return mail.build();
    }
}
