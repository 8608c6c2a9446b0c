package org.postwarden.dmarc.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.DkimSigner;
import org.postwarden.dkim.SignedHeaders;
import org.postwarden.dmarc.Alignment;
import org.postwarden.dmarc.DmarcPolicy;
import org.postwarden.dmarc.report.DmarcEvaluation.DkimAuth;
import org.postwarden.dmarc.report.DmarcEvaluation.PolicyOverride;
import org.postwarden.dmarc.report.DmarcEvaluation.PublishedPolicy;
import org.postwarden.dmarc.report.DmarcEvaluation.ReportUri;
import org.postwarden.dmarc.report.DmarcEvaluation.SpfAuth;
import org.postwarden.dns.StaticZone;
import org.postwarden.inbound.InboundAuthenticator;
import org.postwarden.inbound.InboundPolicy;

class DmarcEvaluationsTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final DkimPrivateKey KEY = DkimKeys.generateEd25519();

    private static Optional<DmarcEvaluation> evaluate(String dmarcRecord, Map<String, String> policy, boolean signed, String ip)
        throws Exception {
        StaticZone zone = StaticZone.builder()
            .txt("example.com", "v=spf1 ip4:192.0.2.10 -all")
            .txt("_dmarc.example.com", dmarcRecord)
            .txt("sel._domainkey.example.com", KEY.publicKey().dnsRecord())
            .build();
        InboundAuthenticator authenticator = new InboundAuthenticator(zone, Clock.fixed(NOW, ZoneOffset.UTC),
            InboundPolicy.from(policy, "mx.test"), Duration.ofSeconds(20), new Random(1));
        byte[] message = ("From: <alice@example.com>\r\nTo: <bob@mx.test>\r\nSubject: hi\r\n"
            + "Message-ID: <1@example.com>\r\n\r\nHello\r\n").getBytes(StandardCharsets.US_ASCII);
        if (signed) {
            String signature = DkimSigner.withKey(KEY).domain("example.com").selector("sel")
                .headers(SignedHeaders.recommended()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().sign(message);
            message = (signature + "\r\n" + new String(message, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
        }
        return DmarcEvaluations.of(authenticator.authenticate(message, InetAddress.getByName(ip), "mail.example.com",
            "alice@example.com"), NOW);
    }

    @Test
    void aPassShouldRecordThePublishedPolicyTheResultsAndTheDestinations() throws Exception {
        DmarcEvaluation evaluation = evaluate("v=DMARC1; p=reject; adkim=s; pct=100; fo=1:d; rua=mailto:agg@example.com!10m",
            Map.of(), true, "192.0.2.10").orElseThrow();

        assertThat(evaluation.sourceIp()).isEqualTo("192.0.2.10");
        assertThat(evaluation.headerFrom()).isEqualTo("example.com");
        assertThat(evaluation.envelopeFrom()).isEqualTo("example.com");
        assertThat(evaluation.policy()).isEqualTo(new PublishedPolicy("example.com", Alignment.Mode.STRICT,
            Alignment.Mode.RELAXED, DmarcPolicy.REJECT, DmarcPolicy.REJECT, 100, "1:d"));
        assertThat(evaluation.reportTo()).containsExactly(new ReportUri("mailto:agg@example.com", 10L << 20));
        assertThat(evaluation.evaluated().disposition()).isEqualTo(DmarcPolicy.NONE);
        assertThat(evaluation.evaluated().dkimAligned()).isTrue();
        assertThat(evaluation.evaluated().spfAligned()).isTrue();
        assertThat(evaluation.dkim()).containsExactly(new DkimAuth("example.com", "sel", "pass"));
        assertThat(evaluation.spf()).isEqualTo(new SpfAuth("example.com", "mfrom", "pass"));
    }

    @Test
    void aRejectedSpoofShouldBeRecordedWithTheRejectDisposition() throws Exception {
        DmarcEvaluation evaluation = evaluate("v=DMARC1; p=reject; rua=mailto:agg@example.com", Map.of(), false,
            "203.0.113.9").orElseThrow();

        assertThat(evaluation.evaluated().disposition()).isEqualTo(DmarcPolicy.REJECT);
        assertThat(evaluation.evaluated().dkimAligned()).isFalse();
        assertThat(evaluation.evaluated().spfAligned()).isFalse();
        assertThat(evaluation.dkim()).isEmpty();
        assertThat(evaluation.spf().result()).isEqualTo("fail");
    }

    @Test
    void aLocalPolicyThatOnlyTagsShouldBeReportedAsLocalPolicyOverride() throws Exception {
        DmarcEvaluation evaluation = evaluate("v=DMARC1; p=reject; rua=mailto:agg@example.com", Map.of("dmarc.reject", "tag"),
            false, "203.0.113.9").orElseThrow();

        assertThat(evaluation.evaluated().disposition()).isEqualTo(DmarcPolicy.NONE);
        assertThat(evaluation.evaluated().reasons()).containsExactly(PolicyOverride.LOCAL_POLICY);
    }

    @Test
    void aFailureLeftOutOfThePctSampleShouldBeReportedAsSampledOut() throws Exception {
        DmarcEvaluation evaluation = evaluate("v=DMARC1; p=reject; pct=0; rua=mailto:agg@example.com", Map.of(), false,
            "203.0.113.9").orElseThrow();

        assertThat(evaluation.evaluated().disposition()).isEqualTo(DmarcPolicy.QUARANTINE);
        assertThat(evaluation.evaluated().reasons()).containsExactly(PolicyOverride.SAMPLED_OUT);
    }

    @Test
    void aDomainWithoutRuaShouldNotBeRecorded() throws Exception {
        assertThat(evaluate("v=DMARC1; p=reject", Map.of(), true, "192.0.2.10")).isEmpty();
    }
}
