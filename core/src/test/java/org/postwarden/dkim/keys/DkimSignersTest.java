package org.postwarden.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.keys.KeyFixtures.ED25519;
import static org.postwarden.dkim.keys.KeyFixtures.ED25519_B;
import static org.postwarden.dkim.keys.KeyFixtures.NOW;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.postwarden.dkim.DkimSignature;
import org.postwarden.dkim.DkimSignatureParser;
import org.postwarden.dkim.DkimSigner;

class DkimSignersTest {
    private static final byte[] MESSAGE = ("From: Alice <alice@Example.COM>\r\nTo: bob@example.net\r\nSubject: hi\r\n\r\n"
        + "hello\r\n").getBytes(StandardCharsets.US_ASCII);
    private final DkimSigners signers = new DkimSigners(Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aKeyShouldKeepItsSignerWhileTheStoreHandsOutTheSameKey() {
        DkimKey key = DkimKey.pending("example.com", "s1", ED25519, NOW).asActive(NOW);

        assertThat(signers.forKey(key)).isSameAs(signers.forKey(key));
    }

    @Test
    void aChangedKeyUnderTheSameSelectorShouldGetANewSigner() throws Exception {
        DkimKey first = DkimKey.pending("example.com", "s1", ED25519, NOW).asActive(NOW);
        DkimKey replaced = DkimKey.pending("example.com", "s1", ED25519_B, NOW).asActive(NOW);
        DkimSigner before = signers.forKey(first);

        DkimSigner after = signers.forKey(replaced);

        assertThat(after).isNotSameAs(before);
        assertThat(after.sign(MESSAGE)).isEqualTo(DkimSigner.withKey(ED25519_B).domain("example.com").selector("s1")
            .headers(org.postwarden.dkim.SignedHeaders.recommended()).clock(Clock.fixed(NOW, ZoneOffset.UTC)).build()
            .sign(MESSAGE));
    }

    @Test
    void signaturesShouldNameTheKeysDomainAndSelector() throws Exception {
        DkimSignature signature = DkimSignatureParser.parse(
            signers.forKey(DkimKey.pending("example.com", "s2", ED25519, NOW).asActive(NOW)).sign(MESSAGE));

        assertThat(signature.domain()).isEqualTo("example.com");
        assertThat(signature.selector()).isEqualTo("s2");
        assertThat(signature.timestamp()).contains(NOW);
    }
}
