package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.postwarden.srs.ReverseSrsDecision.Verdict;
import org.postwarden.srs.keys.ConfiguredSrsKeyring;
import org.postwarden.testing.MutableClock;
import org.postwarden.throttle.Acquisition;
import org.postwarden.throttle.InMemoryOverrideStore;
import org.postwarden.throttle.InMemorySuspensionStore;
import org.postwarden.throttle.InMemoryThrottleStore;
import org.postwarden.throttle.ThrottlePolicy;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.Throttler;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.throttle.WindowUsage;

class ReverseSrsGateTest {
    private static final String IP = "192.0.2.7";
    private static final String OTHER_IP = "198.51.100.1";
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemoryThrottleStore store = new InMemoryThrottleStore();

    private SrsConfiguration configuration(String... extra) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("domain", "fwd.example", "secrets", "s3cret",
            "reverse.perAddress", "2/1d", "reverse.perClient", "3/1h"));
        for (int i = 0; i < extra.length; i += 2) {
            properties.put(extra[i], extra[i + 1]);
        }
        return SrsConfiguration.from(properties);
    }

    private ReverseSrsGate gate(SrsConfiguration configuration, ThrottleStore throttleStore) {
        Throttler throttler = new Throttler(ThrottlePolicy.from(Map.of("harvest.recipients", "3/10m",
            "harvest.block", "30m")), throttleStore, new InMemoryOverrideStore(), new InMemorySuspensionStore(), clock);
        return new ReverseSrsGate(new ConfiguredSrsKeyring(configuration, clock), configuration, throttler,
            throttleStore, clock);
    }

    private String srsAddress(SrsConfiguration configuration, String sender) throws SrsException {
        return configuration.srs(configuration.secrets(), clock).forward(sender, "fwd.example");
    }

    private static String withHash(String address, String hash) {
        String[] parts = address.split("=", 3);
        return parts[0] + "=" + hash + "=" + parts[2];
    }

    @Test
    void aBounceToAValidAddressShouldBeAccepted() throws SrsException {
        SrsConfiguration configuration = configuration();
        ReverseSrsDecision decision = gate(configuration, store).atRcpt(srsAddress(configuration, "a@origin.example"),
            true, IP, null);

        assertThat(decision.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(decision.accepted()).isTrue();
    }

    @Test
    void otherAddressesShouldBeLeftToOtherHooks() {
        ReverseSrsGate gate = gate(configuration(), store);

        assertThat(gate.atRcpt("user@fwd.example", true, IP, null).verdict()).isEqualTo(Verdict.NOT_OURS);
        assertThat(gate.atRcpt("SRS0=abcdefgh=2W=o.example=u@other.example", true, IP, null).verdict())
            .isEqualTo(Verdict.NOT_OURS);
    }

    @Test
    void mailWithASenderShouldBeRefusedByDefault() throws SrsException {
        SrsConfiguration configuration = configuration();
        ReverseSrsDecision decision = gate(configuration, store).atRcpt(srsAddress(configuration, "a@origin.example"),
            false, IP, null);

        assertThat(decision.verdict()).isEqualTo(Verdict.NOT_A_RETURN);
        assertThat(decision.verdict().replyCode()).isEqualTo(550);
        assertThat(decision.reason()).contains("accepts only bounces");
    }

    @Test
    void withAutoRepliesMailWithASenderShouldDependOnItsAutoSubmittedHeader() throws SrsException {
        SrsConfiguration configuration = configuration("reverse.accept", "bounces,auto-replies");
        ReverseSrsGate gate = gate(configuration, store);

        assertThat(gate.atRcpt(srsAddress(configuration, "a@origin.example"), false, IP, null).verdict())
            .isEqualTo(Verdict.ACCEPT_IF_AUTOMATIC);
        assertThat(gate.atData("auto-replied").accepted()).isTrue();
        assertThat(gate.atData(null).verdict()).isEqualTo(Verdict.NOT_A_RETURN);
        assertThat(gate.atData("no").refused()).isTrue();
    }

    @Test
    void aBadHashShouldBeAnUnknownAddressAndGuessesCutTheClientOff() throws SrsException {
        SrsConfiguration configuration = configuration();
        ReverseSrsGate gate = gate(configuration, store);
        String valid = srsAddress(configuration, "a@origin.example");
        String hash = valid.split("=")[1];

        ReverseSrsDecision wrongCase = gate.atRcpt(withHash(valid, swapCase(hash)), true, IP, null);
        List<Verdict> guesses = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            guesses.add(gate.atRcpt(withHash(valid, "guess00" + i), true, IP, null).verdict());
        }

        assertThat(wrongCase.verdict()).isEqualTo(Verdict.UNKNOWN_ADDRESS);
        assertThat(wrongCase.reason()).contains("invalid SRS address (bad hash)");
        assertThat(guesses).containsExactly(Verdict.UNKNOWN_ADDRESS, Verdict.UNKNOWN_ADDRESS, Verdict.HARVESTING);
        assertThat(gate.atRcpt(valid, true, IP, null).verdict()).as("cut off for valid ones too")
            .isEqualTo(Verdict.HARVESTING);
        assertThat(gate.atRcpt(valid, true, OTHER_IP, null).verdict()).isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void anExpiredAddressShouldBeRefusedButNotCountedAsAGuess() throws SrsException {
        SrsConfiguration configuration = configuration();
        String old = srsAddress(configuration, "a@origin.example");
        clock.advance(Duration.ofDays(30));
        ReverseSrsGate gate = gate(configuration, store);

        for (int i = 0; i < 4; i++) {
            ReverseSrsDecision decision = gate.atRcpt(old, true, IP, null);
            assertThat(decision.verdict()).isEqualTo(Verdict.UNKNOWN_ADDRESS);
            assertThat(decision.reason()).contains("expired");
        }
    }

    @Test
    void returnsBeyondThePerAddressLimitShouldBeDeferredWhateverTheCase() throws SrsException {
        SrsConfiguration configuration = configuration();
        ReverseSrsGate gate = gate(configuration, store);
        String address = srsAddress(configuration, "a@origin.example");
        String otherCase = address.replace("origin.example", "ORIGIN.example");

        assertThat(gate.atRcpt(address, true, IP, null).verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(gate.atRcpt(otherCase, true, OTHER_IP, null).verdict()).isEqualTo(Verdict.ACCEPT);
        ReverseSrsDecision third = gate.atRcpt(address, true, "203.0.113.9", null);

        assertThat(third.verdict()).isEqualTo(Verdict.OVER_LIMIT);
        assertThat(third.verdict().replyCode()).isEqualTo(450);
        assertThat(third.reason()).contains("this SRS address").contains("2/1d");
        assertThat(third.retryAfter()).isPositive();
        assertThat(gate.atRcpt(srsAddress(configuration, "b@origin.example"), true, IP, null).verdict())
            .isEqualTo(Verdict.ACCEPT);
    }

    @Test
    void returnsBeyondThePerClientLimitShouldBeDeferred() throws SrsException {
        SrsConfiguration configuration = configuration();
        ReverseSrsGate gate = gate(configuration, store);

        for (String sender : List.of("a@o.example", "b@o.example", "c@o.example")) {
            assertThat(gate.atRcpt(srsAddress(configuration, sender), true, IP, null).verdict()).isEqualTo(Verdict.ACCEPT);
        }
        ReverseSrsDecision fourth = gate.atRcpt(srsAddress(configuration, "d@o.example"), true, IP, null);

        assertThat(fourth.verdict()).isEqualTo(Verdict.OVER_LIMIT);
        assertThat(fourth.reason()).contains("your address").contains("3/1h");
    }

    @Test
    void noneShouldLimitNothing() throws SrsException {
        SrsConfiguration configuration = configuration("reverse.perAddress", "none", "reverse.perClient", "none");
        ReverseSrsGate gate = gate(configuration, store);
        String address = srsAddress(configuration, "a@origin.example");

        for (int i = 0; i < 10; i++) {
            assertThat(gate.atRcpt(address, true, IP, null).verdict()).isEqualTo(Verdict.ACCEPT);
        }
    }

    @Test
    void aFailingStoreShouldSkipTheCountersButNotTheChecks() throws SrsException {
        SrsConfiguration configuration = configuration();
        ReverseSrsGate gate = gate(configuration, new FailingStore());
        String valid = srsAddress(configuration, "a@origin.example");

        ReverseSrsDecision bounce = gate.atRcpt(valid, true, IP, null);
        ReverseSrsDecision notABounce = gate.atRcpt(valid, false, IP, null);
        ReverseSrsDecision forged = gate.atRcpt(withHash(valid, "forged00"), true, IP, null);

        assertThat(bounce.verdict()).isEqualTo(Verdict.ACCEPT);
        assertThat(bounce.storeFailure()).contains("down");
        assertThat(notABounce.verdict()).isEqualTo(Verdict.NOT_A_RETURN);
        assertThat(forged.verdict()).isEqualTo(Verdict.UNKNOWN_ADDRESS);
    }

    private static String swapCase(String text) {
        StringBuilder swapped = new StringBuilder();
        text.chars().forEach(c -> swapped.append((char) (Character.isUpperCase(c) ? Character.toLowerCase(c)
            : Character.toUpperCase(c))));
        return swapped.toString();
    }

    private static final class FailingStore implements ThrottleStore {
        @Override
        public Acquisition acquire(List<WindowSpec> windows, Instant now) {
            throw new ThrottleStoreException("down", null);
        }

        @Override
        public List<WindowUsage> peek(List<WindowSpec> windows, Instant now) {
            throw new ThrottleStoreException("down", null);
        }

        @Override
        public void reset(String bucket) {
        }

        @Override
        public long purgeIdle(Instant now) {
            return 0;
        }
    }
}
