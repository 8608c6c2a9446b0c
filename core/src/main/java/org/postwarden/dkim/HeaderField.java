package org.postwarden.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One header field exactly as received: name, colon, value and any folding, without the CRLF that
 * ends it. A view over the message bytes; text is exposed as ISO-8859-1 so that every octet maps to
 * one char and offsets stay byte offsets.
 */
public final class HeaderField {
    private final byte[] source;
    private final int start;
    private final int end;
    private final String name;
    private final String lowerCaseName;

    HeaderField(byte[] source, int start, int end) {
        this.source = source;
        this.start = start;
        this.end = end;
        this.name = parseName(source, start, end);
        this.lowerCaseName = name.toLowerCase(Locale.ROOT);
    }

    /** The field name, without any whitespace before the colon. */
    public String name() {
        return name;
    }

    /**
     * The name in lower case: two fields have the same name, ignoring case, exactly when these are
     * equal, as names are ISO-8859-1 text.
     */
    String lowerCaseName() {
        return lowerCaseName;
    }

    public boolean hasName(String other) {
        return name.equalsIgnoreCase(other);
    }

    /** The whole field, folding included, without the final CRLF. */
    public String text() {
        return new String(source, start, end - start, StandardCharsets.ISO_8859_1);
    }

    /** Everything after the first colon, folding included. */
    public String value() {
        String text = text();
        int colon = text.indexOf(':');
        return colon < 0 ? "" : text.substring(colon + 1);
    }

    byte[] source() {
        return source;
    }

    int start() {
        return start;
    }

    int length() {
        return end - start;
    }

    private static String parseName(byte[] source, int start, int end) {
        int colon = start;
        while (colon < end && source[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > start && (source[nameEnd - 1] == ' ' || source[nameEnd - 1] == '\t')) {
            nameEnd--;
        }
        return new String(source, start, nameEnd - start, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return text();
    }
}
