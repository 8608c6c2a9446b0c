package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;
import org.postwarden.throttle.ThrottleGate.Client;
import org.postwarden.throttle.ThrottleGate.Outcome;
import org.postwarden.throttle.ThrottleGate.Recipient;
import org.postwarden.throttle.ThrottleGate.Transaction;
import org.postwarden.throttle.ThrottleGate.Verdict;

class ThrottleGateTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Client ANONYMOUS = new Client("192.0.2.7", Optional.empty(), false);
    private static final Client ALICE = new Client("192.0.2.7", Optional.of("alice@example.com"), true);
    private static final Optional<String> SENDER = Optional.of("example.com");
    private static final Recipient KNOWN = new Recipient(true, true);
    private static final Recipient UNKNOWN = new Recipient(true, false);
    private static final Recipient REMOTE = new Recipient(false, true);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryThrottleStore store = new InMemoryThrottleStore();
    private final InMemorySuspensionStore suspensions = new InMemorySuspensionStore();
    private final List<String> notices = new ArrayList<>();
    private final Map<String, Instant> firstSeen = new HashMap<>();
    private final AccountAges ages = (user, now) -> firstSeen.computeIfAbsent(user, any -> now);

    private ThrottleGate gate(Map<String, String> properties, ThrottleStore counters) {
        Throttler throttler = new Throttler(ThrottlePolicy.from(properties), counters, new InMemoryOverrideStore(),
            suspensions, clock);
        return new ThrottleGate(throttler, ages, (event, ip) -> notices.add(event.user() + " from " + ip), clock);
    }

    private ThrottleGate gate(Map<String, String> properties) {
        return gate(properties, store);
    }

    /** MAIL then the recipients, as one SMTP transaction; the outcome of each command. */
    private static List<Verdict> transaction(ThrottleGate gate, Client client, Recipient... recipients) {
        List<Verdict> verdicts = new ArrayList<>(List.of(gate.mail(client, SENDER).verdict()));
        Transaction transaction = new Transaction();
        for (Recipient recipient : recipients) {
            verdicts.add(gate.recipient(client, SENDER, recipient, transaction).verdict());
        }
        return verdicts;
    }

    @Test
    void mailShouldCountTheMessageAndItsFirstRecipient() {
        ThrottleGate gate = gate(Map.of("ip.messages", "1/1m", "ip.recipients", "2/1m"));

        assertThat(transaction(gate, ANONYMOUS, KNOWN, KNOWN))
            .containsExactly(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED);
        assertThat(gate.mail(ANONYMOUS, SENDER).verdict()).isEqualTo(Verdict.REFUSED);
    }

    @Test
    void furtherRecipientsShouldCountAsRecipientsButNotAsMessages() {
        ThrottleGate gate = gate(Map.of("ip.messages", "1/1m", "ip.recipients", "3/1m"));

        assertThat(transaction(gate, ANONYMOUS, KNOWN, KNOWN, KNOWN, KNOWN))
            .containsExactly(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED, Verdict.PASSED, Verdict.REFUSED);
    }

    @Test
    void aRefusedRecipientShouldCarryTheDecisionToTranslate() {
        ThrottleGate gate = gate(Map.of("ip.recipients", "1/1m"));
        Transaction transaction = new Transaction();
        gate.mail(ANONYMOUS, SENDER);
        gate.recipient(ANONYMOUS, SENDER, KNOWN, transaction);

        Outcome second = gate.recipient(ANONYMOUS, SENDER, KNOWN, transaction);

        assertThat(second.verdict()).isEqualTo(Verdict.REFUSED);
        assertThat(second.decision().orElseThrow().outcome()).isEqualTo(ThrottleDecision.Outcome.TEMPFAIL);
        assertThat(second.why()).contains("1/1m");
    }

    @Test
    void recipientsRefusedAfterUsShouldNotCount() {
        ThrottleGate gate = gate(Map.of("ip.recipients", "2/1m", "harvest.recipients", "none"));

        // Unknown local recipients and relay attempts are refused by James after this check.
        assertThat(transaction(gate, ANONYMOUS, KNOWN, UNKNOWN, REMOTE, UNKNOWN, KNOWN))
            .containsOnly(Verdict.PASSED);
    }

    @Test
    void remoteRecipientsOfARelayingClientShouldCount() {
        ThrottleGate gate = gate(Map.of("user.recipients", "2/1m"));

        assertThat(transaction(gate, ALICE, REMOTE, REMOTE, REMOTE))
            .containsExactly(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED, Verdict.REFUSED);
    }

    @Test
    void tooManyUnknownLocalRecipientsShouldBlockKnownOnesToo() {
        ThrottleGate gate = gate(Map.of("harvest.recipients", "2/10m", "harvest.block", "30m"));

        assertThat(transaction(gate, ANONYMOUS, UNKNOWN, UNKNOWN, UNKNOWN, KNOWN))
            .containsExactly(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED, Verdict.REFUSED, Verdict.REFUSED);
    }

    @Test
    void remoteRecipientsShouldNotFeedTheHarvestingDefence() {
        ThrottleGate gate = gate(Map.of("harvest.recipients", "1/10m"));

        assertThat(transaction(gate, ALICE, REMOTE, REMOTE, REMOTE)).containsOnly(Verdict.PASSED);
    }

    @Test
    void theAccountAgeShouldSelectTheNewAccountTier() {
        ThrottleGate gate = gate(Map.of("newAccount.age", "7d", "newAccount.messages", "1/30d"));

        assertThat(gate.mail(ALICE, SENDER).verdict()).isEqualTo(Verdict.PASSED);
        assertThat(gate.mail(ALICE, SENDER).verdict()).isEqualTo(Verdict.REFUSED);
        clock.advance(Duration.ofDays(8));
        assertThat(gate.mail(ALICE, SENDER).verdict()).isEqualTo(Verdict.PASSED);
        assertThat(firstSeen).containsEntry("alice@example.com", NOW);
    }

    @Test
    void anAccountSuspendedByThisCommandShouldBeReportedOnce() {
        ThrottleGate gate = gate(Map.of("suspend.messages", "1/1h"));

        gate.mail(ALICE, SENDER);
        Outcome suspended = gate.mail(ALICE, SENDER);
        Outcome again = gate.mail(ALICE, SENDER);

        assertThat(suspended.decision().orElseThrow().outcome()).isEqualTo(ThrottleDecision.Outcome.SUSPENDED);
        assertThat(again.decision().orElseThrow().outcome()).isEqualTo(ThrottleDecision.Outcome.SUSPENDED);
        assertThat(notices).containsExactly("alice@example.com from 192.0.2.7");
    }

    @Test
    void furtherRecipientsShouldCountTowardsTheHardThreshold() {
        ThrottleGate gate = gate(Map.of("suspend.recipients", "2/1h"));

        assertThat(transaction(gate, ALICE, REMOTE, REMOTE, REMOTE))
            .containsExactly(Verdict.PASSED, Verdict.PASSED, Verdict.PASSED, Verdict.REFUSED);
        assertThat(notices).hasSize(1);
    }

    @Test
    void aFailingStoreShouldFailOpen() {
        ThrottleGate gate = gate(Map.of("ip.messages", "1/1m", "harvest.recipients", "1/10m"), new FailingThrottleStore());

        Outcome mail = gate.mail(ANONYMOUS, SENDER);
        Outcome rcpt = gate.recipient(ANONYMOUS, SENDER, UNKNOWN, new Transaction());

        assertThat(mail.verdict()).isEqualTo(Verdict.FAILED_OPEN);
        assertThat(mail.why()).isEqualTo(FailingThrottleStore.MESSAGE);
        assertThat(rcpt.verdict()).isEqualTo(Verdict.FAILED_OPEN);
    }

    @Test
    void aFailingAccountAgeShouldFailOpen() {
        Throttler throttler = new Throttler(ThrottlePolicy.DEFAULT, store, new InMemoryOverrideStore(), suspensions,
            clock);
        ThrottleGate gate = new ThrottleGate(throttler, (user, now) -> {
            throw new ThrottleStoreException("database down");
        }, (event, ip) -> notices.add(event.user()), clock);

        assertThat(gate.mail(ALICE, SENDER).verdict()).isEqualTo(Verdict.FAILED_OPEN);
        assertThat(gate.mail(ANONYMOUS, SENDER).verdict()).isEqualTo(Verdict.PASSED);
    }
}
