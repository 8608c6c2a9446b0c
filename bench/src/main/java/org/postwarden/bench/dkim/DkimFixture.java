package org.postwarden.bench.dkim;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.DkimSigner;
import org.postwarden.dkim.SignedHeaders;
import org.postwarden.dns.StaticZone;

/**
 * What the DKIM benchmarks share: a fresh key per trial ("rsa" is RSA-2048, "ed25519" Ed25519), the signer the
 * outbound path builds (c=relaxed/relaxed, the recommended oversigned h= list) and a fixed clock a few seconds
 * after the messages' Date.
 */
final class DkimFixture {
    static final String RSA = "rsa";
    static final String ED25519 = "ed25519";
    static final String DOMAIN = MailCorpus.FROM_DOMAIN;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-02T09:15:00Z"), ZoneOffset.UTC);

    private DkimFixture() {
    }

    static DkimPrivateKey generateKey(String algorithm) {
        return switch (algorithm) {
            case RSA -> DkimKeys.generateRsa(2048);
            case ED25519 -> DkimKeys.generateEd25519();
            default -> throw new IllegalArgumentException("unknown algorithm " + algorithm);
        };
    }

    static String selector(String algorithm) {
        return algorithm + "-2024";
    }

    static DkimSigner signer(String algorithm, DkimPrivateKey key) {
        return DkimSigner.withKey(key).domain(DOMAIN).selector(selector(algorithm))
            .headers(SignedHeaders.recommended()).clock(CLOCK).build();
    }

    /** The in-memory DNS a verifier asks: the key record at {@code selector._domainkey.example.com}. */
    static StaticZone zone(String algorithm, DkimPrivateKey key) {
        return StaticZone.builder()
            .txt(selector(algorithm) + "._domainkey." + DOMAIN, key.publicKey().dnsRecord())
            .build();
    }
}
