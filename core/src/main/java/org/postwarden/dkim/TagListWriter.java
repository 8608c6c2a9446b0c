package org.postwarden.dkim;

import java.util.List;

/**
 * Writes a signature header field as a folded tag list: words are separated by one space, or by
 * CRLF TAB where a line would pass 76 columns. Both canonicalize to the same single space under
 * relaxed canonicalization (RFC 6376 §3.4.2), so folding never changes what relaxed signs. The
 * last tag's base64 value may be folded anywhere, since FWS is allowed inside base64string (§2.4).
 */
public final class TagListWriter {
    private static final int LINE_WIDTH = 76;
    private static final String FOLD = "\r\n\t";

    private final StringBuilder out = new StringBuilder(512);
    private int lineStart;

    public TagListWriter(String fieldName) {
        out.append(fieldName).append(':');
    }

    private TagListWriter(TagListWriter other) {
        out.append(other.out);
        lineStart = other.lineStart;
    }

    /** A writer that goes on from what this one wrote so far; this one is left as it is. */
    public TagListWriter copy() {
        return new TagListWriter(this);
    }

    /** Appends {@code name=value;}. */
    public TagListWriter tag(String name, String value) {
        return word(name + "=" + value + ";");
    }

    /** Appends {@code name=a : b : c;}, with the items as separate words so that they can fold. */
    public TagListWriter list(String name, List<String> items) {
        for (int i = 0; i < items.size(); i++) {
            boolean last = i == items.size() - 1;
            word((i == 0 ? name + "=" : "") + items.get(i) + (last ? ";" : ""));
            if (!last) {
                word(":");
            }
        }
        return this;
    }

    /**
     * Appends {@code name=} for the last tag and returns the field so far: what a signature covers
     * when {@code name} is b= (RFC 6376 §3.7). Follow with {@link #lastValue}.
     */
    public String lastTag(String name) {
        word(name + "=");
        return out.toString();
    }

    /** Appends the last tag's base64 value, folded to the line width, and returns the whole field. */
    public String lastValue(String base64Value) {
        int pos = 0;
        while (pos < base64Value.length()) {
            if (lineLength() >= LINE_WIDTH) {
                fold();
            }
            int end = Math.min(base64Value.length(), pos + LINE_WIDTH - lineLength());
            out.append(base64Value, pos, end);
            pos = end;
        }
        return out.toString();
    }

    private TagListWriter word(String word) {
        if (lineLength() + 1 + word.length() > LINE_WIDTH && lineLength() > 1) {
            fold();
        } else {
            out.append(' ');
        }
        out.append(word);
        return this;
    }

    private void fold() {
        out.append(FOLD);
        lineStart = out.length() - 1;
    }

    private int lineLength() {
        return out.length() - lineStart;
    }
}
