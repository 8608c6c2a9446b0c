package org.postwarden.mtasts;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import javax.net.ssl.SSLSocket;

/**
 * GET {@code https://mta-sts.<domain>/.well-known/mta-sts.txt} over one HTTP/1.1 connection (RFC 8461 §3.3): the
 * certificate must be valid for {@code mta-sts.<domain>}, redirects are not followed, the answer must be 200 with
 * media type text/plain and at most 64 KiB. The port is 443 except in tests.
 */
public final class HttpsPolicyFetcher implements PolicyFetcher {
    public static final int HTTPS_PORT = 443;
    public static final String PATH = "/.well-known/mta-sts.txt";

    private final TlsConnector connector;
    private final int port;

    public HttpsPolicyFetcher(TlsConnector connector, int port) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.port = port;
    }

    @Override
    public MtaStsPolicy fetch(String domain) throws MtaStsException {
        String host = "mta-sts." + domain;
        Socket plain = connector.connect(host, port);
        try (SSLSocket socket = connector.secure(plain, host)) {
            OutputStream out = socket.getOutputStream();
            String authority = port == HTTPS_PORT ? host : host + ":" + port;
            out.write(("GET " + PATH + " HTTP/1.1\r\nHost: " + authority + "\r\nAccept: text/plain\r\n"
                + "Connection: close\r\nUser-Agent: Postwarden\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            PolicyResponse response = PolicyResponse.read(new BufferedInputStream(socket.getInputStream()),
                System.nanoTime() + connector.timeout().toNanos());
            return MtaStsPolicy.parse(response.body());
        } catch (IOException e) {
            throw new MtaStsException("fetching https://" + host + PATH + " failed: " + e.getMessage(), e);
        }
    }
}
