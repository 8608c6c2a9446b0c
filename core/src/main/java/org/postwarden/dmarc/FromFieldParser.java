package org.postwarden.dmarc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The mailboxes of one From field value (RFC 5322 §3.4, §3.6.2), with the obsolete syntax receivers must accept
 * (§4.4: routes, CFWS around dots, empty list members), groups (RFC 6854 lets From carry them) and raw UTF-8 in
 * display names, comments, quoted strings and local parts (RFC 6532 §3.2). Encoded words (RFC 2047) are atoms of a
 * phrase and never an address: {@code =?utf-8?q?ceo=40victim.example?=} alone has none. Anything else that does not
 * parse is a failure, not a guess, so that DMARC never evaluates another address than the one a reader is shown.
 */
public final class FromFieldParser {
    /** Mailboxes in order; empty with a failure when the value does not parse. */
    public record Parsed(List<AuthorMailbox> mailboxes, Optional<String> failure) {
        public Parsed {
            mailboxes = List.copyOf(mailboxes);
        }
    }

    private enum Kind { ATOM, QUOTED, LITERAL, SPECIAL }

    private record Token(Kind kind, String text) {
        boolean is(char special) {
            return kind == Kind.SPECIAL && text.charAt(0) == special;
        }

        boolean isWord() {
            return kind == Kind.ATOM || kind == Kind.QUOTED;
        }
    }

    private static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private final List<Token> tokens;
    private int next;

    private FromFieldParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @param value the field body as Unicode text (UTF-8 decoded, RFC 6532), folding included */
    public static Parsed parse(String value) {
        try {
            FromFieldParser parser = new FromFieldParser(tokenize(value));
            return new Parsed(parser.addressList(), Optional.empty());
        } catch (Malformed malformed) {
            return new Parsed(List.of(), Optional.of(malformed.getMessage()));
        }
    }

    /** address-list with obs-addr-list's empty members; a group contributes its members. */
    private List<AuthorMailbox> addressList() throws Malformed {
        List<AuthorMailbox> mailboxes = new ArrayList<>();
        while (true) {
            while (peekIs(',')) {
                next++;
            }
            if (atEnd()) {
                return mailboxes;
            }
            address(mailboxes);
            if (!atEnd() && !peekIs(',')) {
                throw new Malformed("an address followed by something else than ','");
            }
        }
    }

    private void address(List<AuthorMailbox> mailboxes) throws Malformed {
        int phraseEnd = skipWordsAndDots(next);
        if (phraseEnd < tokens.size() && tokens.get(phraseEnd).is(':')) {
            group(phraseEnd, mailboxes);
            return;
        }
        mailboxes.add(mailbox());
    }

    /** group = display-name ":" [group-list] ";" (RFC 5322 §3.4, RFC 6854). */
    private void group(int colon, List<AuthorMailbox> mailboxes) throws Malformed {
        if (colon == next) {
            throw new Malformed("a group without a display name");
        }
        next = colon + 1;
        while (true) {
            while (peekIs(',')) {
                next++;
            }
            if (peekIs(';')) {
                next++;
                return;
            }
            if (atEnd()) {
                throw new Malformed("a group without its closing ';'");
            }
            mailboxes.add(mailbox());
            if (!peekIs(',') && !peekIs(';')) {
                throw new Malformed("a group member followed by something else than ',' or ';'");
            }
        }
    }

    /** mailbox = name-addr / addr-spec. */
    private AuthorMailbox mailbox() throws Malformed {
        int wordsEnd = skipWordsAndDots(next);
        Token after = wordsEnd < tokens.size() ? tokens.get(wordsEnd) : null;
        if (after != null && after.is('<')) {
            next = wordsEnd + 1;
            return angleAddr();
        }
        if (after != null && after.is('@')) {
            return addrSpec();
        }
        throw new Malformed(wordsEnd == next ? "an empty address" : "a display name without an address");
    }

    /** After "<": [obs-route] addr-spec ">". */
    private AuthorMailbox angleAddr() throws Malformed {
        if (peekIs('@') || peekIs(',')) {
            obsRoute();
        }
        if (peekIs('>')) {
            throw new Malformed("an empty angle address");
        }
        AuthorMailbox mailbox = addrSpec();
        if (!peekIs('>')) {
            throw new Malformed("an angle address not closed right after its address");
        }
        next++;
        return mailbox;
    }

    /** obs-route = obs-domain-list ":", e.g. {@code <@relay.example,@other.example:user@example.com>}. */
    private void obsRoute() throws Malformed {
        while (true) {
            if (peekIs(',')) {
                next++;
            } else if (peekIs('@')) {
                next++;
                domain();
            } else if (peekIs(':')) {
                next++;
                return;
            } else {
                throw new Malformed("a malformed source route");
            }
        }
    }

    /** addr-spec = local-part "@" domain, with obs-local-part's words joined by dots. */
    private AuthorMailbox addrSpec() throws Malformed {
        StringBuilder local = new StringBuilder();
        boolean afterWord = false;
        while (!atEnd() && (tokens.get(next).isWord() || peekIs('.'))) {
            Token token = tokens.get(next++);
            if (token.isWord() && afterWord) {
                throw new Malformed("two words of a local part without a dot between them");
            }
            // Consecutive and trailing dots are invalid but sent by some real mailers; they change no domain.
            afterWord = token.isWord();
            local.append(token.kind() == Kind.QUOTED ? '"' + token.text() + '"' : token.text());
        }
        if (local.isEmpty() || !peekIs('@')) {
            throw new Malformed("an address without a local part and '@'");
        }
        next++;
        return new AuthorMailbox(local.toString(), domain());
    }

    /** domain = dot-atom / obs-domain (atoms and dots) / domain-literal, the latter in its brackets. */
    private String domain() throws Malformed {
        if (!atEnd() && tokens.get(next).kind() == Kind.LITERAL) {
            return tokens.get(next++).text();
        }
        StringBuilder domain = new StringBuilder();
        while (true) {
            if (atEnd() || tokens.get(next).kind() != Kind.ATOM) {
                throw new Malformed("a domain with an empty label");
            }
            domain.append(tokens.get(next++).text());
            if (!peekIs('.')) {
                return domain.toString();
            }
            next++;
            domain.append('.');
        }
    }

    private int skipWordsAndDots(int from) {
        int position = from;
        while (position < tokens.size() && (tokens.get(position).isWord() || tokens.get(position).is('.'))) {
            position++;
        }
        return position;
    }

    private boolean atEnd() {
        return next >= tokens.size();
    }

    private boolean peekIs(char special) {
        return !atEnd() && tokens.get(next).is(special);
    }

    /** Atoms, quoted strings, domain literals and specials; CFWS (comments, folding) separates them and is dropped. */
    private static List<Token> tokenize(String value) throws Malformed {
        List<Token> tokens = new ArrayList<>();
        int position = 0;
        while (position < value.length()) {
            char c = value.charAt(position);
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                position++;
            } else if (c == '(') {
                position = skipComment(value, position);
            } else if (c == '"') {
                position = delimited(value, position, '"', Kind.QUOTED, tokens);
            } else if (c == '[') {
                position = delimited(value, position, ']', Kind.LITERAL, tokens);
            } else if ("<>:;@,.".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SPECIAL, String.valueOf(c)));
                position++;
            } else if (isAtext(c)) {
                int start = position;
                while (position < value.length() && isAtext(value.charAt(position))) {
                    position++;
                }
                tokens.add(new Token(Kind.ATOM, value.substring(start, position)));
            } else {
                throw new Malformed(c < 0x20 || c == 0x7f
                    ? "a control character" : "a special character outside a quoted string");
            }
        }
        return tokens;
    }

    /** atext (RFC 5322 §3.2.3) and UTF8-non-ascii (RFC 6532 §3.2). */
    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c >= 0x80;
    }

    /** A comment, nested comments and quoted-pairs included; the position after it. */
    private static int skipComment(String value, int open) throws Malformed {
        int depth = 0;
        for (int position = open; position < value.length(); position++) {
            char c = value.charAt(position);
            if (c == '\\') {
                position++;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return position + 1;
            }
        }
        throw new Malformed("an unterminated comment");
    }

    /** A quoted-string or domain-literal, unescaped; the position after its closing delimiter. */
    private static int delimited(String value, int open, char close, Kind kind, List<Token> tokens) throws Malformed {
        StringBuilder text = new StringBuilder();
        for (int position = open + 1; position < value.length(); position++) {
            char c = value.charAt(position);
            if (c == '\\' && position + 1 < value.length()) {
                text.append(value.charAt(++position));
            } else if (c == close) {
                tokens.add(new Token(kind, kind == Kind.LITERAL ? "[" + text + "]" : text.toString()));
                return position + 1;
            } else if (c == '\r' || c == '\n') {
                // Folding inside the quotes is not part of the content (RFC 5322 §3.2.2).
                continue;
            } else if (kind == Kind.LITERAL && c == '[') {
                throw new Malformed("'[' in a domain literal");
            } else {
                text.append(c);
            }
        }
        throw new Malformed(kind == Kind.QUOTED ? "an unterminated quoted string" : "an unterminated domain literal");
    }
}
