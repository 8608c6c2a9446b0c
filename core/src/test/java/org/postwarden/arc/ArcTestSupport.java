package org.postwarden.arc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.DkimSigner;
import org.postwarden.dkim.SignedHeaders;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.StaticZone;

/** Fixtures shared by the ARC tests: a message, three forwarders with their keys, and a hop helper. */
final class ArcTestSupport {
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    /** Folding, a tab, 8-bit text and trailing whitespace: where canonicalizations differ. */
    static final String MESSAGE = "From: Alice <alice@origin.example>\r\n"
        + "To: list@lists.example,\r\n\tBob <bob@example.net>\r\n"
        + "Subject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?= \t and  more\r\n"
        + "Date: Tue, 14 Nov 2023 22:13:20 +0000\r\n"
        + "Message-ID: <arc-test@origin.example>\r\n"
        + "MIME-Version: 1.0\r\n"
        + "Content-Type: text/plain; charset=utf-8\r\n"
        + "\r\n"
        + "Hello  Bob, \t\r\n"
        + "\r\n"
        + "  indented line\twith tab\r\n"
        + "Grüße\r\n"
        + "\r\n\r\n";

    static final Hop ORIGIN = new Hop("origin.example", "dkim", DkimKeys.generateRsa());
    static final Hop FIRST = new Hop("first.example", "arc1", DkimKeys.generateRsa());
    static final Hop SECOND = new Hop("second.example", "arc2", DkimKeys.generateRsa());
    static final Hop THIRD = new Hop("third.example", "arc3", DkimKeys.generateRsa());
    /** dkimpy seals and validates rsa-sha256 only: Ed25519 stays out of the oracle tests. */
    static final Hop ED25519 = new Hop("ed.example", "arced", DkimKeys.generateEd25519());
    static final List<Hop> HOPS = List.of(ORIGIN, FIRST, SECOND, THIRD, ED25519);

    /** A signer: the origin's DKIM key, or a forwarder's ARC key, published at {@code selector._domainkey.domain}. */
    record Hop(String domain, String selector, DkimPrivateKey key) {
        String keyName() {
            return selector + "._domainkey." + domain;
        }

        String authservId() {
            return "mx." + domain;
        }

        ArcSealer sealer() {
            return ArcSealer.withKey(key).domain(domain).selector(selector).authservId(authservId()).clock(CLOCK)
                .build();
        }
    }

    private ArcTestSupport() {
    }

    static StaticZone.Builder zone() {
        StaticZone.Builder zone = StaticZone.builder();
        HOPS.forEach(hop -> zone.txt(hop.keyName(), hop.key().publicKey().dnsRecord()));
        return zone;
    }

    /** The same keys as "NAME VALUE" lines, the oracles' text format. */
    static String zoneLines() {
        StringBuilder lines = new StringBuilder();
        HOPS.forEach(hop -> lines.append(hop.keyName()).append(' ').append(hop.key().publicKey().dnsRecord()).append('\n'));
        return lines.toString();
    }

    static byte[] dkimSigned(String message) {
        String field = DkimSigner.withKey(ORIGIN.key()).domain(ORIGIN.domain()).selector(ORIGIN.selector())
            .headers(SignedHeaders.recommended()).clock(CLOCK).build().sign(bytes(message));
        return bytes(field + "\r\n" + message);
    }

    /** One forwarder: validates the chain as the message arrived, then seals it. */
    static byte[] forward(byte[] message, Hop hop, DnsResolver dns) {
        ArcValidation incoming = new ArcValidator(dns, CLOCK).validate(message);
        ArcSealResult result = hop.sealer().seal(message,
            "spf=pass smtp.mailfrom=origin.example; dkim=pass header.d=origin.example; arc=" + incoming.cv().tagValue(),
            incoming);
        return bytes(result.headerBlock() + text(message));
    }

    static byte[] forwardThrough(byte[] message, DnsResolver dns, Hop... hops) {
        byte[] current = message;
        for (Hop hop : hops) {
            current = forward(current, hop, dns);
        }
        return current;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    static String resourceText(String path) {
        try (InputStream in = ArcTestSupport.class.getResourceAsStream("/arc/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource arc/" + path);
            }
            return text(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
