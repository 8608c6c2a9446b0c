package org.postwarden.deliverability;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * Counts what evaluating an SPF record costs in DNS (RFC 7208 §4.6.4): the terms that query DNS (include, a, mx,
 * ptr, exists, redirect), followed through included and redirected records, at most 10 allowed; and void lookups
 * (NXDOMAIN or no answer), at most 2 allowed. Domain specs holding macros are counted but not followed, as they
 * depend on the message.
 *
 * @param lookups        DNS-querying terms met
 * @param voidLookups    queries of those terms that found nothing
 * @param problems       what else makes the record a permerror: an include without SPF record, a loop
 * @param temporaryFailure a lookup that failed for now, which makes the counts incomplete
 */
record SpfLookupCount(int lookups, int voidLookups, List<String> problems, Optional<String> temporaryFailure) {
    static final int MAX_LOOKUPS = 10;
    static final int MAX_VOID_LOOKUPS = 2;
    /** Far past the limit: enough to report the excess without walking an include tree for ever. */
    private static final int GIVE_UP = 4 * MAX_LOOKUPS;

    static SpfLookupCount of(DnsResolver resolver, String domain, SpfTerms record) {
        Walk walk = new Walk(resolver);
        walk.visited.add(domain);
        walk.record(domain, record);
        return new SpfLookupCount(walk.lookups, walk.voidLookups, walk.problems, walk.temporaryFailure);
    }

    private static final class Walk {
        private final DnsResolver resolver;
        private final Set<String> visited = new HashSet<>();
        private final List<String> problems = new ArrayList<>();
        private int lookups;
        private int voidLookups;
        private Optional<String> temporaryFailure = Optional.empty();

        Walk(DnsResolver resolver) {
            this.resolver = resolver;
        }

        void record(String domain, SpfTerms record) {
            // RFC 7208 §6.1: redirect= is ignored when the record has an "all" mechanism.
            boolean hasAll = record.terms().stream().anyMatch(term -> term.name().equals("all"));
            for (SpfTerms.Term term : record.terms()) {
                if (lookups > GIVE_UP || temporaryFailure.isPresent()) {
                    return;
                }
                if (hasAll && term.name().equals("redirect")) {
                    continue;
                }
                String target = term.argument().orElse(domain);
                boolean macro = target.contains("%");
                switch (term.name()) {
                    case "include", "redirect" -> {
                        lookups++;
                        if (!macro) {
                            follow(term.name(), target);
                        }
                    }
                    case "a" -> {
                        lookups++;
                        if (!macro) {
                            countVoid(target, RecordType.A, RecordType.AAAA);
                        }
                    }
                    case "mx" -> {
                        lookups++;
                        if (!macro) {
                            countVoid(target, RecordType.MX);
                        }
                    }
                    case "exists" -> {
                        lookups++;
                        if (!macro) {
                            countVoid(target, RecordType.A);
                        }
                    }
                    // ptr depends on the client's address; ip4, ip6, all and exp= query nothing during evaluation.
                    case "ptr" -> lookups++;
                    default -> {
                    }
                }
            }
        }

        private void follow(String mechanism, String domain) {
            if (!visited.add(domain.toLowerCase(Locale.ROOT))) {
                problems.add(mechanism + ":" + domain + " loops back to a record already evaluated");
                return;
            }
            DnsAnswer answer = resolver.lookup(domain, RecordType.TXT);
            if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
                temporaryFailure = Optional.of("TXT " + domain + " (" + answer.reason() + ")");
                return;
            }
            List<String> records = answer.texts().stream().filter(SpfTerms::isSpfRecord).toList();
            if (answer.status() != DnsAnswer.Status.FOUND) {
                voidLookups++;
            }
            if (records.size() != 1) {
                // RFC 7208 §5.2, §6.1: an include or redirect target without exactly one record is a permerror.
                problems.add(mechanism + ":" + domain + " has " + (records.isEmpty() ? "no" : records.size()) + " SPF records");
                return;
            }
            try {
                record(domain, SpfTerms.parse(records.get(0)));
            } catch (IllegalArgumentException e) {
                problems.add("the record of " + domain + " does not parse: " + e.getMessage());
            }
        }

        private void countVoid(String domain, RecordType... types) {
            for (RecordType type : types) {
                DnsAnswer answer = resolver.lookup(domain, type);
                if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
                    temporaryFailure = Optional.of(type + " " + domain + " (" + answer.reason() + ")");
                    return;
                }
                if (answer.status() == DnsAnswer.Status.FOUND) {
                    return;
                }
            }
            voidLookups++;
        }
    }
}
