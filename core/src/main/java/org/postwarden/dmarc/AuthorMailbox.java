package org.postwarden.dmarc;

/**
 * One mailbox of a From field as {@link FromFieldParser} read it.
 *
 * @param localPart the local part, quoted strings kept in their quotes
 * @param domain the domain as written (U-labels included), or a domain literal in its brackets
 */
public record AuthorMailbox(String localPart, String domain) {
    public boolean hasDomainLiteral() {
        return domain.startsWith("[");
    }
}
