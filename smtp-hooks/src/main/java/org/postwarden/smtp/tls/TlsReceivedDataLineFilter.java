package org.postwarden.smtp.tls;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLSession;

import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.core.ReceivedDataLineFilter;

/**
 * James' Received header, plus what the big providers and RFC 8314 §4.3 ask for when the message came over TLS: the
 * protocol and cipher as a comment after the {@code from} clause, Postfix style
 * ({@code (using TLSv1.3 with cipher TLS_AES_256_GCM_SHA384)}), and the RFC 3848 {@code ESMTPS}/{@code ESMTPSA}
 * transmission types, where James 3.8.1 writes ESMTP/ESMTPA whatever the transport. Bound in place of
 * {@link ReceivedDataLineFilter}, so the CoreCmdHandlerLoader of every SMTP server uses it.
 */
public class TlsReceivedDataLineFilter extends ReceivedDataLineFilter {

    @Override
    protected String getServiceType(SMTPSession session, String heloMode) {
        String type = super.getServiceType(session, heloMode);
        if (session.isTLSStarted() && type.startsWith("ESMTP")) {
            return "ESMTPS" + type.substring("ESMTP".length());
        }
        return type;
    }

    @Override
    protected Collection<Header> headers(SMTPSession session) {
        Collection<Header> headers = super.headers(session);
        Optional<String> tls = tlsComment(session);
        if (tls.isEmpty()) {
            return headers;
        }
        return headers.stream().map(header -> withTls(header, tls.get())).toList();
    }

    private static Optional<String> tlsComment(SMTPSession session) {
        if (!session.isTLSStarted()) {
            return Optional.empty();
        }
        return session.getSSLSession()
            .map(TlsReceivedDataLineFilter::describe);
    }

    private static String describe(SSLSession ssl) {
        return "(using " + ssl.getProtocol() + " with cipher " + ssl.getCipherSuite() + ")";
    }

    /** The comment goes on a line of its own right after the first ("from …") line. */
    private static Header withTls(Header header, String tls) {
        if (!header.name.equals("Received") || header.values.isEmpty()) {
            return header;
        }
        List<String> values = header.values;
        Header rewritten = new Header(header.name, values.get(0)).add(tls);
        values.subList(1, values.size()).forEach(rewritten::add);
        return rewritten;
    }
}
