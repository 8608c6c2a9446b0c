package org.postwarden.dkim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.postwarden.dns.StaticZone;

/** Fixtures shared by the DKIM tests. */
final class DkimTestSupport {
    static final Instant NOW = Instant.ofEpochSecond(1_700_000_000L);
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    static final String MESSAGE = "From: Joe SixPack <joe@football.example.com>\r\n"
        + "To: Suzie Q <suzie@shopping.example.net>\r\n"
        + "Subject: Is dinner ready?\r\n"
        + "Date: Fri, 11 Jul 2003 21:00:37 -0700 (PDT)\r\n"
        + "Message-ID: <20030712040037.46341.5F8J@football.example.com>\r\n"
        + "\r\n"
        + "Hi.\r\n"
        + "\r\n"
        + "We lost the game.  Are you hungry yet?\r\n"
        + "\r\n"
        + "Joe.\r\n";

    private DkimTestSupport() {
    }

    static byte[] resource(String path) {
        try (InputStream in = DkimTestSupport.class.getResourceAsStream("/dkim/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource dkim/" + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String resourceText(String path) {
        return new String(resource(path), StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The message with a header field put on top, as a signer's caller does. */
    static byte[] prepend(String field, byte[] message) {
        return bytes(field + "\r\n" + new String(message, StandardCharsets.ISO_8859_1));
    }

    /** Reads "NAME VALUE" lines (Stalwart's resources/dkim format and the oracles' text format). */
    static StaticZone.Builder zoneFromLines(String lines) {
        StaticZone.Builder zone = StaticZone.builder();
        for (String line : lines.split("\r?\n")) {
            if (!line.isBlank()) {
                int space = line.indexOf(' ');
                zone.txt(line.substring(0, space), line.substring(space + 1).strip());
            }
        }
        return zone;
    }
}
