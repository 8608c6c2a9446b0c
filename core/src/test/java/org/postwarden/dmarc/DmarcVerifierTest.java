package org.postwarden.dmarc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.StaticZone;
import org.postwarden.spf.SpfStatus;

class DmarcVerifierTest {
    private static final RandomGenerator RANDOM = new Random(7);
    private static final SpfOutcome NO_SPF = SpfOutcome.none();

    private static DmarcResult evaluate(StaticZone zone, List<String> from, SpfOutcome spf, DkimOutcome... dkim) {
        return new DmarcVerifier(zone).evaluate(from, spf, List.of(dkim), RANDOM);
    }

    private static DkimOutcome dkimPass(String domain) {
        return new DkimOutcome(DkimOutcome.Status.PASS, domain);
    }

    private static StaticZone policy(String record) {
        return StaticZone.builder().txt("_dmarc.example.com", record).build();
    }

    @Nested
    class Results {
        @Test
        void alignedSpfPassShouldPass() {
            DmarcResult result = evaluate(policy("v=DMARC1; p=reject"), List.of("example.com"),
                new SpfOutcome(SpfStatus.PASS, "bounces.example.com"));

            assertThat(result.status()).isEqualTo(DmarcStatus.PASS);
            assertThat(result.spfAligned()).isTrue();
            assertThat(result.disposition()).isEqualTo(DmarcPolicy.NONE);
            assertThat(result.resinfo().toString()).isEqualTo("dmarc=pass (p=reject dis=none) header.from=example.com");
        }

        @Test
        void alignedDkimPassShouldPass() {
            DmarcResult result = evaluate(policy("v=DMARC1; p=reject"), List.of("example.com"), NO_SPF,
                new DkimOutcome(DkimOutcome.Status.FAIL, "example.com"), dkimPass("mail.example.com"));

            assertThat(result.status()).isEqualTo(DmarcStatus.PASS);
            assertThat(result.dkimAligned()).isTrue();
        }

        @Test
        void unalignedPassesShouldFailWithThePolicy() {
            DmarcResult result = evaluate(policy("v=DMARC1; p=reject"), List.of("example.com"),
                new SpfOutcome(SpfStatus.PASS, "user@example.net"), dkimPass("example.org"));

            assertThat(result.status()).isEqualTo(DmarcStatus.FAIL);
            assertThat(result.disposition()).isEqualTo(DmarcPolicy.REJECT);
            assertThat(result.resinfo().toString()).isEqualTo("dmarc=fail (p=reject dis=reject) header.from=example.com");
        }

        @Test
        void alignedSpfThatDidNotPassShouldNotCount() {
            assertThat(evaluate(policy("v=DMARC1; p=quarantine"), List.of("example.com"),
                new SpfOutcome(SpfStatus.SOFTFAIL, "example.com")).status()).isEqualTo(DmarcStatus.FAIL);
        }

        @Test
        void domainWithoutRecordShouldBeNone() {
            DmarcResult result = evaluate(StaticZone.builder().build(), List.of("example.com"), NO_SPF);

            assertThat(result.status()).isEqualTo(DmarcStatus.NONE);
            assertThat(result.record()).isEmpty();
            assertThat(result.resinfo().toString()).isEqualTo("dmarc=none header.from=example.com");
        }

        @Test
        void dnsFailureShouldBeTemperror() {
            StaticZone zone = StaticZone.builder().timeout("_dmarc.example.com").build();

            assertThat(evaluate(zone, List.of("example.com"), NO_SPF).status()).isEqualTo(DmarcStatus.TEMPERROR);
        }

        @Test
        void twoDmarcRecordsShouldGiveNoPolicy() {
            // RFC 7489 §6.6.3 step 4.
            StaticZone zone = StaticZone.builder().txt("_dmarc.example.com", "v=DMARC1; p=reject")
                .txt("_dmarc.example.com", "v=DMARC1; p=none").build();

            assertThat(evaluate(zone, List.of("example.com"), NO_SPF).status()).isEqualTo(DmarcStatus.NONE);
        }

        @Test
        void nonDmarcTxtRecordsShouldBeDiscarded() {
            StaticZone zone = StaticZone.builder().txt("_dmarc.example.com", "v=spf1 -all")
                .txt("_dmarc.example.com", "v=DMARC1; p=quarantine").build();

            assertThat(evaluate(zone, List.of("example.com"), NO_SPF).policy()).contains(DmarcPolicy.QUARANTINE);
        }

        @Test
        void missingFromShouldBePermerror() {
            DmarcResult result = evaluate(policy("v=DMARC1; p=reject"), List.of(), NO_SPF);

            assertThat(result.status()).isEqualTo(DmarcStatus.PERMERROR);
            assertThat(result.resinfo().toString()).isEqualTo("dmarc=permerror");
        }

        @Test
        void unparsableFromShouldBePermerror() {
            assertThat(evaluate(policy("v=DMARC1; p=reject"), List.of("not a domain"), NO_SPF).status())
                .isEqualTo(DmarcStatus.PERMERROR);
        }
    }

    @Nested
    class Discovery {
        private final StaticZone zone = StaticZone.builder()
            .txt("_dmarc.example.co.uk", "v=DMARC1; p=reject; sp=quarantine")
            .txt("_dmarc.own.example.co.uk", "v=DMARC1; p=none").build();

        @Test
        void subdomainShouldFallBackToTheOrganizationalDomainAndItsSp() {
            DmarcResult result = evaluate(zone, List.of("a.b.example.co.uk"), NO_SPF);

            assertThat(result.policyDomain()).contains("example.co.uk");
            assertThat(result.policy()).contains(DmarcPolicy.QUARANTINE);
            assertThat(result.disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
        }

        @Test
        void organizationalDomainItselfShouldGetP() {
            assertThat(evaluate(zone, List.of("example.co.uk"), NO_SPF).policy()).contains(DmarcPolicy.REJECT);
        }

        @Test
        void subdomainWithItsOwnRecordShouldGetItsP() {
            DmarcResult result = evaluate(zone, List.of("own.example.co.uk"), NO_SPF);

            assertThat(result.policyDomain()).contains("own.example.co.uk");
            assertThat(result.policy()).contains(DmarcPolicy.NONE);
        }

        @Test
        void subdomainWithoutSpShouldGetP() {
            StaticZone zone = policy("v=DMARC1; p=reject");

            assertThat(evaluate(zone, List.of("news.example.com"), NO_SPF).policy()).contains(DmarcPolicy.REJECT);
        }

        @Test
        void unusableRecordAtFromDomainShouldNotFallBack() {
            // RFC 7489 §6.6.3: the fallback is for an empty set; an unusable record means no DMARC.
            StaticZone zone = StaticZone.builder().txt("_dmarc.news.example.com", "v=DMARC1; p=bogus")
                .txt("_dmarc.example.com", "v=DMARC1; p=reject").build();

            assertThat(evaluate(zone, List.of("news.example.com"), NO_SPF).status()).isEqualTo(DmarcStatus.NONE);
        }

        @Test
        void organizationalDomainTimeoutShouldBeTemperror() {
            StaticZone zone = StaticZone.builder().timeout("_dmarc.example.com").build();

            assertThat(evaluate(zone, List.of("news.example.com"), NO_SPF).status()).isEqualTo(DmarcStatus.TEMPERROR);
        }
    }

    @Nested
    class AlignmentModes {
        @Test
        void strictSpfShouldNeedTheExactDomain() {
            StaticZone zone = policy("v=DMARC1; p=reject; aspf=s");

            assertThat(evaluate(zone, List.of("example.com"), new SpfOutcome(SpfStatus.PASS, "mail.example.com"))
                .status()).isEqualTo(DmarcStatus.FAIL);
            assertThat(evaluate(zone, List.of("example.com"), new SpfOutcome(SpfStatus.PASS, "EXAMPLE.com"))
                .status()).isEqualTo(DmarcStatus.PASS);
        }

        @Test
        void strictDkimShouldNeedTheExactDomain() {
            StaticZone zone = policy("v=DMARC1; p=reject; adkim=s");

            assertThat(evaluate(zone, List.of("example.com"), NO_SPF, dkimPass("mail.example.com")).status())
                .isEqualTo(DmarcStatus.FAIL);
            assertThat(evaluate(zone, List.of("example.com"), NO_SPF, dkimPass("example.com")).status())
                .isEqualTo(DmarcStatus.PASS);
        }

        @Test
        void relaxedShouldAcceptTheSameOrganizationalDomain() {
            StaticZone zone = StaticZone.builder().txt("_dmarc.example.com", "v=DMARC1; p=reject").build();

            assertThat(evaluate(zone, List.of("news.example.com"), NO_SPF, dkimPass("mail.example.com")).status())
                .isEqualTo(DmarcStatus.PASS);
        }
    }

    @Nested
    class Sampling {
        @Test
        void pctZeroShouldLowerEveryFailingMessageOneLevel() {
            StaticZone zone = policy("v=DMARC1; p=reject; pct=0");

            DmarcResult result = evaluate(zone, List.of("example.com"), NO_SPF);

            assertThat(result.status()).isEqualTo(DmarcStatus.FAIL);
            assertThat(result.policy()).contains(DmarcPolicy.REJECT);
            assertThat(result.disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
            assertThat(result.resinfo().toString()).isEqualTo("dmarc=fail (p=reject dis=quarantine) header.from=example.com");
        }

        @Test
        void unsampledQuarantineShouldBecomeNone() {
            assertThat(evaluate(policy("v=DMARC1; p=quarantine; pct=0"), List.of("example.com"), NO_SPF)
                .disposition()).isEqualTo(DmarcPolicy.NONE);
        }

        @Test
        void pctFiftyShouldApplyThePolicyToAboutHalfTheFailures() {
            DmarcVerifier verifier = new DmarcVerifier(policy("v=DMARC1; p=reject; pct=50"));
            Random seeded = new Random(20240101L);

            long rejected = IntStream.range(0, 1000)
                .mapToObj(i -> verifier.evaluate(List.of("example.com"), NO_SPF, List.of(), seeded).disposition())
                .filter(disposition -> disposition == DmarcPolicy.REJECT).count();

            assertThat(rejected).isBetween(450L, 550L);
        }

        @Test
        void passingMailShouldNotBeSampled() {
            DmarcResult result = evaluate(policy("v=DMARC1; p=reject; pct=0"), List.of("example.com"), NO_SPF,
                dkimPass("example.com"));

            assertThat(result.disposition()).isEqualTo(DmarcPolicy.NONE);
        }
    }

    @Nested
    class MultipleFrom {
        private final StaticZone zone = StaticZone.builder()
            .txt("_dmarc.example.com", "v=DMARC1; p=reject")
            .txt("_dmarc.example.org", "v=DMARC1; p=quarantine").build();

        @Test
        void sameDomainTwiceShouldBeEvaluatedOnce() {
            DmarcResult result = evaluate(zone, List.of("example.com", "EXAMPLE.COM"), NO_SPF, dkimPass("example.com"));

            assertThat(result.status()).isEqualTo(DmarcStatus.PASS);
            assertThat(result.reasons()).noneMatch(reason -> reason.startsWith("strictest"));
        }

        @Test
        void differentDomainsShouldGiveTheStrictestOutcome() {
            // example.org passes through DKIM, example.com fails with p=reject: reject wins.
            DmarcResult result = evaluate(zone, List.of("example.org", "example.com"), NO_SPF, dkimPass("example.org"));

            assertThat(result.status()).isEqualTo(DmarcStatus.FAIL);
            assertThat(result.headerFrom()).contains("example.com");
            assertThat(result.disposition()).isEqualTo(DmarcPolicy.REJECT);
            assertThat(result.reasons()).anyMatch(reason -> reason.startsWith("strictest of 2"));
        }

        @Test
        void failOverNoneShouldWinEvenWithoutDisposition() {
            StaticZone zone = StaticZone.builder().txt("_dmarc.example.com", "v=DMARC1; p=none").build();

            DmarcResult result = evaluate(zone, List.of("example.net", "example.com"), NO_SPF);

            assertThat(result.status()).isEqualTo(DmarcStatus.FAIL);
            assertThat(result.headerFrom()).contains("example.com");
        }
    }
}
