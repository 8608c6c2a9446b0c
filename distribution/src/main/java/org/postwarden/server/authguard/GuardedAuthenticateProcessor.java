package org.postwarden.server.authguard;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import javax.inject.Inject;

import org.apache.james.imap.api.message.request.ImapRequest;
import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.processor.AuthenticateProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.postwarden.throttle.auth.AuthAttempt;
import org.postwarden.throttle.auth.AuthGuard;

/**
 * IMAP AUTHENTICATE PLAIN with the {@link AuthGuard} against password guessing (see {@link ImapAuthGuard}), so that
 * guessers cannot go round the guard of LOGIN. Bound in place of James' {@link AuthenticateProcessor}.
 */
public class GuardedAuthenticateProcessor extends AuthenticateProcessor {
    private final ImapAuthGuard guard;

    @Inject
    public GuardedAuthenticateProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                        MetricFactory metricFactory, AuthGuard guard) {
        super(mailboxManager, factory, metricFactory);
        this.guard = new ImapAuthGuard(guard);
    }

    /** Called with the client's response, sent with the command or after the continuation. */
    @Override
    protected void doPlainAuth(String initialClientResponse, ImapSession session, ImapRequest request,
                               Responder responder) {
        Optional<AuthAttempt> attempt = authenticationIdentity(initialClientResponse)
            .flatMap(account -> guard.attempt(session, account));
        if (attempt.isPresent() && guard.refuses(attempt.get())) {
            no(request, responder, ImapAuthGuard.TOO_MANY_FAILURES, ImapAuthGuard.UNAVAILABLE);
            return;
        }
        super.doPlainAuth(initialClientResponse, session, request, responder);
        attempt.ifPresent(tried -> guard.checked(tried, session));
    }

    /** RFC 4616: {@code [authzid] NUL authcid NUL passwd}; James rejects anything else itself. */
    private static Optional<String> authenticationIdentity(String response) {
        try {
            String[] parts = new String(Base64.getDecoder().decode(response.trim()), StandardCharsets.UTF_8)
                .split("\0", -1);
            return parts.length == 3 && !parts[1].isEmpty() ? Optional.of(parts[1]) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
