package org.postwarden.spf;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.net.InetAddresses;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.StaticZone;
import org.postwarden.testing.MutableClock;

class SpfVerifierTest {
    private static final InetAddress CLIENT = InetAddresses.forString("192.0.2.1");
    private static final InetAddress STRANGER = InetAddresses.forString("198.51.100.1");

    private static SpfResult check(StaticZone zone, InetAddress ip, String mailFrom, String helo) {
        return new SpfVerifier(zone).check(ip, mailFrom, helo);
    }

    private static StaticZone record(String spf) {
        return StaticZone.builder().txt("example.com", spf).a("example.com", "192.0.2.1").build();
    }

    @Nested
    class Results {
        @Test
        void checkShouldPassWhenAMechanismDesignatesTheClient() {
            SpfResult result = check(record("v=spf1 a -all"), CLIENT, "alice@example.com", "mail.example.com");

            assertThat(result.status()).isEqualTo(SpfStatus.PASS);
            assertThat(result.identity()).isEqualTo(SpfIdentity.MAILFROM);
            assertThat(result.domain()).isEqualTo("example.com");
        }

        @Test
        void checkShouldFailOnMinusAll() {
            assertThat(check(record("v=spf1 a -all"), STRANGER, "alice@example.com", "h.example").status())
                .isEqualTo(SpfStatus.FAIL);
        }

        @Test
        void checkShouldSoftfailOnTildeAll() {
            assertThat(check(record("v=spf1 a ~all"), STRANGER, "alice@example.com", "h.example").status())
                .isEqualTo(SpfStatus.SOFTFAIL);
        }

        @Test
        void checkShouldBeNeutralWhenNothingMatches() {
            // RFC 7208 §4.7: no match and no redirect gives neutral.
            assertThat(check(record("v=spf1 a"), STRANGER, "alice@example.com", "h.example").status())
                .isEqualTo(SpfStatus.NEUTRAL);
        }

        @Test
        void checkShouldBeNoneWithoutRecord() {
            StaticZone zone = StaticZone.builder().a("example.com", "192.0.2.1").build();

            assertThat(check(zone, CLIENT, "alice@example.com", "h.example").status()).isEqualTo(SpfStatus.NONE);
        }

        @Test
        void checkShouldBeTemperrorWhenTheRecordLookupTimesOut() {
            StaticZone zone = StaticZone.builder().timeout("example.com").build();

            assertThat(check(zone, CLIENT, "alice@example.com", "h.example").status()).isEqualTo(SpfStatus.TEMPERROR);
        }

        @Test
        void checkShouldBeTemperrorOnServfail() {
            StaticZone zone = StaticZone.builder().txt("example.com", "v=spf1 a:broken.example -all")
                .servfail("broken.example").build();

            assertThat(check(zone, CLIENT, "alice@example.com", "h.example").status()).isEqualTo(SpfStatus.TEMPERROR);
        }

        @Test
        void checkShouldBeTemperrorWhenExistsTimesOut() {
            // jSPF 1.0.3 alone treats this as a non-match; RFC 7208 §5 wants temperror.
            StaticZone zone = StaticZone.builder().txt("example.com", "v=spf1 exists:slow.example -all")
                .timeout("slow.example").build();

            SpfResult result = check(zone, CLIENT, "alice@example.com", "h.example");

            assertThat(result.status()).isEqualTo(SpfStatus.TEMPERROR);
            assertThat(result.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("slow.example"));
        }

        @Test
        void ptrDomainShouldMatchTheValidatedNameWhateverItsCase() {
            // The openspf suite's ptr-case-change: RFC 7208 §5.5 compares domains case-insensitively (RFC 4343).
            StaticZone zone = StaticZone.builder().txt("example.com", "v=spf1 ptr:Mail.EXAMPLE.com -all")
                .ptr("192.0.2.1", "HOST.mail.Example.COM.").a("host.mail.example.com", "192.0.2.1").build();

            assertThat(check(zone, CLIENT, "alice@example.com", "h.example").status()).isEqualTo(SpfStatus.PASS);
        }

        @Test
        void ptrNameWhoseAddressLookupFailsShouldBeSkipped() {
            // The openspf suite's ptr-cname-loop: RFC 7208 §5.5, a DNS error on a PTR name's A lookup skips it.
            StaticZone zone = StaticZone.builder().txt("example.com", "v=spf1 ptr ?all")
                .ptr("192.0.2.1", "loop.example.com").cname("loop.example.com", "Loop.Example.com.")
                .ptr("192.0.2.1", "slow.example.com").timeout("slow.example.com")
                .ptr("192.0.2.1", "mail.example.com").a("mail.example.com", "192.0.2.1").build();

            assertThat(check(zone, CLIENT, "alice@example.com", "h.example").status()).isEqualTo(SpfStatus.PASS);
            assertThat(check(zone, STRANGER, "alice@example.com", "h.example").status()).isEqualTo(SpfStatus.NEUTRAL);
        }

        @Test
        void addressLookupFailingOutsidePtrValidationShouldStillBeTemperror() {
            StaticZone zone = StaticZone.builder().txt("example.com", "v=spf1 ptr a:slow.example.com -all")
                .ptr("192.0.2.1", "slow.example.com").timeout("slow.example.com").build();

            assertThat(check(zone, CLIENT, "alice@example.com", "h.example").status()).isEqualTo(SpfStatus.TEMPERROR);
        }

        @Test
        void checkShouldBePermerrorOnSyntaxError() {
            assertThat(check(record("v=spf1 ip4:192.0.2.256 -all"), CLIENT, "alice@example.com", "h.example").status())
                .isEqualTo(SpfStatus.PERMERROR);
        }

        @Test
        void checkShouldBePermerrorWithTwoRecords() {
            // RFC 7208 §4.5: more than one record is permerror.
            StaticZone zone = StaticZone.builder().txt("example.com", "v=spf1 +all").txt("example.com", "v=spf1 -all")
                .build();

            assertThat(check(zone, CLIENT, "alice@example.com", "h.example").status()).isEqualTo(SpfStatus.PERMERROR);
        }

        @Test
        void checkShouldReportTheRecordsExplanationOnFail() {
            StaticZone zone = StaticZone.builder().txt("example.com", "v=spf1 -all exp=why.example.com")
                .txt("why.example.com", "%{i} may not send for %{d}").build();

            assertThat(check(zone, CLIENT, "alice@example.com", "h.example").explanation())
                .contains("192.0.2.1 may not send for example.com");
        }

        @Test
        void checkShouldNotInventAnExplanationWhenTheRecordHasNone() {
            assertThat(check(record("v=spf1 -all"), CLIENT, "alice@example.com", "h.example").explanation()).isEmpty();
        }
    }

    @Nested
    class Limits {
        @Test
        void checkShouldBePermerrorAfterTenDnsMechanisms() {
            // RFC 7208 §4.6.4: include, a, mx, ptr, exists and redirect count; the 11th is permerror.
            String record = "v=spf1 " + String.join(" ", IntStream.rangeClosed(1, 11)
                .mapToObj(i -> "a:h" + i + ".example.com").toList()) + " -all";
            StaticZone.Builder zone = StaticZone.builder().txt("example.com", record);
            IntStream.rangeClosed(1, 11).forEach(i -> zone.a("h" + i + ".example.com", "203.0.113." + i));

            assertThat(check(zone.build(), InetAddresses.forString("203.0.113.10"), "a@example.com", "h.example")
                .status()).isEqualTo(SpfStatus.PASS);
            assertThat(check(zone.build(), InetAddresses.forString("203.0.113.11"), "a@example.com", "h.example")
                .status()).isEqualTo(SpfStatus.PERMERROR);
        }

        @Test
        void checkShouldBePermerrorOnTheThirdVoidLookup() {
            SpfResult two = check(record("v=spf1 a:v1.example a:v2.example a -all"), CLIENT, "a@example.com", "h.example");
            SpfResult three = check(record("v=spf1 a:v1.example a:v2.example a:v3.example a -all"), CLIENT,
                "a@example.com", "h.example");

            assertThat(two.status()).isEqualTo(SpfStatus.PASS);
            assertThat(three.status()).isEqualTo(SpfStatus.PERMERROR);
            assertThat(three.problem()).contains("more than 2 void DNS lookups");
        }

        @Test
        void voidLookupsShouldBeCountedPerEvaluation() throws Exception {
            // Each evaluation makes two void lookups: shared counters would push some over the limit.
            StaticZone zone = record("v=spf1 a:v1.example a:v2.example a -all");
            SpfVerifier verifier = new SpfVerifier(zone);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                Callable<SpfStatus> task = () -> verifier.check(CLIENT, "a@example.com", "").status();
                List<Future<SpfStatus>> results = pool.invokeAll(java.util.Collections.nCopies(40, task));
                for (Future<SpfStatus> result : results) {
                    assertThat(result.get()).isEqualTo(SpfStatus.PASS);
                }
            } finally {
                pool.shutdown();
            }
        }

        @Test
        void concurrentChecksOfDifferentSendersShouldEachGetTheirOwnResult() throws Exception {
            // One jSPF instance serves all checks: each must still see its own sender's record.
            StaticZone zone = StaticZone.builder()
                .txt("pass.example", "v=spf1 ip4:192.0.2.1 -all")
                .txt("fail.example", "v=spf1 ip4:203.0.113.9 -all")
                .build();
            SpfVerifier verifier = new SpfVerifier(zone);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Callable<SpfStatus>> tasks = IntStream.range(0, 200)
                    .<Callable<SpfStatus>>mapToObj(i -> () -> verifier.check(CLIENT, (i % 2 == 0 ? "a@pass.example" : "a@fail.example"), "").status())
                    .toList();
                List<Future<SpfStatus>> results = pool.invokeAll(tasks);
                for (int i = 0; i < results.size(); i++) {
                    assertThat(results.get(i).get()).isEqualTo(i % 2 == 0 ? SpfStatus.PASS : SpfStatus.FAIL);
                }
            } finally {
                pool.shutdown();
            }
        }

        @Test
        void checkShouldBePermerrorWithMoreThanTenMxRecords() {
            StaticZone.Builder zone = StaticZone.builder().txt("example.com", "v=spf1 mx -all");
            IntStream.rangeClosed(1, 11).forEach(i -> zone.mx("example.com", i, "mx" + i + ".example.com")
                .a("mx" + i + ".example.com", "192.0.2." + i));

            assertThat(check(zone.build(), CLIENT, "a@example.com", "h.example").status())
                .isEqualTo(SpfStatus.PERMERROR);
        }

        @Test
        void checkShouldBeTemperrorOnceTheTimeBudgetIsSpent() {
            // Every lookup takes 3 s of a fake clock; a 5 s budget allows two.
            MutableClock clock = new MutableClock();
            StaticZone zone = record("v=spf1 a:a.example.com a:b.example.com a -all");
            DnsResolver slow = (name, type) -> {
                clock.advance(Duration.ofSeconds(3));
                return zone.lookup(name, type);
            };

            SpfResult result = new SpfVerifier(slow, Duration.ofSeconds(5), clock).check(CLIENT, "a@example.com", "");

            assertThat(result.status()).isEqualTo(SpfStatus.TEMPERROR);
            assertThat(result.problem()).contains("time budget exhausted");
        }
    }

    @Nested
    class Helo {
        private final StaticZone zone = StaticZone.builder()
            .txt("mail.example.com", "v=spf1 a -all").a("mail.example.com", "192.0.2.1")
            .txt("example.com", "v=spf1 -all").build();

        @Test
        void nullSenderShouldCheckPostmasterAtHelo() {
            // RFC 7208 §2.4.
            SpfResult result = check(zone, CLIENT, "", "mail.example.com");

            assertThat(result.status()).isEqualTo(SpfStatus.PASS);
            assertThat(result.identity()).isEqualTo(SpfIdentity.HELO);
            assertThat(result.domain()).isEqualTo("mail.example.com");
            assertThat(result.heloResult()).isEmpty();
        }

        @Test
        void angleBracketsAndNullShouldMeanTheNullSender() {
            assertThat(check(zone, CLIENT, "<>", "mail.example.com").identity()).isEqualTo(SpfIdentity.HELO);
            assertThat(check(zone, CLIENT, null, "mail.example.com").identity()).isEqualTo(SpfIdentity.HELO);
        }

        @Test
        void heloShouldBeCheckedBesideMailFrom() {
            // RFC 7208 §2.3 RECOMMENDS checking HELO as well.
            SpfResult result = check(zone, CLIENT, "alice@example.com", "mail.example.com");

            assertThat(result.status()).isEqualTo(SpfStatus.FAIL);
            assertThat(result.heloResult()).hasValueSatisfying(helo -> {
                assertThat(helo.status()).isEqualTo(SpfStatus.PASS);
                assertThat(helo.identity()).isEqualTo(SpfIdentity.HELO);
            });
        }

        @Test
        void addressLiteralHeloShouldNotBeCheckedSeparately() {
            assertThat(check(zone, CLIENT, "alice@example.com", "[192.0.2.1]").heloResult()).isEmpty();
        }

        @Test
        void heloThatIsNotAnFqdnShouldGiveNone() {
            // RFC 7208 §4.3.
            assertThat(check(zone, CLIENT, "", "localhost").status()).isEqualTo(SpfStatus.NONE);
        }
    }

    @Nested
    class Headers {
        @Test
        void receivedSpfShouldFollowRfc7208Section91() {
            SpfResult result = check(record("v=spf1 a -all"), CLIENT, "alice@example.com", "mail.example.com");

            assertThat(result.receivedSpf("mx.example.org")).isEqualTo("pass (mx.example.org: domain of "
                + "alice@example.com designates 192.0.2.1 as permitted sender) client-ip=192.0.2.1; "
                + "envelope-from=\"alice@example.com\"; helo=mail.example.com; receiver=mx.example.org; "
                + "identity=mailfrom;");
        }

        @Test
        void receivedSpfShouldQuoteIpv6AndLiteralsAndShowTheProblem() {
            StaticZone zone = StaticZone.builder().txt("example.com", "v=spf1 a:v1.example a:v2.example a:v3.example")
                .build();
            SpfResult result = check(zone, InetAddresses.forString("2001:db8::1"), "alice@example.com", "[2001:db8::1]");

            assertThat(result.receivedSpf("mx.example.org")).isEqualTo("permerror (mx.example.org: permanent error "
                + "in processing domain of alice@example.com) client-ip=\"2001:db8::1\"; "
                + "envelope-from=\"alice@example.com\"; helo=\"[2001:db8::1]\"; receiver=mx.example.org; "
                + "identity=mailfrom; problem=\"more than 2 void DNS lookups\";");
        }

        @Test
        void receivedSpfShouldNameHeloForTheNullSender() {
            StaticZone zone = StaticZone.builder().txt("mail.example.com", "v=spf1 ~all").build();

            assertThat(check(zone, CLIENT, "", "mail.example.com").receivedSpf("mx.example.org"))
                .isEqualTo("softfail (mx.example.org: domain of transitioning mail.example.com does not designate "
                    + "192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from=\"\"; "
                    + "helo=mail.example.com; receiver=mx.example.org; identity=helo;");
        }

        @Test
        void resinfoShouldUseSmtpMailfromOrSmtpHelo() {
            assertThat(check(record("v=spf1 a -all"), CLIENT, "alice@example.com", "h.example").resinfo().toString())
                .isEqualTo("spf=pass smtp.mailfrom=example.com");
            assertThat(check(record("v=spf1 a -all"), STRANGER, "", "example.com").resinfo().toString())
                .isEqualTo("spf=fail smtp.helo=example.com");
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2024-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
