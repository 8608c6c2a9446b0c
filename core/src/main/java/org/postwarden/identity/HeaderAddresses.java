package org.postwarden.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;
import org.postwarden.dkim.HeaderField;
import org.postwarden.dkim.RawMessage;

/** The mailbox addresses (RFC 5322 §3.4) of every header field with a given name, such as From or Sender. */
public final class HeaderAddresses {
    private HeaderAddresses() {
    }

    /** The addresses, lower-cased, in order; empty when a field does not parse as an address list. */
    public static Optional<List<String>> of(RawMessage message, String fieldName) {
        List<String> addresses = new ArrayList<>();
        for (HeaderField field : message.headers(fieldName)) {
            try {
                for (Mailbox mailbox : DefaultAddressParser.DEFAULT.parseAddressList(field.value().replace("\r\n", "").trim()).flatten()) {
                    addresses.add(mailbox.getAddress().toLowerCase(Locale.ROOT));
                }
            } catch (ParseException | IllegalArgumentException malformed) {
                return Optional.empty();
            }
        }
        return Optional.of(addresses);
    }

    public static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
