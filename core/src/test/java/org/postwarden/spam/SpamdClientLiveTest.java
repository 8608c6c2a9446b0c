package org.postwarden.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalDouble;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against a real spamd (skipped when the Debian package {@code spamd} is not installed). */
class SpamdClientLiveTest {
    private static final String HAM = "From: Alice <alice@example.org>\r\n"
        + "To: Bob <bob@example.net>\r\n"
        + "Subject: lunch tomorrow\r\n"
        + "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n"
        + "Message-ID: <lunch-1@example.org>\r\n"
        + "\r\n"
        + "Hi Bob, shall we meet at noon at the usual place?\r\n";
    private static final String GTUBE_MAIL = HAM.replace("Hi Bob, shall we meet at noon at the usual place?", SpamdProcess.GTUBE);

    private static SpamdProcess spamd;

    @BeforeAll
    static void startSpamd() throws Exception {
        Assumptions.assumeTrue(SpamdProcess.isInstalled(), "spamd is not installed (Debian package spamd)");
        spamd = SpamdProcess.start();
    }

    @AfterAll
    static void stopSpamd() throws Exception {
        if (spamd != null) {
            spamd.close();
        }
    }

    private static SpamdClient client() {
        return new SpamdClient("127.0.0.1", spamd.port(), Duration.ofSeconds(30));
    }

    @Test
    void gtubeShouldBeSpamWithItsReport() throws Exception {
        SpamVerdict verdict = client().check(GTUBE_MAIL.getBytes(StandardCharsets.US_ASCII));

        assertThat(verdict.spam()).isTrue();
        assertThat(verdict.score()).isGreaterThanOrEqualTo(1000.0);
        assertThat(verdict.threshold()).isEqualTo(5.0);
        assertThat(verdict.report()).contains("GTUBE");
    }

    @Test
    void gtubeSymbolsShouldNameTheRule() throws Exception {
        SpamVerdict verdict = client().check(GTUBE_MAIL.getBytes(StandardCharsets.US_ASCII), SpamdClient.Command.SYMBOLS);

        assertThat(verdict.spam()).isTrue();
        assertThat(verdict.report().split(",")).contains("GTUBE");
    }

    @Test
    void anOrdinaryMailShouldBeHam() throws Exception {
        SpamVerdict verdict = client().check(HAM.getBytes(StandardCharsets.US_ASCII));

        assertThat(verdict.spam()).isFalse();
        assertThat(verdict.score()).isLessThan(5.0);
    }

    @Test
    void ourThresholdShouldOverrideSpamds() throws Exception {
        SpamdClient strict = new SpamdClient("127.0.0.1", spamd.port(), Duration.ofSeconds(30), OptionalDouble.of(-100));

        SpamVerdict verdict = strict.check(HAM.getBytes(StandardCharsets.US_ASCII));

        assertThat(verdict.spam()).isTrue();
        assertThat(verdict.threshold()).isEqualTo(-100.0);
    }
}
