package org.postwarden.dkim;

import java.nio.charset.StandardCharsets;

/**
 * One header field exactly as received: name, colon, value and any folding, without the CRLF that
 * ends it. A view over the message bytes; text is exposed as ISO-8859-1 so that every octet maps to
 * one char and offsets stay byte offsets.
 */
public final class HeaderField {
    private final byte[] source;
    private final int start;
    private final int end;
    private final int nameEnd;
    private final String lowerCaseName;
    /** {@link #name()}, made when first asked for: signing and verifying need only the lower-case one. */
    private String name;

    HeaderField(byte[] source, int start, int end) {
        this.source = source;
        this.start = start;
        this.end = end;
        this.nameEnd = nameEnd(source, start, end);
        this.lowerCaseName = FieldNames.lowerCase(source, start, nameEnd);
    }

    /** The field name, without any whitespace before the colon. */
    public String name() {
        String known = name;
        if (known == null) {
            known = new String(source, start, nameEnd - start, StandardCharsets.ISO_8859_1);
            name = known;
        }
        return known;
    }

    /**
     * The name in lower case: two fields have the same name, ignoring case, exactly when these are
     * equal, as names are ISO-8859-1 text.
     */
    String lowerCaseName() {
        return lowerCaseName;
    }

    public boolean hasName(String other) {
        return lowerCaseName.equalsIgnoreCase(other);
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

    private static int nameEnd(byte[] source, int start, int end) {
        int colon = start;
        while (colon < end && source[colon] != ':') {
            colon++;
        }
        int nameEnd = colon;
        while (nameEnd > start && (source[nameEnd - 1] == ' ' || source[nameEnd - 1] == '\t')) {
            nameEnd--;
        }
        return nameEnd;
    }

    @Override
    public String toString() {
        return text();
    }
}
