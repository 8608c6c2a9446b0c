package org.postwarden.smtp.tls;

import javax.inject.Inject;

import org.apache.james.core.Username;
import org.apache.james.mailbox.Authorizator;
import org.apache.james.protocols.api.OidcSASLConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.apache.james.protocols.smtp.hook.HookReturnCode;
import org.apache.james.smtpserver.UsersRepositoryAuthHook;
import org.apache.james.user.api.UsersRepository;

/**
 * James' user-repository AUTH, refused before STARTTLS on servers configured with {@code <requireSSL>true}: James
 * 3.8.1 then stops advertising AUTH in EHLO but still accepts an AUTH command sent in clear text, password included.
 * The refusal is RFC 4954's 538 5.7.11. Bound in place of {@link UsersRepositoryAuthHook}, so the
 * CoreCmdHandlerLoader of every SMTP server uses it.
 */
public class EncryptedAuthHook extends UsersRepositoryAuthHook {
    private static final HookResult ENCRYPTION_REQUIRED = HookResult.builder()
        .hookReturnCode(HookReturnCode.deny())
        .smtpReturnCode("538")
        .smtpDescription("5.7.11 Encryption required for authentication: send STARTTLS first")
        .build();

    @Inject
    public EncryptedAuthHook(UsersRepository users, Authorizator authorizator) {
        super(users, authorizator);
    }

    @Override
    public HookResult doAuth(SMTPSession session, Username username, String password) {
        return encryptionMissing(session) ? ENCRYPTION_REQUIRED : super.doAuth(session, username, password);
    }

    @Override
    public HookResult doSasl(SMTPSession session, OidcSASLConfiguration configuration, String initialResponse) {
        return encryptionMissing(session) ? ENCRYPTION_REQUIRED : super.doSasl(session, configuration, initialResponse);
    }

    /** AUTH would be announced once TLS is started but is not now: that is what requireSSL means to James. */
    static boolean encryptionMissing(SMTPSession session) {
        String remoteIp = session.getRemoteAddress().getAddress().getHostAddress();
        return !session.isTLSStarted()
            && session.getConfiguration().isAuthAnnounced(remoteIp, true)
            && !session.getConfiguration().isAuthAnnounced(remoteIp, false);
    }
}
