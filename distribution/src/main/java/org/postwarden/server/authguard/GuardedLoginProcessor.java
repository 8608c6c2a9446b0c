package org.postwarden.server.authguard;

import java.util.Optional;
import javax.inject.Inject;

import org.apache.james.imap.api.message.response.StatusResponseFactory;
import org.apache.james.imap.api.process.ImapSession;
import org.apache.james.imap.message.request.LoginRequest;
import org.apache.james.imap.processor.LoginProcessor;
import org.apache.james.mailbox.MailboxManager;
import org.apache.james.metrics.api.MetricFactory;
import org.postwarden.throttle.auth.AuthAttempt;
import org.postwarden.throttle.auth.AuthGuard;

/**
 * IMAP LOGIN with the {@link AuthGuard} against password guessing (see {@link ImapAuthGuard}). Bound in place of
 * James' {@link LoginProcessor}: James 3.8.1 instantiates the processors of its ImapPackage through Guice, so every
 * IMAP server uses this one without a change to imapserver.xml.
 */
public class GuardedLoginProcessor extends LoginProcessor {
    private final ImapAuthGuard guard;

    @Inject
    public GuardedLoginProcessor(MailboxManager mailboxManager, StatusResponseFactory factory,
                                 MetricFactory metricFactory, AuthGuard guard) {
        super(mailboxManager, factory, metricFactory);
        this.guard = new ImapAuthGuard(guard);
    }

    @Override
    protected void processRequest(LoginRequest request, ImapSession session, Responder responder) {
        Optional<AuthAttempt> attempt = guard.attempt(session, request.getUserid().asString());
        if (attempt.isPresent() && guard.refuses(attempt.get())) {
            no(request, responder, ImapAuthGuard.TOO_MANY_FAILURES, ImapAuthGuard.UNAVAILABLE);
            return;
        }
        super.processRequest(request, session, responder);
        attempt.ifPresent(tried -> guard.checked(tried, session));
    }
}
