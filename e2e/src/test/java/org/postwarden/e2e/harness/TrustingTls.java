package org.postwarden.e2e.harness;

import java.security.GeneralSecurityException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

import org.apache.commons.net.util.TrustManagerUtils;

/** TLS sockets that trust any certificate, for tests only: the server under test presents a self-signed one. */
public final class TrustingTls {
    private TrustingTls() {
    }

    public static SSLSocketFactory sockets() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()}, null);
            return context.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
