package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postwarden.dkim.DkimTestSupport.bytes;
import static org.postwarden.dkim.DkimTestSupport.resourceText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DkimKeysTest {
    @Test
    void parsePrivateKeyShouldReadPkcs8RsaKeys() {
        DkimPrivateKey key = DkimKeys.parsePrivateKey(resourceText("mailauth/fixtures__private-rsa.pem"));

        assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
        assertThat(key.publicKey().bits()).isEqualTo(2048);
    }

    @Test
    void parsePrivateKeyShouldReadPkcs8Ed25519Keys() {
        DkimPrivateKey key = DkimKeys.parsePrivateKey(resourceText("mailauth/fixtures__private-ed25519.pem"));

        assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
    }

    @Test
    void readPrivateKeyShouldLoadAPemFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("key.pem"), resourceText("mailauth/fixtures__private-ed25519.pem"));

        assertThat(DkimKeys.readPrivateKey(file).algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
    }

    @Test
    void parsePrivateKeyShouldReadPkcs1RsaKeys() {
        DkimPrivateKey key = DkimKeys.parsePrivateKey(resourceText("rfc8463-appendix-a/rsa-test.pem"));

        assertThat(key.publicKey().bits()).isEqualTo(1024);
    }

    @Test
    void parsePrivateKeyShouldReadABareEd25519Seed() {
        DkimPrivateKey key = DkimKeys.parsePrivateKey(resourceText("rfc8463-appendix-a/ed25519-brisbane.seed.b64"));

        // RFC 8032 §7.1 TEST 1 public key.
        assertThat(Base64.getEncoder().encodeToString(key.publicKey().encoded()))
            .isEqualTo("11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
    }

    @Test
    void toPemShouldRoundTripGeneratedKeys() {
        DkimPrivateKey ed25519 = DkimKeys.generateEd25519();
        DkimPrivateKey rsa = DkimKeys.generateRsa();

        assertThat(rsa.publicKey().bits()).isEqualTo(DkimKeys.DEFAULT_RSA_BITS);
        for (DkimPrivateKey key : new DkimPrivateKey[] {ed25519, rsa}) {
            DkimPrivateKey reloaded = DkimKeys.parsePrivateKey(key.toPem());
            assertThat(reloaded.publicKey().encoded()).isEqualTo(key.publicKey().encoded());
            assertThat(key.publicKey().verify(bytes("x"), reloaded.sign(bytes("x")))).isTrue();
        }
    }

    @Test
    void toPemShouldWriteEd25519KeysInTheRfc8410Form() {
        // RFC 8410 §10.3 example private key.
        String pem = "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
            + "-----END PRIVATE KEY-----\n";

        assertThat(DkimKeys.parsePrivateKey(pem).toPem()).isEqualTo(pem);
    }

    @Test
    void signShouldReadOnlyTheGivenLength() {
        byte[] buffer = bytes("from:a@example.com\r\ndkim-signature:v=1; b=" + "-untrimmed tail-");
        int length = buffer.length - "-untrimmed tail-".length();
        byte[] input = java.util.Arrays.copyOf(buffer, length);

        for (DkimPrivateKey key : java.util.List.of(DkimKeys.generateEd25519(), DkimKeys.generateRsa(2048))) {
            // Both are deterministic: Ed25519, and RSA with PKCS#1 v1.5 padding.
            assertThat(key.sign(buffer, length)).as("%s", key.algorithm()).isEqualTo(key.sign(input));
            assertThat(key.publicKey().verify(input, key.sign(buffer, length))).isTrue();
        }
    }

    @Test
    void dnsRecordShouldParseBackToTheSameKey() throws Exception {
        for (DkimPrivateKey key : new DkimPrivateKey[] {DkimKeys.generateEd25519(),
            DkimKeys.parsePrivateKey(resourceText("rfc8463-appendix-a/rsa-test.pem"))}) {
            DkimKeyRecord record = DkimKeyRecord.parse(key.publicKey().dnsRecord());

            assertThat(record.keyType()).isEqualTo(key.algorithm().keyType());
            assertThat(record.key().orElseThrow().encoded()).isEqualTo(key.publicKey().encoded());
        }
    }

    @Test
    void keysShouldRefuseRsaUnder1024Bits() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        String pem = "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";

        assertThatThrownBy(() -> DkimKeys.parsePrivateKey(pem)).hasMessageContaining("RFC 8301");
        assertThatThrownBy(() -> DkimKeys.generateRsa(512)).hasMessageContaining("RFC 8301");
    }

    @Test
    void parsePrivateKeyShouldRejectOtherInput() {
        assertThatThrownBy(() -> DkimKeys.parsePrivateKey(resourceText("mailauth/fixtures__public-rsa.pem")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PUBLIC KEY");
        assertThatThrownBy(() -> DkimKeys.parsePrivateKey("-----BEGIN PRIVATE KEY-----\nAAAA\n"))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DkimKeys.parsePrivateKey("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
    }
}
