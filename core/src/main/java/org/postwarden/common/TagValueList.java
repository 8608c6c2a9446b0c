package org.postwarden.common;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed RFC 6376 §3.2 tag list, as used by DKIM-Signature fields, DKIM key records, ARC header
 * fields (RFC 8617) and DMARC records (RFC 7489 §6.4).
 * <pre>
 * tag-list  =  tag-spec *( ";" tag-spec ) [ ";" ]
 * tag-spec  =  [FWS] tag-name [FWS] "=" [FWS] tag-value [FWS]
 * tag-name  =  ALPHA *ALNUMPUNC
 * tag-value =  [ tval *( 1*(WSP / FWS) tval ) ]
 * tval      =  1*VALCHAR
 * VALCHAR   =  %x21-3A / %x3C-7E
 * ALNUMPUNC =  ALPHA / DIGIT / "_"
 * </pre>
 * Tag names are case-sensitive. Values keep their inner whitespace and lose the outer one. Octets
 * above 0x7E are accepted in values, so UTF-8 text (read as ISO-8859-1) passes through unchanged.
 */
public final class TagValueList {
    /**
     * One tag. {@code rawStart}..{@code rawEnd} is everything between its "=" and the following
     * ";" (or the end) in the source, whitespace included: the span a DKIM verifier empties for b=.
     */
    public record Tag(String name, String value, int rawStart, int rawEnd) {
    }

    /** The input is not a tag list; the message says where and why. */
    public static final class SyntaxException extends Exception {
        private static final long serialVersionUID = 1L;

        SyntaxException(String message) {
            super(message);
        }
    }

    private final String source;
    private final List<Tag> tags;

    private TagValueList(String source, List<Tag> tags) {
        this.source = source;
        this.tags = List.copyOf(tags);
    }

    public static TagValueList parse(String source) throws SyntaxException {
        Objects.requireNonNull(source, "source");
        List<Tag> tags = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int length = source.length();
        int pos = 0;
        while (pos < length) {
            int specEnd = source.indexOf(';', pos);
            if (specEnd < 0) {
                specEnd = length;
            }
            int nameStart = skipWhitespace(source, pos, specEnd);
            if (nameStart == specEnd) {
                // Only the part after the last ";" may be empty (the optional trailing ";").
                if (specEnd == length) {
                    break;
                }
                throw new SyntaxException("empty tag-spec at offset " + pos);
            }
            Tag tag = parseSpec(source, nameStart, specEnd);
            if (!names.add(tag.name())) {
                // RFC 6376 §3.2: tags with duplicate names MUST NOT occur within a single tag-list.
                throw new SyntaxException("duplicate tag \"" + tag.name() + "\"");
            }
            tags.add(tag);
            pos = specEnd + 1;
        }
        return new TagValueList(source, tags);
    }

    private static Tag parseSpec(String source, int nameStart, int specEnd) throws SyntaxException {
        int nameEnd = nameStart;
        while (nameEnd < specEnd && isNameChar(source.charAt(nameEnd), nameEnd == nameStart)) {
            nameEnd++;
        }
        String name = source.substring(nameStart, nameEnd);
        if (name.isEmpty()) {
            throw new SyntaxException("invalid tag name at offset " + nameStart);
        }
        int equals = skipWhitespace(source, nameEnd, specEnd);
        if (equals == specEnd || source.charAt(equals) != '=') {
            throw new SyntaxException("tag \"" + name + "\" has no \"=\"");
        }
        int valueStart = skipWhitespace(source, equals + 1, specEnd);
        int valueEnd = specEnd;
        while (valueEnd > valueStart && isWhitespace(source.charAt(valueEnd - 1))) {
            valueEnd--;
        }
        for (int i = valueStart; i < valueEnd; i++) {
            char c = source.charAt(i);
            if (c < 0x21 && !isWhitespace(c) || c == 0x7F) {
                throw new SyntaxException("tag \"" + name + "\" has a control character at offset " + i);
            }
        }
        return new Tag(name, source.substring(valueStart, valueEnd), equals + 1, specEnd);
    }

    public String source() {
        return source;
    }

    public List<Tag> tags() {
        return tags;
    }

    public Optional<Tag> tag(String name) {
        return tags.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public Optional<String> get(String name) {
        return tag(name).map(Tag::value);
    }

    /** FWS: space, tab, and the CR and LF of folded lines. */
    public static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** The value with every whitespace character removed, as base64 and h= values are read. */
    public static String stripWhitespace(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            if (!isWhitespace(value.charAt(i))) {
                out.append(value.charAt(i));
            }
        }
        return out.toString();
    }

    private static int skipWhitespace(String s, int from, int to) {
        int i = from;
        while (i < to && isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isNameChar(char c, boolean first) {
        boolean alpha = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
        return first ? alpha : alpha || c >= '0' && c <= '9' || c == '_';
    }
}
