package org.postwarden.smtp.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;

import org.apache.james.core.Username;
import org.apache.james.protocols.api.BaseRequest;
import org.apache.james.protocols.api.Response;
import org.apache.james.protocols.smtp.SMTPConfiguration;
import org.apache.james.protocols.smtp.SMTPSession;
import org.apache.james.protocols.smtp.hook.HookResult;
import org.junit.jupiter.api.Test;
import org.postwarden.smtp.FakeSmtpSession;

/** {@link ClearTextAuthRefusal} and {@link EncryptedAuthHook}: AUTH before STARTTLS where TLS is required. */
class ClearTextAuthTest {
    /** James' answer for {@code <auth><announce>}: with requireSSL, AUTH is announced only once TLS is on. */
    private static SMTPConfiguration authAnnounced(boolean onlyWithTls) {
        return (SMTPConfiguration) Proxy.newProxyInstance(SMTPConfiguration.class.getClassLoader(),
            new Class<?>[] {SMTPConfiguration.class}, (proxy, method, arguments) -> {
                if (method.getName().equals("isAuthAnnounced")) {
                    boolean tlsStarted = (Boolean) arguments[1];
                    return tlsStarted || !onlyWithTls;
                }
                throw new UnsupportedOperationException(method.getName());
            });
    }

    private static SMTPSession session(boolean requireSsl, boolean tlsStarted) {
        return FakeSmtpSession.from("192.0.2.10").configuration(authAnnounced(requireSsl)).tls(tlsStarted).session();
    }

    @Test
    void authInClearTextShouldBeRefusedAtOnceWhereTlsIsRequired() {
        Response response = new ClearTextAuthRefusal().onCommand(session(true, false), new BaseRequest("AUTH", "LOGIN"));

        assertThat(response.getRetCode()).isEqualTo("538");
        assertThat(response.getLines()).hasSize(1);
        assertThat(response.getLines().get(0).toString())
            .isEqualTo("538 5.7.11 Encryption required for authentication: send STARTTLS first");
    }

    @Test
    void authShouldBeLeftToJamesOnceTlsIsStartedOrWhereItIsNotRequired() {
        ClearTextAuthRefusal refusal = new ClearTextAuthRefusal();

        assertThat(refusal.onCommand(session(true, true), new BaseRequest("AUTH", "PLAIN"))).isNull();
        assertThat(refusal.onCommand(session(false, false), new BaseRequest("AUTH", "PLAIN"))).isNull();
        assertThat(refusal.getImplCommands()).containsExactly("AUTH");
    }

    @Test
    void theAuthHookShouldRefuseAPasswordSentInClearText() {
        EncryptedAuthHook hook = new EncryptedAuthHook(null, null);

        HookResult result = hook.doAuth(session(true, false), Username.of("bob@postwarden.test"), "secret");

        assertThat(result.getSmtpRetCode()).isEqualTo("538");
        assertThat(result.getSmtpDescription()).isEqualTo("5.7.11 Encryption required for authentication: send STARTTLS first");
    }

    @Test
    void encryptionShouldBeMissingOnlyBeforeTlsWhereAuthNeedsIt() {
        assertThat(EncryptedAuthHook.encryptionMissing(session(true, false))).isTrue();
        assertThat(EncryptedAuthHook.encryptionMissing(session(true, true))).isFalse();
        assertThat(EncryptedAuthHook.encryptionMissing(session(false, false))).isFalse();
    }
}
