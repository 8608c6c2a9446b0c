package org.postwarden.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postwarden.testing.MutableClock;
import org.postwarden.throttle.ThrottleDecision.Outcome;

class ThrottlerTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String IP = "192.0.2.7";
    private static final String ALICE = "alice@example.com";

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryThrottleStore store = new InMemoryThrottleStore();
    private final InMemoryOverrideStore overrides = new InMemoryOverrideStore();
    private final InMemorySuspensionStore suspensions = new InMemorySuspensionStore();

    private Throttler throttler(Map<String, String> properties) {
        return new Throttler(ThrottlePolicy.from(properties), store, overrides, suspensions, clock);
    }

    private static ThrottleDecision send(Throttler throttler, String user, int recipients) {
        return throttler.checkSender(user, "example.com", IP, recipients, null);
    }

    @Nested
    class Limits {
        private final Throttler throttler = throttler(Map.of("user.messages", "5/1m, 100/1d",
            "user.recipients", "10/1m", "ip.messages", "7/1m"));

        @Test
        void messagesOverTheLimitShouldBeTemporarilyRefused() {
            for (int i = 0; i < 5; i++) {
                assertThat(send(throttler, ALICE, 1).outcome()).isEqualTo(Outcome.ALLOW);
            }

            ThrottleDecision sixth = send(throttler, ALICE, 1);

            assertThat(sixth.outcome()).isEqualTo(Outcome.TEMPFAIL);
            assertThat(sixth.outcome().replyCode()).isEqualTo(451);
            assertThat(sixth.outcome().enhancedStatus()).isEqualTo("4.7.1");
            assertThat(sixth.retryAfter()).isEqualTo(Duration.ofSeconds(12));
            assertThat(sixth.reason()).isEqualTo("rate limit 5/1m on user:alice@example.com#messages reached");
        }

        @Test
        void spellingsOfAnAccountShouldShareItsCounters() {
            for (String spelling : new String[] {"Alice@Example.com", "alice+news@example.com", "ALICE+x@EXAMPLE.COM",
                "alice@example.com", "alice+y@example.com"}) {
                send(throttler, spelling, 1);
            }

            assertThat(send(throttler, "Alice+z@example.com", 1).outcome()).isEqualTo(Outcome.TEMPFAIL);
        }

        @Test
        void recipientsShouldBeCountedToo() {
            assertThat(send(throttler, ALICE, 6).outcome()).isEqualTo(Outcome.ALLOW);
            assertThat(send(throttler, ALICE, 6).outcome()).isEqualTo(Outcome.TEMPFAIL);
            assertThat(send(throttler, ALICE, 4).outcome()).isEqualTo(Outcome.ALLOW);
        }

        @Test
        void moreRecipientsThanALimitAllowsShouldBeRefusedForGood() {
            ThrottleDecision decision = send(throttler, ALICE, 11);

            assertThat(decision.outcome()).isEqualTo(Outcome.REFUSE);
            assertThat(decision.outcome().replyCode()).isEqualTo(550);
            assertThat(decision.reason()).contains("10/1m");
        }

        @Test
        void aMessageRefusedForTheAccountShouldNotCountForTheAddress() {
            for (int i = 0; i < 6; i++) {
                send(throttler, ALICE, 1);
            }

            assertThat(send(throttler, "bob@example.com", 1).allowed()).isTrue();
            assertThat(send(throttler, "bob@example.com", 1).allowed()).isTrue();
            assertThat(send(throttler, "bob@example.com", 1).reason()).contains("ip:192.0.2.7/32");
        }

        @Test
        void usageShouldShowTheAccountsWindows() {
            send(throttler, ALICE, 3);

            assertThat(throttler.usage("Alice+x@example.com", null))
                .extracting(WindowUsage::label, WindowUsage::used)
                .containsExactly(
                    tuple("user:alice@example.com#messages 5/1m", 1L),
                    tuple("user:alice@example.com#messages 100/1d", 1L),
                    tuple("user:alice@example.com#recipients 10/1m", 3L));
        }
    }

    @Test
    void senderDomainsShouldBeCountedForUnauthenticatedSendersToo() {
        Throttler throttler = throttler(Map.of("senderDomain.messages", "2/1h"));
        throttler.checkSender(null, "Example.COM", "198.51.100.1", 1, null);
        throttler.checkSender(null, "example.com.", "198.51.100.2", 1, null);

        assertThat(throttler.checkSender(null, "example.com", IP, 1, null).outcome()).isEqualTo(Outcome.TEMPFAIL);
        assertThat(throttler.checkSender(null, "", IP, 1, null).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Test
    void newAccountsShouldBeStrictUntilTheyGraduate() {
        Throttler throttler = throttler(Map.of("user.messages", "100/1d"));
        Instant created = NOW.minus(Duration.ofDays(6));
        for (int i = 0; i < 10; i++) {
            assertThat(throttler.checkSender(ALICE, "example.com", IP, 1, created).allowed()).isTrue();
        }
        assertThat(throttler.checkSender(ALICE, "example.com", IP, 1, created).outcome()).isEqualTo(Outcome.TEMPFAIL);
        assertThat(throttler.tier(ALICE, created).name()).isEqualTo("new-account");

        clock.advance(Duration.ofDays(1));

        assertThat(throttler.tier(ALICE, created).name()).isEqualTo("default");
        assertThat(throttler.checkSender(ALICE, "example.com", IP, 1, created).allowed()).isTrue();
    }

    @Test
    void anOverrideShouldReplaceTheAccountsTier() {
        Throttler throttler = throttler(Map.of("user.messages", "100/1h"));
        overrides.setOverride(ThrottleKey.user(ALICE), new Quota(RateLimits.parse("2/1h"), RateLimits.NONE));
        send(throttler, ALICE, 1);
        send(throttler, ALICE, 1);

        assertThat(send(throttler, ALICE, 1).outcome()).isEqualTo(Outcome.TEMPFAIL);
        assertThat(send(throttler, "bob@example.com", 1).outcome()).isEqualTo(Outcome.ALLOW);
    }

    @Nested
    class Suspension {
        private final Throttler throttler = throttler(Map.of("user.messages", "5/1m", "suspend.messages", "8/1h"));

        @Test
        void anAccountOverItsHardThresholdShouldBeSuspendedOnce() {
            for (int i = 0; i < 8; i++) {
                assertThat(send(throttler, ALICE, 1).outcome()).isIn(Outcome.ALLOW, Outcome.TEMPFAIL);
            }

            ThrottleDecision ninth = send(throttler, ALICE, 1);
            ThrottleDecision tenth = send(throttler, "Alice+x@example.com", 1);

            assertThat(ninth.outcome()).isEqualTo(Outcome.SUSPENDED);
            assertThat(ninth.newlySuspended()).isTrue();
            SuspensionEvent event = ninth.suspension().orElseThrow();
            assertThat(event.reason()).isEqualTo("exceeded the hard threshold 8/1h on "
                + "user:alice@example.com#attempts-messages");
            assertThat(event.counters()).containsExactly(
                Map.entry("user:alice@example.com#messages 5/1m", 5L),
                Map.entry("user:alice@example.com#attempts-messages 8/1h", 8L));
            assertThat(tenth.outcome()).isEqualTo(Outcome.SUSPENDED);
            assertThat(tenth.newlySuspended()).isFalse();
            assertThat(tenth.suspension()).contains(event);
        }

        @Test
        void unsuspendingShouldLetTheAccountSendAgain() {
            for (int i = 0; i < 9; i++) {
                send(throttler, ALICE, 1);
            }

            assertThat(throttler.unsuspend("Alice@example.com", "password reset")).isPresent();

            assertThat(send(throttler, ALICE, 1).outcome()).isEqualTo(Outcome.ALLOW);
            assertThat(suspensions.history(ThrottleKey.user(ALICE))).extracting(SuspensionEvent::action)
                .containsExactly(SuspensionEvent.Action.SUSPENDED, SuspensionEvent.Action.UNSUSPENDED);
        }

        @Test
        void unauthenticatedSendersShouldNeverBeSuspended() {
            for (int i = 0; i < 20; i++) {
                assertThat(send(throttler, null, 1).outcome()).isEqualTo(Outcome.ALLOW);
            }
        }
    }

    @Nested
    class Harvesting {
        private final Throttler throttler = throttler(Map.of("harvest.recipients", "3/10m", "harvest.block", "30m"));

        @Test
        void aClientNamingTooManyUnknownRecipientsShouldBeRefusedForTheBlock() {
            for (int i = 0; i < 3; i++) {
                assertThat(throttler.checkRecipient(null, IP, false).allowed()).isTrue();
            }

            ThrottleDecision fourth = throttler.checkRecipient(null, IP, false);

            assertThat(fourth.outcome()).isEqualTo(Outcome.TEMPFAIL);
            assertThat(fourth.retryAfter()).isEqualTo(Duration.ofMinutes(30));
            assertThat(fourth.reason()).isEqualTo("ip:192.0.2.7/32 named more unknown recipients than 3/10m allows");
        }

        @Test
        void aBlockedClientShouldBeRefusedKnownRecipientsTooUntilTheBlockEnds() {
            for (int i = 0; i < 4; i++) {
                throttler.checkRecipient(null, IP, false);
            }
            clock.advance(Duration.ofMinutes(10));

            ThrottleDecision known = throttler.checkRecipient(null, IP, true);

            assertThat(known.outcome()).isEqualTo(Outcome.TEMPFAIL);
            assertThat(known.retryAfter()).isEqualTo(Duration.ofMinutes(20));
            assertThat(throttler.checkRecipient(null, "192.0.2.8", true).allowed()).isTrue();
            clock.advance(Duration.ofMinutes(20));
            assertThat(throttler.checkRecipient(null, IP, true).allowed()).isTrue();
        }

        @Test
        void authenticatedClientsShouldBeCountedByAccountWhateverTheirAddress() {
            for (int i = 0; i < 4; i++) {
                throttler.checkRecipient(ALICE, "198.51.100." + i, false);
            }

            assertThat(throttler.checkRecipient("alice+x@example.com", "203.0.113.9", true).outcome())
                .isEqualTo(Outcome.TEMPFAIL);
            assertThat(throttler.checkRecipient(null, "198.51.100.0", true).allowed()).isTrue();
        }

        @Test
        void resettingTheCountersShouldLiftTheBlock() {
            for (int i = 0; i < 4; i++) {
                throttler.checkRecipient(null, IP, false);
            }

            throttler.resetCounters(ThrottleKey.clientIp(IP));

            assertThat(throttler.checkRecipient(null, IP, false).allowed()).isTrue();
        }
    }

    @Test
    void outboundPacingShouldDelayWithoutRefusing() {
        Throttler throttler = throttler(Map.of("destination.gmail.com.messages", "2/1m"));

        assertThat(throttler.delayFor("gmail.com")).isZero();
        assertThat(throttler.delayFor("GMail.com.")).isZero();
        assertThat(throttler.delayFor("gmail.com")).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttler.delayFor("example.net")).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(throttler.delayFor("gmail.com")).isZero();
    }

    @Test
    void withoutLimitsEverythingShouldPass() {
        Throttler throttler = throttler(Map.of());

        assertThat(throttler.checkSender(null, "example.com", "2001:db8::1", 1000, null).allowed()).isTrue();
        assertThat(throttler.checkSender(ALICE, "example.com", IP, 1000, null).allowed()).isTrue();
    }
}
