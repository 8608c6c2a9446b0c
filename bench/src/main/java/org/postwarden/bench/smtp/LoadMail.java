package org.postwarden.bench.smtp;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.DkimSigner;
import org.postwarden.dkim.SignedHeaders;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The domains, accounts and messages of the load run. Mail from outside comes from {@code origin.load.test}, which
 * publishes SPF for 127.0.0.1, an RSA-2048 DKIM key and {@code p=reject}: every check the full profile makes passes,
 * as for a well-configured sender. Each message differs by its Message-ID only, which the origin's signature does
 * not cover, so one signature serves all.
 */
final class LoadMail {
    static final String LOCAL = "local.load.test";
    static final String FORWARDER = "fwd.load.test";
    static final String ORIGIN = "origin.load.test";
    static final String LIST = "list@" + FORWARDER;
    static final String TARGET = "friend@remote.load.test";
    static final String PASSWORD = "load-secret";
    static final int ACCOUNTS = 10;
    private static final String ORIGIN_SELECTOR = "load";

    private final DkimPrivateKey originKey = DkimKeys.generateRsa(2048);
    private final Map<String, String> published = new LinkedHashMap<>();
    private final byte[] inboundTemplate;
    private final byte[] submittedTemplate;

    LoadMail(int size) {
        String body = body(size);
        String inbound = "From: Origin News <news@" + ORIGIN + ">\r\n"
            + "To: readers@" + LOCAL + "\r\n"
            + "Subject: load run\r\n"
            + "Date: Sun, 22 Nov 2026 12:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n" + body;
        DkimSigner signer = DkimSigner.withKey(originKey).domain(ORIGIN).selector(ORIGIN_SELECTOR)
            .headers(SignedHeaders.exactly(List.of("from", "to", "subject", "date", "mime-version", "content-type"))).build();
        String signature = signer.sign(inbound.getBytes(StandardCharsets.US_ASCII));
        inboundTemplate = (signature + "\r\n" + inbound).getBytes(StandardCharsets.US_ASCII);
        submittedTemplate = ("From: Sender <" + "%s" + ">\r\n"
            + "To: " + TARGET + "\r\n"
            + "Subject: load run\r\n"
            + "Date: Sun, 22 Nov 2026 12:00:00 +0000\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n" + body).getBytes(StandardCharsets.US_ASCII);
        published.put(ORIGIN, "v=spf1 ip4:127.0.0.1 -all");
        published.put("_dmarc." + ORIGIN, "v=DMARC1; p=reject");
        published.put(ORIGIN_SELECTOR + "._domainkey." + ORIGIN, originKey.publicKey().dnsRecord());
    }

    static String account(int number) {
        return "user" + (number % ACCOUNTS) + "@" + LOCAL;
    }

    /** A message from outside, signed by the origin, with a Message-ID of its own. */
    byte[] inbound(String messageId) {
        return withMessageId(messageId, inboundTemplate);
    }

    /** A message a local account submits, From its own address. */
    byte[] submitted(String messageId, String from) {
        return withMessageId(messageId, new String(submittedTemplate, StandardCharsets.US_ASCII).replace("%s", from)
            .getBytes(StandardCharsets.US_ASCII));
    }

    void publish(String name, String txt) {
        published.put(name, txt);
    }

    /** The zone.json of the run: every TXT record published so far. */
    String zoneJson() {
        Map<String, List<Map<String, String>>> zone = new LinkedHashMap<>();
        published.forEach((name, txt) -> zone.put(name, List.of(Map.of("TXT", txt))));
        try {
            return new ObjectMapper().writeValueAsString(zone);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] withMessageId(String messageId, byte[] message) {
        byte[] header = ("Message-ID: <" + messageId + ">\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] result = new byte[header.length + message.length];
        System.arraycopy(header, 0, result, 0, header.length);
        System.arraycopy(message, 0, result, header.length, message.length);
        return result;
    }

    /** Plain text lines up to about {@code size} bytes of message; no line starts with a dot. */
    private static String body(int size) {
        String line = "The quick brown fox jumps over the lazy dog while the load run measures the pipeline.\r\n";
        return line.repeat(Math.max(1, (size - 300) / line.length()));
    }
}
