package org.postwarden.spam;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postwarden.common.BadInput;
import org.postwarden.testing.Fuzz;

/** Whatever a spamd (or something else on its port) answers, the client gives a verdict or SpamdUnavailableException. */
class SpamdResponsePropertiesTest {
    private static final byte[] MESSAGE = "Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final AtomicReference<byte[]> ANSWER = new AtomicReference<>();
    private static ServerSocket server;
    private static Thread acceptor;

    @BeforeAll
    static void startFakeSpamd() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(SpamdResponsePropertiesTest::answerEachConnection, "fake-spamd");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterAll
    static void stopFakeSpamd() throws IOException {
        server.close();
    }

    @Test
    void anyAnswerShouldGiveAVerdictOrSpamdUnavailable() {
        Fuzz.forAll("any spamd answer gives a verdict or SpamdUnavailableException", 1000, BadInput.nearBytes(
            "SPAMD/1.1 0 EX_OK\r\nContent-length: 11\r\nSpam: True ; 15.3 / 5.0\r\n\r\nreport body",
            "SPAMD/1.5 0 EX_OK\r\nSpam: False ; -1.2 / 5.0\r\n\r\nBAYES_00,HTML_MESSAGE",
            "SPAMD/1.0 76 Bad header line: (EX_PROTOCOL)\r\n\r\n"), answer -> {
                ANSWER.set(answer);
                SpamdClient client = new SpamdClient("127.0.0.1", server.getLocalPort(), Duration.ofSeconds(5));
                try {
                    SpamVerdict verdict = client.check(MESSAGE);
                    assertThat(verdict.report()).isNotNull();
                } catch (SpamdUnavailableException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            });
    }

    private static void answerEachConnection() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                InputStream in = socket.getInputStream();
                in.readAllBytes();
                socket.getOutputStream().write(ANSWER.get());
            } catch (IOException e) {
                // The client hung up early or the server closed: the next connection gets the next answer.
            }
        }
    }
}
