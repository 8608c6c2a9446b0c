package org.postwarden.server.authguard;

import java.io.Closeable;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.util.Map;
import java.util.Optional;

import org.apache.james.imap.api.ImapSessionState;
import org.apache.james.imap.api.display.HumanReadableText;
import org.apache.james.imap.api.message.response.StatusResponse;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.util.MDCBuilder;
import org.postwarden.throttle.auth.AuthAttempt;
import org.postwarden.throttle.auth.AuthGuard;
import org.postwarden.throttle.auth.AuthVerdict;
import org.postwarden.throttle.auth.FailureOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the IMAP login processors share: the client address of a session, the {@link AuthGuard} asked before and
 * told after a password check, and the refusal {@code NO [UNAVAILABLE]} (RFC 5530).
 *
 * <p>James' mailbox authentication is not told the client address, so the guard sits in the processors, which
 * have the session; James 3.8.1 keeps the connection's MDC (with {@code ip}) as a session attribute. No delay is
 * added on IMAP: James 3.8.1 runs IMAP commands on Netty's event loop, which must not sleep; the refusal is the
 * defence, and James itself closes a session after three failed logins.
 */
final class ImapAuthGuard {
    private static final Logger LOGGER = LoggerFactory.getLogger(ImapAuthGuard.class);
    /** The session attribute where ImapChannelUpstreamHandler keeps the connection's MDC in James 3.8.1. */
    private static final String BOUND_MDC = "bound_MDC";
    static final StatusResponse.ResponseCode UNAVAILABLE = unavailable();
    static final HumanReadableText TOO_MANY_FAILURES = new HumanReadableText(
        "org.postwarden.imap.auth.too_many_failures", "Too many failed authentications, try again later");

    private final AuthGuard guard;

    ImapAuthGuard(AuthGuard guard) {
        this.guard = guard;
    }

    /** The attempt of {@code account} on this session; empty when the client address is unknown (no guard then). */
    Optional<AuthAttempt> attempt(ImapSession session, String account) {
        return clientAddress(session).map(address -> new AuthAttempt(address, account, "imap"));
    }

    /** Whether to answer NO [UNAVAILABLE] without checking the password. */
    boolean refuses(AuthAttempt attempt) {
        AuthVerdict verdict = guard.check(attempt);
        verdict.storeFailure().ifPresent(failure ->
            LOGGER.warn("password guessing defence skipped for {}: {}", attempt.address(), failure));
        if (!verdict.allowed()) {
            LOGGER.info("IMAP login refused for {} from {}: too many failures", attempt.account(), attempt.address());
        }
        return !verdict.allowed();
    }

    /** After James checked the password: counts a failure when the session is still not authenticated. */
    void checked(AuthAttempt attempt, ImapSession session) {
        // A session James closes after its third failure is in LOGOUT state: that failure counts too.
        ImapSessionState state = session.getState();
        if (state == ImapSessionState.NON_AUTHENTICATED || state == ImapSessionState.LOGOUT) {
            FailureOutcome outcome = guard.failed(attempt);
            outcome.storeFailure().ifPresent(failure ->
                LOGGER.warn("failed IMAP login from {} not counted: {}", attempt.address(), failure));
        }
    }

    /** The {@code ip} of the connection's MDC, without leaving it (or removing anything) on this thread's MDC. */
    private static Optional<String> clientAddress(ImapSession session) {
        if (!(session.getAttribute(BOUND_MDC) instanceof MDCBuilder bound)) {
            return Optional.empty();
        }
        Map<String, String> saved = MDC.getCopyOfContextMap();
        try (Closeable applied = bound.build()) {
            return Optional.ofNullable(MDC.get(MDCBuilder.IP));
        } catch (IOException e) {
            return Optional.empty();
        } finally {
            if (saved == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(saved);
            }
        }
    }

    /**
     * RFC 5530's UNAVAILABLE. James 3.8.1 has no constant for it, its constructor is private and its
     * {@code createExtension} would write {@code XUNAVAILABLE}, which clients do not recognise.
     */
    private static StatusResponse.ResponseCode unavailable() {
        try {
            Constructor<StatusResponse.ResponseCode> constructor =
                StatusResponse.ResponseCode.class.getDeclaredConstructor(String.class);
            constructor.setAccessible(true);
            return constructor.newInstance("UNAVAILABLE");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOGGER.warn("RFC 5530 UNAVAILABLE response code not available in this James version: {}", e.toString());
            return StatusResponse.ResponseCode.createExtension("UNAVAILABLE");
        }
    }
}
