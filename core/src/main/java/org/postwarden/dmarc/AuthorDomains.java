package org.postwarden.dmarc;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.postwarden.dkim.HeaderField;
import org.postwarden.dkim.RawMessage;

/**
 * The RFC5322.From domains DMARC aligns with (RFC 7489 §3.1, §6.6.1), or why there is none: no From field, several
 * From fields (RFC 5322 §3.6 allows one, and readers disagree on which they show), a field that does not parse, no
 * address in it, or an address whose domain is a literal or not a valid domain name. Such a message has no
 * determinable author domain and no DMARC policy can protect the domain it pretends to come from.
 *
 * @param domains the distinct domains, lower-case A-labels, in order; empty when not determined
 * @param failure why the author domain cannot be determined
 */
public record AuthorDomains(List<String> domains, Optional<String> failure) {
    public AuthorDomains {
        domains = List.copyOf(domains);
    }

    public static AuthorDomains of(RawMessage message) {
        List<HeaderField> fields = message.headers("From");
        if (fields.isEmpty()) {
            return undetermined("no From field");
        }
        if (fields.size() > 1) {
            return undetermined(fields.size() + " From fields");
        }
        // HeaderField text is one char per octet; RFC 6532 header octets are UTF-8.
        String value = new String(fields.get(0).value().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        FromFieldParser.Parsed parsed = FromFieldParser.parse(value);
        if (parsed.failure().isPresent()) {
            return undetermined("malformed From field: " + parsed.failure().get());
        }
        if (parsed.mailboxes().isEmpty()) {
            return undetermined("no address in the From field");
        }
        List<String> domains = new ArrayList<>();
        for (AuthorMailbox mailbox : parsed.mailboxes()) {
            Optional<String> domain = domainName(mailbox);
            if (domain.isEmpty()) {
                return undetermined("a From address without a valid domain name");
            }
            if (!domains.contains(domain.get())) {
                domains.add(domain.get());
            }
        }
        return new AuthorDomains(domains, Optional.empty());
    }

    public boolean determined() {
        return failure.isEmpty();
    }

    private static AuthorDomains undetermined(String failure) {
        return new AuthorDomains(List.of(), Optional.of(failure));
    }

    /** A-labels for an internationalized domain (RFC 6532 §3.2 allows U-labels), lower-case, without root dot. */
    private static Optional<String> domainName(AuthorMailbox mailbox) {
        if (mailbox.hasDomainLiteral()) {
            return Optional.empty();
        }
        try {
            return OrganizationalDomain.normalize(IDN.toASCII(mailbox.domain(), 0));
        } catch (IllegalArgumentException notADomainName) {
            return Optional.empty();
        }
    }
}
