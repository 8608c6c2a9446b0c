package org.postwarden.smtp;

import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.ProtocolSession;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * An {@link SMTPSession} for hook tests: a client address, an optional user, relaying, TLS, attachments per state
 * and a configuration; any other method throws, so a hook that starts using more of the session shows in its test.
 */
public final class FakeSmtpSession {
    private InetSocketAddress remote = new InetSocketAddress("192.0.2.7", 40000);
    private Username username;
    private boolean relayingAllowed;
    private boolean tlsStarted;
    private SMTPConfiguration configuration;
    private final Map<ProtocolSession.State, Map<ProtocolSession.AttachmentKey<?>, Object>> attachments =
        new EnumMap<>(ProtocolSession.State.class);

    public static FakeSmtpSession from(String ip) {
        FakeSmtpSession fake = new FakeSmtpSession();
        fake.remote = new InetSocketAddress(ip, 40000);
        return fake;
    }

    public FakeSmtpSession authenticatedAs(String user) {
        this.username = Username.of(user);
        this.relayingAllowed = true;
        return this;
    }

    public FakeSmtpSession relaying(boolean allowed) {
        this.relayingAllowed = allowed;
        return this;
    }

    public FakeSmtpSession tls(boolean started) {
        this.tlsStarted = started;
        return this;
    }

    public FakeSmtpSession configuration(SMTPConfiguration configuration) {
        this.configuration = configuration;
        return this;
    }

    public FakeSmtpSession helo(String helo) {
        state(ProtocolSession.State.Connection).put(SMTPSession.CURRENT_HELO_NAME, helo);
        return this;
    }

    public <T> Optional<T> attachment(ProtocolSession.AttachmentKey<T> key, ProtocolSession.State state) {
        return key.convert(state(state).get(key));
    }

    /** Ends the transaction, as RSET or the end of DATA does. */
    public void resetTransaction() {
        state(ProtocolSession.State.Transaction).clear();
    }

    private Map<ProtocolSession.AttachmentKey<?>, Object> state(ProtocolSession.State state) {
        return attachments.computeIfAbsent(state, any -> new HashMap<>());
    }

    public SMTPSession session() {
        return (SMTPSession) Proxy.newProxyInstance(SMTPSession.class.getClassLoader(), new Class<?>[] {SMTPSession.class},
            (proxy, method, arguments) -> switch (method.getName()) {
                case "getRemoteAddress" -> remote;
                case "getUsername" -> username;
                case "isRelayingAllowed" -> relayingAllowed;
                case "isTLSStarted" -> tlsStarted;
                case "getConfiguration" -> configuration;
                case "getSessionID" -> "fake-session";
                case "getAttachment" -> attachment((ProtocolSession.AttachmentKey<?>) arguments[0],
                    (ProtocolSession.State) arguments[1]);
                case "setAttachment" -> Optional.ofNullable(state((ProtocolSession.State) arguments[2])
                    .put((ProtocolSession.AttachmentKey<?>) arguments[0], arguments[1]));
                case "removeAttachment" -> Optional.ofNullable(state((ProtocolSession.State) arguments[1])
                    .remove(arguments[0]));
                case "toString" -> "FakeSmtpSession " + remote;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == arguments[0];
                default -> throw new UnsupportedOperationException("FakeSmtpSession does not fake " + method.getName());
            });
    }
}
