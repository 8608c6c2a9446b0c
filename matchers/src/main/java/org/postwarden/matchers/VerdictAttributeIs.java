package org.postwarden.matchers;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.mail.MessagingException;

import org.apache.james.core.MailAddress;
import org.apache.mailet.AttributeName;
import org.apache.mailet.AttributeValue;
import org.apache.mailet.Mail;
import org.apache.mailet.base.GenericMatcher;

/**
 * Matches every recipient when one of the comma separated values of the condition is the value (or, for DKIM,
 * one of the values) that the inbound authentication hook recorded in the attribute. A mail that was not checked
 * (submission, trusted networks) has no attribute and is never matched.
 */
abstract class VerdictAttributeIs extends GenericMatcher {
    private final AttributeName attribute;
    private final Set<String> allowed;
    private Set<String> wanted;

    VerdictAttributeIs(String attribute, List<String> allowed) {
        this.attribute = AttributeName.of(attribute);
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
        boolean matches = mail.getAttribute(attribute)
            .map(found -> values(found.getValue()))
            .orElse(Stream.empty())
            .anyMatch(wanted::contains);
        return matches ? mail.getRecipients() : List.of();
    }

    private static Stream<String> values(AttributeValue<?> value) {
        if (value.value() instanceof Collection<?> items) {
            return items.stream().map(item -> item instanceof AttributeValue<?> nested ? nested.value() : item).map(Object::toString);
        }
        return Stream.of(value.value().toString());
    }
}
