package org.postwarden.spam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SPAMC/1.5 exchange against a scripted fake spamd: one connection, a canned answer. */
class SpamdClientTest {
    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);

    private ServerSocket server;
    private CompletableFuture<String> request;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    /** Answers the next connection with {@code answer} after reading the whole request (up to EOF). */
    private void answer(String answer) {
        request = CompletableFuture.supplyAsync(() -> {
            try (Socket socket = server.accept()) {
                String received = new String(readAll(socket.getInputStream()), StandardCharsets.ISO_8859_1);
                socket.getOutputStream().write(answer.getBytes(StandardCharsets.UTF_8));
                return received;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        in.transferTo(out);
        return out.toByteArray();
    }

    private SpamdClient client() {
        return new SpamdClient("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5));
    }

    private static String ok(String spamHeader, String body) {
        return "SPAMD/1.1 0 EX_OK\r\nContent-length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n"
            + "Spam: " + spamHeader + "\r\n\r\n" + body;
    }

    @Test
    void checkShouldSendAReportRequestWithContentLength() throws Exception {
        answer(ok("False ; 0.1 / 5.0", ""));

        client().check(MESSAGE);

        assertThat(request.get(5, TimeUnit.SECONDS))
            .isEqualTo("REPORT SPAMC/1.5\r\nContent-length: " + MESSAGE.length + "\r\n\r\n" + new String(MESSAGE, StandardCharsets.US_ASCII));
    }

    @Test
    void symbolsShouldSendTheSymbolsCommand() throws Exception {
        answer(ok("True ; 1000.0 / 5.0", "GTUBE,MISSING_DATE"));

        SpamVerdict verdict = client().check(MESSAGE, SpamdClient.Command.SYMBOLS);

        assertThat(request.get(5, TimeUnit.SECONDS)).startsWith("SYMBOLS SPAMC/1.5\r\n");
        assertThat(verdict).isEqualTo(new SpamVerdict(true, 1000.0, 5.0, "GTUBE,MISSING_DATE"));
    }

    @Test
    void aSpamAnswerShouldGiveScoreThresholdAndReport() throws Exception {
        answer(ok("True ; 1003.7 / 5.0", "Content analysis details:   (1003.7 points, 5.0 required)\n 1000 GTUBE\n"));

        SpamVerdict verdict = client().check(MESSAGE);

        assertThat(verdict.spam()).isTrue();
        assertThat(verdict.score()).isEqualTo(1003.7);
        assertThat(verdict.threshold()).isEqualTo(5.0);
        assertThat(verdict.report()).contains("1000 GTUBE");
    }

    @Test
    void aHamAnswerWithANegativeScoreShouldBeHam() throws Exception {
        answer(ok("False ; -2.5 / 5.0", "report"));

        SpamVerdict verdict = client().check(MESSAGE);

        assertThat(verdict.spam()).isFalse();
        assertThat(verdict.score()).isEqualTo(-2.5);
    }

    @Test
    void ourThresholdShouldOverrideSpamdsBothWays() throws Exception {
        answer(ok("False ; 4.0 / 5.0", ""));
        SpamVerdict stricter = new SpamdClient("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5), OptionalDouble.of(4.0)).check(MESSAGE);
        answer(ok("True ; 6.0 / 5.0", ""));
        SpamVerdict laxer = new SpamdClient("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5), OptionalDouble.of(8.0)).check(MESSAGE);

        assertThat(stricter).isEqualTo(new SpamVerdict(true, 4.0, 4.0, ""));
        assertThat(laxer).isEqualTo(new SpamVerdict(false, 6.0, 8.0, ""));
    }

    @Test
    void anAnswerWithoutContentLengthShouldReadTheBodyToTheEnd() throws Exception {
        answer("SPAMD/1.1 0 EX_OK\r\nSpam: Yes ; 7 / 5\r\n\r\nBODY");

        assertThat(client().check(MESSAGE)).isEqualTo(new SpamVerdict(true, 7.0, 5.0, "BODY"));
    }

    @Test
    void anErrorCodeShouldBeUnavailable() {
        answer("SPAMD/1.0 76 Bad header line: Content-length: x\r\n");

        assertThatThrownBy(() -> client().check(MESSAGE))
            .isInstanceOf(SpamdUnavailableException.class)
            .hasMessageContaining("76 Bad header line");
    }

    @Test
    void anAnswerWithoutSpamHeaderShouldBeUnavailable() {
        answer("SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\n\r\n");

        assertThatThrownBy(() -> client().check(MESSAGE))
            .isInstanceOf(SpamdUnavailableException.class)
            .hasMessageContaining("without a Spam header");
    }

    @Test
    void somethingElseThanSpamdShouldBeUnavailable() {
        answer("HTTP/1.1 400 Bad Request\r\n\r\n");

        assertThatThrownBy(() -> client().check(MESSAGE))
            .isInstanceOf(SpamdUnavailableException.class)
            .hasMessageContaining("not a spamd answer");
    }

    @Test
    void aBodyCutShortShouldBeUnavailable() {
        answer("SPAMD/1.1 0 EX_OK\r\nContent-length: 100\r\nSpam: True ; 9 / 5\r\n\r\nshort");

        assertThatThrownBy(() -> client().check(MESSAGE))
            .isInstanceOf(SpamdUnavailableException.class)
            .hasMessageContaining("cut short");
    }

    @Test
    void aSpamdThatIsDownShouldBeUnavailable() throws Exception {
        int port = server.getLocalPort();
        server.close();

        assertThatThrownBy(() -> new SpamdClient("127.0.0.1", port, Duration.ofSeconds(5)).check(MESSAGE))
            .isInstanceOf(SpamdUnavailableException.class)
            .hasMessageContaining("did not answer");
    }

    @Test
    void aSpamdThatDoesNotAnswerShouldTimeOut() {
        CompletableFuture.runAsync(() -> {
            try (Socket silent = server.accept()) {
                Thread.sleep(3_000);
            } catch (IOException | InterruptedException ignored) {
                // the test is over
            }
        });
        Instant start = Instant.now();

        assertThatThrownBy(() -> new SpamdClient("127.0.0.1", server.getLocalPort(), Duration.ofMillis(300)).check(MESSAGE))
            .isInstanceOf(SpamdUnavailableException.class)
            .hasMessageContaining("timed out");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(2));
    }
}
