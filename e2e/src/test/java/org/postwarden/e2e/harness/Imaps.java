package org.postwarden.e2e.harness;

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
}
