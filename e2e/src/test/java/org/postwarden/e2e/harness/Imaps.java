package org.postwarden.e2e.harness;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.apache.commons.net.imap.IMAPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.james.utils.TestIMAPClient;

/**
 * James' IMAP test client over implicit TLS, trusting any certificate (the server under test presents a self-signed
 * one): the server refuses LOGIN in clear text. Connect it to {@code ports().imaps()}.
 */
public final class Imaps {
    private Imaps() {
    }

    public static TestIMAPClient client() {
        IMAPSClient imaps = new IMAPSClient(true);
        imaps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        return new TestIMAPClient(imaps);
    }

    /** Every message of {@code user}'s INBOX, once one with {@code subject} has arrived (20 s at most). */
    public static String awaitInbox(int port, String user, String password, String subject) {
        return await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
            .until(() -> inbox(port, user, password), all -> all.contains("Subject: " + subject + "\r\n"));
    }

    /** Every message of {@code user}'s INBOX as IMAP FETCH responses, over IMAPS on {@code port}. */
    public static String inbox(int port, String user, String password) throws Exception {
        try (TestIMAPClient imap = client()) {
            imap.connect("127.0.0.1", port).login(user, password).select(TestIMAPClient.INBOX);
            StringBuilder all = new StringBuilder();
            long count = imap.getMessageCount(TestIMAPClient.INBOX);
            for (long i = 1; i <= count; i++) {
                all.append(imap.sendCommand("FETCH " + i + " (BODY.PEEK[])"));
            }
            return all.toString();
        }
    }
}
