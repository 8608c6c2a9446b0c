package org.postwarden.address;

import java.util.Optional;

/**
 * The two spellings of an SMTP local part (RFC 5321 §4.1.2): {@code Local-part = Dot-string / Quoted-string}. A
 * quoted-string whose content is a valid Dot-string names the same mailbox as that Dot-string, so
 * {@code "alice"} is {@code alice}; any other quoted content (an {@code @}, a space) can never be the name of one of
 * our users, which are all dot-atoms.
 */
public final class LocalPart {
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private LocalPart() {
    }

    /** How a local part reads once quoting is taken away. */
    public sealed interface Form {
    }

    /** A Dot-string as it is, or the Dot-string a quoted-string stands for. */
    public record DotString(String value, boolean wasQuoted) implements Form {
    }

    /** A quoted-string whose content is not a Dot-string, or text that is neither spelling. */
    public record NotADotString(String content) implements Form {
    }

    public static Form of(String localPart) {
        if (localPart.length() >= 2 && localPart.startsWith("\"") && localPart.endsWith("\"")) {
            Optional<String> content = unquoted(localPart.substring(1, localPart.length() - 1));
            if (content.isPresent() && isDotString(content.get())) {
                return new DotString(content.get(), true);
            }
            return new NotADotString(content.orElse(localPart));
        }
        return isDotString(localPart) ? new DotString(localPart, false) : new NotADotString(localPart);
    }

    /** RFC 5321: {@code Dot-string = Atom *("." Atom)}, {@code Atom = 1*atext}. */
    public static boolean isDotString(String text) {
        if (text.isEmpty() || text.startsWith(".") || text.endsWith(".") || text.contains("..")) {
            return false;
        }
        return text.chars().allMatch(c -> c == '.' || isAtext(c));
    }

    private static boolean isAtext(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || ATEXT_SPECIALS.indexOf(c) >= 0;
    }

    /** The content of a quoted-string without its quoted-pairs ({@code \x} is {@code x}); empty when malformed. */
    private static Optional<String> unquoted(String quoted) {
        StringBuilder content = new StringBuilder(quoted.length());
        for (int i = 0; i < quoted.length(); i++) {
            char c = quoted.charAt(i);
            if (c == '\\') {
                if (++i == quoted.length()) {
                    return Optional.empty();
                }
                content.append(quoted.charAt(i));
            } else if (c == '"') {
                return Optional.empty();
            } else {
                content.append(c);
            }
        }
        return Optional.of(content.toString());
    }
}
