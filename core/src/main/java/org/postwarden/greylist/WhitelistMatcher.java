package org.postwarden.greylist;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Finds the first admin whitelist entry, in the given order, that exempts a request from greylisting.
 * Entries are compiled once: build a new matcher when the entries change.
 */
public final class WhitelistMatcher {
    private record Rule(WhitelistEntry entry, Predicate<GreylistRequest> test) {
    }

    private final List<Rule> rules;

    private WhitelistMatcher(List<Rule> rules) {
        this.rules = rules;
    }

    public static WhitelistMatcher of(List<WhitelistEntry> entries) {
        return new WhitelistMatcher(entries.stream().map(entry -> new Rule(entry, test(entry))).toList());
    }

    public Optional<WhitelistEntry> match(GreylistRequest request) {
        return rules.stream().filter(rule -> rule.test().test(request)).map(Rule::entry).findFirst();
    }

    private static Predicate<GreylistRequest> test(WhitelistEntry entry) {
        String value = entry.value();
        return switch (entry.kind()) {
            case CLIENT_NETWORK -> {
                ClientNetwork network = ClientNetwork.parse(value);
                yield request -> network.contains(request.clientIp());
            }
            case CLIENT_HOSTNAME_SUFFIX -> request -> hostname(request)
                .filter(host -> isSameOrSubdomain(host, value)).isPresent();
            case CLIENT_HOSTNAME_REGEX -> {
                Pattern pattern = Pattern.compile(value, Pattern.CASE_INSENSITIVE);
                yield request -> hostname(request).filter(host -> pattern.matcher(host).matches()).isPresent();
            }
            // The raw sender, not the normalised one: SPF vouched for the domain on the envelope, which for
            // SRS is the forwarder's.
            case SENDER_DOMAIN -> request -> request.senderSpfPassed() && domain(request.sender()).equals(value);
            case RECIPIENT -> request -> request.recipient().trim().toLowerCase(Locale.ROOT).equals(value);
            case RECIPIENT_DOMAIN -> request -> domain(request.recipient()).equals(value);
        };
    }

    private static Optional<String> hostname(GreylistRequest request) {
        return request.confirmedClientHostname()
            .map(host -> host.trim().toLowerCase(Locale.ROOT))
            .map(host -> host.endsWith(".") ? host.substring(0, host.length() - 1) : host)
            .filter(host -> !host.isEmpty());
    }

    private static boolean isSameOrSubdomain(String host, String domain) {
        return host.equals(domain) || host.endsWith("." + domain);
    }

    private static String domain(String address) {
        String trimmed = address.trim();
        int at = trimmed.lastIndexOf('@');
        return at < 0 ? "" : trimmed.substring(at + 1).toLowerCase(Locale.ROOT);
    }
}
