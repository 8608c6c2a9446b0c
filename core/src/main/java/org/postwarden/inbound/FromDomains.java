package org.postwarden.inbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;
import org.postwarden.dkim.HeaderField;
import org.postwarden.dkim.RawMessage;

/**
 * The domains of the RFC5322.From addresses, the identifiers DMARC aligns with (RFC 7489 §3.1, §6.6.1). A message
 * without a From field, or with one that does not parse, has none: DMARC then cannot be evaluated.
 */
final class FromDomains {
    private FromDomains() {
    }

    static List<String> of(RawMessage message) {
        List<String> domains = new ArrayList<>();
        for (HeaderField from : message.headers("From")) {
            try {
                for (Mailbox mailbox : DefaultAddressParser.DEFAULT.parseAddressList(unfold(from.value())).flatten()) {
                    if (mailbox.getDomain() != null && !mailbox.getDomain().isBlank()) {
                        domains.add(mailbox.getDomain().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (ParseException | IllegalArgumentException unparsable) {
                return List.of();
            }
        }
        return domains;
    }

    private static String unfold(String value) {
        return value.replace("\r\n", "").trim();
    }
}
