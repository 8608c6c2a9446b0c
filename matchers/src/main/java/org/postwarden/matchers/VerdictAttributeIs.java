package org.postwarden.matchers;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;
import org.postwarden.glue.MailVerdicts;

/**
 * Matches every recipient when one of the comma separated values of the condition is the value (or, for DKIM,
 * one of the values) that the inbound authentication hook recorded in the attribute. A mail that was not checked
 * (submission, trusted networks) has no attribute and is never matched.
 */
abstract class VerdictAttributeIs extends GenericMatcher {
    private final String attribute;
    private final Set<String> allowed;
    private Set<String> wanted;

    VerdictAttributeIs(String attribute, List<String> allowed) {
        this.attribute = attribute;
        this.allowed = Set.copyOf(allowed);
    }

    @Override
    public void init() throws MessagingException {
        String condition = getCondition();
        if (condition == null || condition.isBlank()) {
            throw new MessagingException(getMatcherName() + " needs a condition, e.g. " + getMatcherName() + "=" + allowed.iterator().next());
        }
        wanted = Arrays.stream(condition.split(","))
            .map(value -> value.trim().toLowerCase(Locale.ROOT))
            .collect(Collectors.toSet());
        Set<String> unknown = wanted.stream().filter(value -> !allowed.contains(value)).collect(Collectors.toSet());
        if (!unknown.isEmpty()) {
            throw new MessagingException(getMatcherName() + ": unknown value(s) " + unknown + ", expected some of " + allowed);
        }
    }

    @Override
    public Collection<MailAddress> match(Mail mail) {
        boolean matches = MailVerdicts.values(mail, attribute).stream().anyMatch(wanted::contains);
        return matches ? mail.getRecipients() : List.of();
    }
}
