package org.postwarden.smtp.authguard;

import java.time.Duration;
import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;
import org.apache.james.user.api.UsersRepository;
import org.postwarden.smtp.tls.EncryptedAuthHook;
import org.postwarden.throttle.auth.AuthAttempt;
import org.postwarden.throttle.auth.AuthGuard;
import org.postwarden.throttle.auth.AuthVerdict;
import org.postwarden.throttle.auth.FailureOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SMTP AUTH with the {@link AuthGuard} against password guessing: a client address, or address and account, with
 * too many recent failures gets {@code 454 4.7.0} before its password is looked at, and failures past the delay
 * threshold are answered late. Bound in place of {@link UsersRepositoryAuthHook} (as {@link EncryptedAuthHook},
 * whose refusal of AUTH in clear text it keeps), so the CoreCmdHandlerLoader of every SMTP server uses it: there
 * is nothing to add to smtpserver.xml. Limits are in conf/auth-guard.properties.
 *
 * <p>James 3.8.1 runs SMTP commands on its worker threads (the {@code eventExecutorGroup} of the pipeline), not
 * on Netty's event loop, so the bounded delay (at most 5 s) holds a worker, never the I/O thread.
 */
public class GuardedAuthHook extends EncryptedAuthHook {
    private static final Logger LOGGER = LoggerFactory.getLogger(GuardedAuthHook.class);
    private static final HookResult TOO_MANY_FAILURES = HookResult.builder()
        .hookReturnCode(HookReturnCode.denySoft())
        .smtpReturnCode("454")
        .smtpDescription("4.7.0 Too many failed authentications, try again later")
        .build();

    private final AuthGuard guard;

    @Inject
    public GuardedAuthHook(UsersRepository users, Authorizator authorizator, AuthGuard guard) {
        super(users, authorizator);
        this.guard = guard;
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        AuthAttempt attempt = new AuthAttempt(session.getRemoteAddress().getAddress().getHostAddress(),
            username.asString(), "smtp");
        AuthVerdict verdict = guard.check(attempt);
        verdict.storeFailure().ifPresent(failure ->
            LOGGER.warn("password guessing defence skipped for {}: {}", attempt.address(), failure));
        if (!verdict.allowed()) {
            LOGGER.info("AUTH refused for {} from {}: too many failures", attempt.account(), attempt.address());
            return TOO_MANY_FAILURES;
        }
        HookResult result = super.doAuth(session, username, password);
        if (result.getResult().getAction() == HookReturnCode.Action.DECLINED) {
            FailureOutcome outcome = guard.failed(attempt);
            outcome.storeFailure().ifPresent(failure ->
                LOGGER.warn("failed AUTH from {} not counted: {}", attempt.address(), failure));
            pause(outcome.delay());
        }
        return result;
    }

    private static void pause(Duration delay) {
        if (delay.isZero()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
