package org.postwarden.glue;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.postwarden.authresults.MethodResults;
import org.postwarden.inbound.VerdictAttributes;

/** Reads back the {@link VerdictAttributes} the inbound authentication hook set on a mail. */
public final class MailVerdicts {
    private MailVerdicts() {
    }

    /**
     * The results of the inbound check; empty when the mail carries none: it was not checked (submission, trusted
     * networks), or James re-sent it as a new mail, which does not copy attributes (a forward through the
     * RecipientRewriteTable, a Sieve redirect).
     */
    public static Optional<MethodResults> results(Mail mail) {
        return VerdictAttributes.results(name -> values(mail, name));
    }

    /** The values of one verdict attribute: one, a list for DKIM, none when absent. */
    public static List<String> values(Mail mail, String attribute) {
        return mail.getAttribute(AttributeName.of(attribute))
            .map(found -> values(found.getValue()))
            .orElse(List.of());
    }

    private static List<String> values(AttributeValue<?> value) {
        if (value.value() instanceof Collection<?> items) {
            return items.stream()
                .map(item -> item instanceof AttributeValue<?> nested ? nested.value() : item)
                .map(Object::toString)
                .toList();
        }
        return List.of(value.value().toString());
    }
}
