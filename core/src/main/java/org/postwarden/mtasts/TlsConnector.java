package org.postwarden.mtasts;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * Connections for MTA-STS: host names resolve through our {@link DnsResolver} (not the JVM's), and TLS checks the
 * peer's certificate chain against the configured trust store (PKIX) and its names against the host name we asked
 * for (RFC 6125), which is also sent as SNI. Connecting to the resolved address under the host name is what lets
 * tests serve {@code mta-sts.remote.example} on 127.0.0.1.
 */
public final class TlsConnector {
    private final DnsResolver resolver;
    private final SSLContext trust;
    private final Duration timeout;

    public TlsConnector(DnsResolver resolver, SSLContext trust, Duration timeout) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.trust = Objects.requireNonNull(trust, "trust");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public Duration timeout() {
        return timeout;
    }

    /** A plain TCP connection to the first address of {@code host} that answers. */
    public Socket connect(String host, int port) throws MtaStsException {
        List<InetAddress> addresses = addresses(host);
        if (addresses.isEmpty()) {
            throw new MtaStsException(host + " has no address");
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) timeout.toMillis());
                socket.setSoTimeout((int) timeout.toMillis());
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                last = e;
            }
        }
        throw new MtaStsException("cannot connect to " + host + ":" + port + ": " + last.getMessage(), last);
    }

    /** TLS over an established connection (directly for HTTPS, after STARTTLS for SMTP), verified for {@code host}. */
    public SSLSocket secure(Socket plain, String host) throws MtaStsException {
        try {
            SSLSocket socket = (SSLSocket) trust.getSocketFactory().createSocket(plain, host, plain.getPort(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            return socket;
        } catch (IOException | IllegalArgumentException e) {
            closeQuietly(plain);
            throw new MtaStsException("TLS with " + host + " failed: " + e.getMessage(), e);
        }
    }

    private List<InetAddress> addresses(String host) throws MtaStsException {
        List<InetAddress> addresses = new ArrayList<>();
        for (RecordType type : List.of(RecordType.A, RecordType.AAAA)) {
            DnsAnswer answer = resolver.lookup(host, type);
            if (answer.status() == DnsAnswer.Status.TEMPFAIL && addresses.isEmpty() && type == RecordType.AAAA) {
                throw new MtaStsException("DNS failure resolving " + host + ": " + answer.reason());
            }
            addresses.addAll(answer.addresses());
        }
        return addresses;
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already failed; the first error is the one reported.
        }
    }
}
