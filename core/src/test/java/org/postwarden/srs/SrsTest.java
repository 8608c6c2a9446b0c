package org.postwarden.srs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postwarden.srs.SrsException.Reason;

/** Expected addresses come from Mail::SRS 0.31 (shared/oracles/mailsrs_cli.pl) with the same secret and time. */
class SrsTest {
    /** 2020-01-01T00:01:00Z, SRS day 854 ("2W"), as in srs-vectors.json. */
    static final Instant NOW = Instant.ofEpochSecond(1_577_836_860L);
    static final String SECRET = "tops3cr3t";

    static Clock at(Instant instant) {
        return Clock.fixed(instant, ZoneOffset.UTC);
    }

    static Srs srs(Instant now, String... secrets) {
        return Srs.builder(secrets(secrets)).clock(at(now)).build();
    }

    static Srs srs() {
        return srs(NOW, SECRET);
    }

    private static SrsSecrets secrets(String... secrets) {
        return SrsSecrets.of(secrets[0], Arrays.copyOfRange(secrets, 1, secrets.length));
    }

    static void assertRefused(ThrowingCallable call, Reason reason, String messageStart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(SrsException.class, e -> {
            assertThat(e.reason()).isEqualTo(reason);
            assertThat(e.getMessage()).startsWith(messageStart);
        });
    }

    @Nested
    class Forward {
        @Test
        void plainSenderShouldBecomeSrs0WithTodaysTimestamp() throws SrsException {
            assertThat(srs().forward("user@host.tld", "example.com"))
                .isEqualTo("SRS0=lyPw=2W=host.tld=user@example.com");
        }

        @Test
        void senderInTheForwarderDomainShouldComeBackUnchanged() throws SrsException {
            assertThat(srs().forward("user@EXAMPLE.com", "example.com")).isEqualTo("user@EXAMPLE.com");
        }

        @Test
        void nonAsciiShouldBeHashedAsUtf8WithOnlyAsciiLowerCased() throws SrsException {
            assertThat(srs().forward("us€r@DÖMAIN.COM", "example.com"))
                .isEqualTo("SRS0=bYhd=2W=DÖMAIN.COM=us€r@example.com");
        }

        @Test
        void srs0ShouldBeWrappedAsSrs1KeepingItsSeparator() throws SrsException {
            assertThat(srs().forward("SRS0+abc=x@fwd1.example", "fwd2.example"))
                .isEqualTo("SRS1=UAjY=fwd1.example=+abc=x@fwd2.example");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "foo", "\"\"", "@host.example", "user@", "a@b@host.example", "user@1",
            "user@192.0.2.1", "SRS1=X=thirddomain.com@otherdomain.com"})
        void unusableAddressShouldBeMalformed(String address) {
            assertRefused(() -> srs().forward(address, "example.com"), Reason.MALFORMED, "malformed address: ");
        }

        @Test
        void addressLongerThan512OctetsShouldBeMalformed() throws SrsException {
            String longest = "u@" + "é".repeat(253) + ".net";
            assertThat(srs().forward(longest, "example.com")).startsWith("SRS0=");
            assertRefused(() -> srs().forward("u" + longest, "example.com"), Reason.MALFORMED,
                "malformed address: the address is longer than 512 octets");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "postmaster@example.com"})
        void forwarderDomainShouldBeADomain(String domain) {
            assertThatThrownBy(() -> srs().forward("user@host.tld", domain))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class NeedsRewrite {
        private final Set<String> local = Set.of("Example.com", "forwarder.example");

        @ParameterizedTest
        @ValueSource(strings = {"", "<>", "foo", "user@", "user@example.COM",
            "SRS0=XjO9=2V=other.example=u@forwarder.example"})
        void nullReversePathNoDomainAndLocalDomainsShouldNotBeRewritten(String sender) {
            assertThat(Srs.needsRewrite(sender, local)).isFalse();
        }

        @ParameterizedTest
        @ValueSource(strings = {"user@host.tld", "SRS0=XjO9=2V=other.example=u@fwd1.example"})
        void foreignSenderShouldBeRewritten(String sender) {
            assertThat(Srs.needsRewrite(sender, local)).isTrue();
        }
    }

    @Nested
    class Reverse {
        private static final String SIGNED = "SRS0=lyPw=2W=host.tld=user@example.com";

        @Test
        void notAnSrsAddressShouldBeNotSrs() {
            assertRefused(() -> srs().reverse("user@example.com"), Reason.NOT_SRS, "not an SRS address: ");
            assertRefused(() -> srs().reverse("SRS0=lyPw=2W=host.tld=user"), Reason.NOT_SRS, "not an SRS address: ");
            assertRefused(() -> srs().reverse("SRS2=lyPw=2W=host.tld=user@example.com"), Reason.NOT_SRS, "not an");
        }

        @ParameterizedTest
        @ValueSource(strings = {"SRS0=lyPw=2W=host.tld@example.com", "SRS0=lyPw==host.tld=user@example.com",
            "SRS0=lyPw=2!=host.tld=user@example.com", "SRS0=lyPw=2WA=host.tld=user@example.com",
            "SRS1=lyPw=fwd1.example@example.com", "SRS1==fwd1.example==x@example.com"})
        void missingOrUnreadableFieldShouldBeMalformed(String address) {
            assertRefused(() -> srs().reverse(address), Reason.MALFORMED, "malformed address: ");
        }

        @Test
        void alteredAddressShouldHaveABadHash() {
            assertRefused(() -> srs().reverse("SRS0=lyPw=2W=host.tld=mallory@example.com"), Reason.BAD_HASH,
                "bad hash: \"lyPw\" in \"SRS0=lyPw=2W=host.tld=mallory@example.com\" matches none of the secrets");
            assertRefused(() -> srs(NOW, "other secret").reverse(SIGNED), Reason.BAD_HASH, "bad hash: ");
        }

        @Test
        void addressShouldExpireAfterTheMaximumAge() throws SrsException {
            assertThat(srs(NOW.plus(Duration.ofDays(21)), SECRET).reverse(SIGNED)).isEqualTo("user@host.tld");
            assertRefused(() -> srs(NOW.plus(Duration.ofDays(22)), SECRET).reverse(SIGNED), Reason.EXPIRED,
                "expired: \"" + SIGNED + "\" is 22 days old");
        }

        @Test
        void maximumAgeShouldBeConfigurable() throws SrsException {
            Srs week = Srs.builder(SrsSecrets.of(SECRET)).clock(at(NOW.plus(Duration.ofDays(7)))).maxAgeDays(7).build();
            Srs weekAndADay = Srs.builder(SrsSecrets.of(SECRET)).clock(at(NOW.plus(Duration.ofDays(8)))).maxAgeDays(7)
                .build();

            assertThat(week.reverse(SIGNED)).isEqualTo("user@host.tld");
            assertRefused(() -> weekAndADay.reverse(SIGNED), Reason.EXPIRED, "expired: ");
        }

        @Test
        void addressFromTheFutureShouldBeExpired() {
            assertRefused(() -> srs(NOW.minus(Duration.ofDays(1)), SECRET).reverse(SIGNED), Reason.EXPIRED,
                "expired: \"" + SIGNED + "\" is 1023 days old");
        }

        @Test
        void addressWrittenBeforeTheTimestampWrapsShouldReverseAfterIt() throws SrsException {
            Instant lastDayOfCycle = Instant.ofEpochSecond(1023L * 86_400);
            String address = srs(lastDayOfCycle, SECRET).forward("user@host.tld", "example.com");

            assertThat(address).contains("=77=");
            assertThat(srs(lastDayOfCycle.plus(Duration.ofDays(3)), SECRET).reverse(address))
                .isEqualTo("user@host.tld");
        }

        @Test
        void hashShouldMatchWhateverCaseTheAddressComesBackIn() throws SrsException {
            assertThat(srs().reverse(SIGNED.toUpperCase(Locale.ROOT))).isEqualTo("USER@HOST.TLD");
            assertThat(srs().reverse(SIGNED.toLowerCase(Locale.ROOT))).isEqualTo("user@host.tld");
        }
    }

    @Nested
    class SecretRotation {
        @Test
        void addressSignedWithTheOldSecretShouldReverseWhileItIsSecond() throws SrsException {
            String old = srs().forward("user@host.tld", "example.com");

            assertThat(srs(NOW, "n3w", SECRET).reverse(old)).isEqualTo("user@host.tld");
            assertRefused(() -> srs(NOW, "n3w").reverse(old), Reason.BAD_HASH, "bad hash: ");
        }

        @Test
        void newAddressesShouldBeSignedWithTheFirstSecret() throws SrsException {
            String rotated = srs(NOW, "n3w", SECRET).forward("user@host.tld", "example.com");

            assertThat(rotated).isEqualTo(srs(NOW, "n3w").forward("user@host.tld", "example.com"))
                .isNotEqualTo(srs().forward("user@host.tld", "example.com"));
            assertThat(srs(NOW, "n3w").reverse(rotated)).isEqualTo("user@host.tld");
        }
    }

    @Nested
    class HashLength {
        private Srs srs(int hashLength) {
            return Srs.builder(SrsSecrets.of(SECRET)).clock(at(NOW)).hashLength(hashLength).build();
        }

        @Test
        void longerHashShouldBeWrittenAndStillVerifyWhereFourAreExpected() throws SrsException {
            String eight = srs(8).forward("User@Host.tld", "example.com");

            assertThat(eight).isEqualTo("SRS0=lyPwHR5V=2W=Host.tld=User@example.com");
            assertThat(srs(8).reverse(eight)).isEqualTo("User@Host.tld");
            assertThat(srs(4).reverse(eight)).isEqualTo("User@Host.tld");
        }

        @Test
        void hashShorterThanTheLengthShouldBeBad() {
            assertRefused(() -> srs(8).reverse("SRS0=lyPw=2W=host.tld=user@example.com"), Reason.BAD_HASH, "bad hash");
        }

        @ParameterizedTest
        @ValueSource(ints = {1, 27})
        void anyLengthUpToTheWholeHmacShouldRoundTrip(int hashLength) throws SrsException {
            String address = srs(hashLength).forward("user@host.tld", "example.com");

            assertThat(address.split("=")[1]).hasSize(hashLength);
            assertThat(srs(hashLength).reverse(address)).isEqualTo("user@host.tld");
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 28})
        void lengthOutsideTheHmacShouldBeRefused(int hashLength) {
            assertThatThrownBy(() -> srs(hashLength)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Separator {
        @ParameterizedTest
        @ValueSource(chars = {'+', '-'})
        void separatorShouldFollowTheTagAndRoundTrip(char separator) throws SrsException {
            Srs srs = Srs.builder(SrsSecrets.of(SECRET)).clock(at(NOW)).separator(separator).build();

            String srs0 = srs.forward("user@host.tld", "example.com");
            String srs1 = srs.forward("SRS0=XjO9=2V=orig.example=u@fwd1.example", "example.com");

            assertThat(srs0).isEqualTo("SRS0" + separator + "lyPw=2W=host.tld=user@example.com");
            assertThat(srs1).startsWith("SRS1" + separator)
                .endsWith("=fwd1.example==XjO9=2V=orig.example=u@example.com");
            assertThat(srs().reverse(srs0)).isEqualTo("user@host.tld");
            assertThat(srs().reverse(srs1)).isEqualTo("SRS0=XjO9=2V=orig.example=u@fwd1.example");
        }

        @ParameterizedTest
        @ValueSource(chars = {'_', '.', '@'})
        void otherSeparatorsShouldBeRefused(char separator) {
            assertThatThrownBy(() -> Srs.builder(SrsSecrets.of(SECRET)).separator(separator))
                .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Srs1 {
        private final Srs first = srs(NOW, "first secret");
        private final Srs second = srs(NOW, "second secret");
        private final Srs third = srs(NOW, "third secret");

        @Test
        void bounceShouldTravelBackThroughTwoForwarders() throws SrsException {
            String atFirst = first.forward("alice@orig.example", "fwd1.example");
            String atSecond = second.forward(atFirst, "fwd2.example");

            assertThat(atSecond).startsWith("SRS1=")
                .endsWith("=fwd1.example==" + srs0Fields(atFirst) + "@fwd2.example");
            assertThat(second.reverse(atSecond)).isEqualTo(atFirst);
            assertThat(first.reverse(second.reverse(atSecond))).isEqualTo("alice@orig.example");
        }

        @Test
        void thirdForwarderShouldKeepTheFirstForwarder() throws SrsException {
            String atFirst = first.forward("alice@orig.example", "fwd1.example");
            String atSecond = second.forward(atFirst, "fwd2.example");
            String atThird = third.forward(atSecond, "fwd3.example");

            assertThat(atThird).endsWith("=fwd1.example==" + srs0Fields(atFirst) + "@fwd3.example")
                .hasSize(atSecond.length());
            assertThat(third.reverse(atThird)).isEqualTo(atFirst);
            assertRefused(() -> third.reverse(atSecond), Reason.BAD_HASH, "bad hash");
        }

        /** The SRS0 local part after "SRS0=". */
        private String srs0Fields(String srs0) {
            return srs0.substring(5, srs0.indexOf('@'));
        }

        @Test
        void srs1HashShouldCoverTheFirstForwarder() throws SrsException {
            String atSecond = second.forward("SRS0=XjO9=2V=orig.example=u@fwd1.example", "fwd2.example");

            String altered = atSecond.replace("fwd1.example", "evil.example");

            assertRefused(() -> second.reverse(altered), Reason.BAD_HASH, "bad hash: ");
        }
    }
}
