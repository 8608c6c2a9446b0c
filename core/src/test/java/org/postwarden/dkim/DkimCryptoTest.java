package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.DkimTestSupport.CLOCK;
import static org.postwarden.dkim.DkimTestSupport.MESSAGE;
import static org.postwarden.dkim.DkimTestSupport.bytes;
import static org.postwarden.dkim.DkimTestSupport.prepend;

import java.security.Provider;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.List;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.StaticZone;

class DkimCryptoTest {
    private static final DkimPrivateKey.Rsa RSA = (DkimPrivateKey.Rsa) DkimKeys.generateRsa();
    private static final DkimPrivateKey.Ed25519 ED25519 = (DkimPrivateKey.Ed25519) DkimKeys.generateEd25519();

    @Test
    void theNativeProviderShouldBeActiveWhereItsLibraryLoads() {
        // This linux-x86_64 machine is where the distribution runs: a fallback here is a broken native path.
        assertThat(DkimCrypto.active().isNative()).isTrue();
        assertThat(DkimCrypto.active().description()).startsWith("AmazonCorrettoCryptoProvider 2.5.0");
    }

    @Test
    void chooseShouldFallBackToTheJdkWhenTheNativeLibraryDoesNotLoad() {
        DkimCrypto chosen = DkimCrypto.choose("auto", () -> {
            throw new UnsatisfiedLinkError("no amazonCorrettoCryptoProvider in java.library.path");
        });

        assertThat(chosen.isNative()).isFalse();
        assertThat(chosen).isSameAs(DkimCrypto.jdk());
    }

    @Test
    void chooseShouldFallBackToTheJdkWhenTheJarIsMissing() {
        DkimCrypto chosen = DkimCrypto.choose("auto", () -> {
            throw new NoClassDefFoundError("com/amazon/corretto/crypto/provider/AmazonCorrettoCryptoProvider");
        });

        assertThat(chosen).isSameAs(DkimCrypto.jdk());
    }

    @Test
    void chooseShouldFallBackToTheJdkWhenTheProviderFailsOurSelfTest() {
        Provider empty = new Provider("Empty", "1.0", "offers no algorithm") {
        };

        assertThat(DkimCrypto.choose("auto", () -> empty)).isSameAs(DkimCrypto.jdk());
    }

    @Test
    void chooseShouldTakeTheJdkWhenForcedWithoutLoadingTheNativeProvider() {
        DkimCrypto chosen = DkimCrypto.choose(" JDK ", () -> {
            throw new AssertionError("the native provider must not be loaded when the JDK is forced");
        });

        assertThat(chosen).isSameAs(DkimCrypto.jdk());
    }

    @Test
    void chooseShouldTakeTheNativeProviderThatPassesTheSelfTest() {
        DkimCrypto chosen = DkimCrypto.choose("auto", NativeProvider::load);

        assertThat(chosen.isNative()).isTrue();
    }

    @Test
    void theJdkPathShouldWriteTheSameDkimSignaturesAsTheNativeOne() {
        // RSASSA-PKCS1-v1_5 and Ed25519 are deterministic: the same key, message and t= give the same b=.
        for (DkimPrivateKey[] pair : List.of(
            new DkimPrivateKey[] {RSA, new DkimPrivateKey.Rsa(RSA.key(), DkimCrypto.jdk())},
            new DkimPrivateKey[] {ED25519, new DkimPrivateKey.Ed25519(ED25519.key(), DkimCrypto.jdk())})) {
            String nativeField = sign(pair[0]);
            String jdkField = sign(pair[1]);

            assertThat(jdkField).as("%s", pair[0].algorithm()).isEqualTo(nativeField);
            assertThat(verify(pair[0], jdkField)).as("%s", pair[0].algorithm()).isEqualTo(DkimResult.Status.PASS);
        }
    }

    @Test
    void theJdkPathShouldVerifyWhatTheNativePathSignedAndRejectAlteredSignatures() throws Exception {
        byte[] data = bytes(MESSAGE);
        byte[] rsaSignature = RSA.sign(data);
        byte[] ed25519Signature = ED25519.sign(data);
        RSAPrivateCrtKey rsa = RSA.key();
        DkimCrypto.KeyVerifier jdkRsa = DkimCrypto.jdk()
            .rsaPublicKey(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())).verifier();
        Ed25519PrivateKeyParameters ed = ED25519.key();
        DkimPublicKey jdkEd25519 = new DkimPublicKey.Ed25519(ed.generatePublicKey(), DkimCrypto.jdk());

        assertThat(jdkRsa.verify(data, rsaSignature)).isTrue();
        assertThat(jdkEd25519.verify(data, ed25519Signature)).isTrue();
        rsaSignature[10] ^= 1;
        ed25519Signature[10] ^= 1;
        assertThat(jdkRsa.verify(data, rsaSignature)).isFalse();
        assertThat(jdkEd25519.verify(data, ed25519Signature)).isFalse();
        assertThat(RSA.publicKey().verify(data, rsaSignature)).isFalse();
        assertThat(ED25519.publicKey().verify(data, ed25519Signature)).isFalse();
    }

    @Test
    void rsaKeysTheNativeProviderRefusesShouldStillDecodeThroughTheJdk() throws Exception {
        // 512 bits: too short for DKIM (RFC 8301), which the verifier must be able to say rather than fail to parse.
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(512);
        byte[] spki = generator.generateKeyPair().getPublic().getEncoded();

        assertThat(DkimPublicKey.decode(DkimKeyType.RSA, spki).bits()).isEqualTo(512);
    }

    private static String sign(DkimPrivateKey key) {
        return DkimSigner.withKey(key).domain("example.com").selector("s1").headers(SignedHeaders.recommended())
            .clock(CLOCK).build().sign(bytes(MESSAGE));
    }

    private static DkimResult.Status verify(DkimPrivateKey key, String field) {
        StaticZone zone = StaticZone.builder().txt("s1._domainkey.example.com", key.publicKey().dnsRecord()).build();
        return new DkimVerifier(zone, CLOCK).verify(prepend(field, bytes(MESSAGE))).get(0).status();
    }
}
