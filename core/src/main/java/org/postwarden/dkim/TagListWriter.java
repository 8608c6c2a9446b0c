package org.postwarden.dkim;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes a signature header field as a folded tag list: words are separated by one space, or by
 * CRLF TAB where a line would pass 76 columns. Both canonicalize to the same single space under
 * relaxed canonicalization (RFC 6376 §3.4.2), so folding never changes what relaxed signs. The
 * last tag's base64 value may be folded anywhere, since FWS is allowed inside base64string (§2.4).
 * Words (tag names, values, list items) never hold whitespace: their callers check what comes from
 * configuration.
 */
public final class TagListWriter {
    private static final int LINE_WIDTH = 76;
    private static final String FOLD = "\r\n\t";

    /** The name as relaxed canonicalization writes it, with its colon. */
    private final byte[] canonicalName;
    /** Room for a whole DKIM-Signature field with an RSA-2048 b= value, so that it never grows. */
    private final StringBuilder out = new StringBuilder(1024);
    private int lineStart;
    /** Where each fold starts in {@link #out}, in order. */
    private int[] folds;
    private int foldCount;

    public TagListWriter(String fieldName) {
        this.canonicalName = (fieldName.toLowerCase(Locale.ROOT) + ":").getBytes(StandardCharsets.ISO_8859_1);
        this.folds = new int[8];
        out.append(fieldName).append(':');
    }

    private TagListWriter(TagListWriter other) {
        canonicalName = other.canonicalName;
        out.append(other.out);
        lineStart = other.lineStart;
        folds = other.folds.clone();
        foldCount = other.foldCount;
    }

    /** A list tag as {@link #list} wrote it, which any writer whose line is as long can append again. */
    public record WrittenList(String text, int startLineLength, int endLineLength, int[] folds) {
    }

    /** A writer that goes on from what this one wrote so far; this one is left as it is. */
    public TagListWriter copy() {
        return new TagListWriter(this);
    }

    /** Appends {@code name=value;}. */
    public TagListWriter tag(String name, String value) {
        return word(name, "=", value, ";");
    }

    /** Appends {@code name=a : b : c;}, with the items as separate words so that they can fold. */
    public TagListWriter list(String name, List<String> items) {
        int last = items.size() - 1;
        for (int i = 0; i <= last; i++) {
            if (i == 0) {
                word(name, "=", items.get(i), i == last ? ";" : "");
            } else {
                word(items.get(i), i == last ? ";" : "");
            }
            if (i != last) {
                word(":", "");
            }
        }
        return this;
    }

    /** As {@link #list}, returning what it wrote for {@link #append}. */
    public WrittenList writeList(String name, List<String> items) {
        int start = out.length();
        int startLineLength = lineLength();
        int firstFold = foldCount;
        list(name, items);
        int[] listFolds = Arrays.copyOfRange(folds, firstFold, foldCount);
        for (int i = 0; i < listFolds.length; i++) {
            listFolds[i] -= start;
        }
        return new WrittenList(out.substring(start), startLineLength, lineLength(), listFolds);
    }

    /**
     * Appends a list written by another writer, if this writer's line is as long as that one's was:
     * the text is then exactly what {@link #list} would write. Returns whether it did.
     */
    public boolean append(WrittenList list) {
        if (list.startLineLength() != lineLength()) {
            return false;
        }
        int start = out.length();
        out.append(list.text());
        for (int fold : list.folds()) {
            addFold(start + fold);
        }
        lineStart = out.length() - list.endLineLength();
        return true;
    }

    /**
     * Appends {@code name=} for the last tag: with it, the field is what a signature covers when
     * {@code name} is b= (RFC 6376 §3.7). Follow with {@link #lastValue}.
     */
    public TagListWriter lastTag(String name) {
        return word(name, "=", "", "");
    }

    /** The field written so far. */
    public String text() {
        return out.toString();
    }

    /**
     * The field written so far, canonicalized (RFC 6376 §3.4.1, §3.4.2), as
     * {@link Canonicalization#canonicalizeHeader} would make it but without parsing it again: under
     * relaxed, the name in lower case, a colon, and the words separated by single spaces.
     */
    public byte[] canonical(Canonicalization canonicalization) {
        byte[] text = out.toString().getBytes(StandardCharsets.ISO_8859_1);
        if (canonicalization == Canonicalization.SIMPLE) {
            return text;
        }
        // Every word follows one space or one fold, which becomes a space; the first word's goes
        // as the value's leading WSP.
        System.arraycopy(canonicalName, 0, text, 0, canonicalName.length);
        int pos = canonicalName.length;
        int from = pos + (foldCount > 0 && folds[0] == pos ? FOLD.length() : 1);
        for (int i = 0; i < foldCount; i++) {
            if (folds[i] > from) {
                System.arraycopy(text, from, text, pos, folds[i] - from);
                pos += folds[i] - from;
                text[pos++] = ' ';
            }
            from = Math.max(from, folds[i] + FOLD.length());
        }
        System.arraycopy(text, from, text, pos, text.length - from);
        return Arrays.copyOf(text, pos + text.length - from);
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

    /** Appends one word made of these four parts, which spares concatenating them first. */
    private TagListWriter word(String a, String b, String c, String d) {
        separate(a.length() + b.length() + c.length() + d.length());
        out.append(a).append(b).append(c).append(d);
        return this;
    }

    /** {@link #word(String, String, String, String)} of two parts: a list item and what follows it. */
    private void word(String item, String end) {
        separate(item.length() + end.length());
        out.append(item);
        if (!end.isEmpty()) {
            out.append(end);
        }
    }

    /** One space before a word of this length, or a fold if the word would pass the line width. */
    private void separate(int length) {
        if (lineLength() + 1 + length > LINE_WIDTH && lineLength() > 1) {
            fold();
        } else {
            out.append(' ');
        }
    }

    private void fold() {
        addFold(out.length());
        out.append(FOLD);
        lineStart = out.length() - 1;
    }

    private void addFold(int at) {
        if (foldCount == folds.length) {
            folds = Arrays.copyOf(folds, 2 * foldCount);
        }
        folds[foldCount++] = at;
    }

    private int lineLength() {
        return out.length() - lineStart;
    }
}
