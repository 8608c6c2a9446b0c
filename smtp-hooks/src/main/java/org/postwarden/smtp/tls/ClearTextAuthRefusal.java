package org.postwarden.smtp.tls;

import java.util.Collection;
import java.util.Set;

import org.apache.james.protocols.api.Request;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.api.handler.CommandHandler;
import org.apache.james.protocols.smtp.SMTPResponse;
import org.apache.james.protocols.smtp.SMTPSession;

/**
 * Answers AUTH with RFC 4954's {@code 538 5.7.11} at once on a connection that is not encrypted yet where the
 * server requires TLS for AUTH. James 3.8.1 would otherwise answer {@code AUTH LOGIN} and {@code AUTH PLAIN} without
 * an initial response with a 334 prompt, inviting the client to send its password in clear text, and only refuse
 * afterwards ({@link EncryptedAuthHook}).
 *
 * <p>A command handler for AUTH listed before CoreCmdHandlerLoader runs before James' AuthCmdHandler; when it
 * returns nothing, James' handler takes the command:
 * <pre>{@code
 * <handlerchain>
 *     <handler class="org.postwarden.smtp.tls.ClearTextAuthRefusal"/>
 *     ...
 *     <handler class="org.apache.james.smtpserver.CoreCmdHandlerLoader"/>
 * </handlerchain>
 * }</pre>
 */
public class ClearTextAuthRefusal implements CommandHandler<SMTPSession> {
    private static final Response ENCRYPTION_REQUIRED = new SMTPResponse("538",
        "5.7.11 Encryption required for authentication: send STARTTLS first").immutable();

    @Override
    public Response onCommand(SMTPSession session, Request request) {
        return EncryptedAuthHook.encryptionMissing(session) ? ENCRYPTION_REQUIRED : null;
    }

    @Override
    public Collection<String> getImplCommands() {
        return Set.of("AUTH");
    }
}
