package org.postwarden.spf;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.jspf.core.DNSRequest;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.exceptions.TimeoutException;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.MxRecord;
import org.postwarden.dns.RecordType;

/**
 * jSPF's DNS port over our {@link DnsResolver}, for ONE check_host() evaluation: it counts void
 * lookups and watches the time budget, so an instance is never shared between evaluations.
 *
 * <p>Follows the contract of jSPF's own {@code DNSServiceXBillImpl}: records come back as strings
 * (addresses in textual form, MX and PTR targets as host names, TXT character-strings joined), a
 * name without records answers {@code null}, and a temporary failure throws
 * {@link TimeoutException}, which jSPF turns into temperror. jSPF's lists are mutated by its
 * mechanisms, so every answer is a fresh {@link ArrayList}.
 *
 * <p>Rules jSPF 1.0.3 lacks are enforced here: the void lookup and MX limits, the time budget, and
 * temperror on a failed address lookup (its "exists" ignores one). Breaking one decides the result:
 * every further lookup fails, and {@link #verdict()} tells the caller what to report instead.
 *
 * <p>Two more fix what jSPF's "ptr" gets wrong, without touching jSPF: a DNS error on the address lookup
 * validating a PTR name skips that name (RFC 7208 §5.5), and the target domain of "ptr:" is served in lower
 * case, since jSPF compares the validated name with it case-sensitively (§5.5, RFC 4343).
 */
final class ResolverSpfDnsService implements DNSService {
    /** RFC 7208 §4.6.4: "SPF implementations SHOULD limit "void lookups" to two." */
    static final int MAX_VOID_LOOKUPS = 2;
    /** RFC 7208 §4.6.4: at most 10 MX records per "mx", the first 10 PTR names per "ptr"/%{p}. */
    static final int MAX_MX_OR_PTR_RECORDS = 10;

    private static final Pattern SPF_RECORD = Pattern.compile("v=spf1( |$)", Pattern.CASE_INSENSITIVE);
    private static final Pattern PTR_TERM = Pattern.compile("(?<= )([-+?~]?ptr:)(\\S*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MACRO_OR_LITERAL = Pattern.compile("%\\{[^}]*}|%.?|[^%]+");

    private final DnsResolver resolver;
    private final Clock clock;
    private final Instant deadline;
    private int voidLookups;
    /** Names of the last PTR answer whose address lookups (§5.5 validation) have not been asked yet. */
    private final Set<String> unvalidatedPtrNames = new HashSet<>();
    private Optional<Verdict> verdict = Optional.empty();

    /** A result decided here rather than by jSPF, and why. */
    record Verdict(SpfStatus status, String reason) {
    }

    ResolverSpfDnsService(DnsResolver resolver, Clock clock, Instant deadline) {
        this.resolver = resolver;
        this.clock = clock;
        this.deadline = deadline;
    }

    Optional<Verdict> verdict() {
        return verdict;
    }

    @Override
    public List<String> getRecords(DNSRequest request) throws TimeoutException {
        if (verdict.isPresent()) {
            throw new TimeoutException("evaluation stopped: " + verdict.get().reason());
        }
        // RFC 7208 §4.6.4: exceeding the elapsed-time limit SHOULD give temperror.
        if (!clock.instant().isBefore(deadline)) {
            stop(SpfStatus.TEMPERROR, "time budget exhausted");
        }
        Optional<RecordType> type = recordType(request.getRecordType());
        if (type.isEmpty()) {
            // Type SPF (99): RFC 7208 §3.1 and §4.4 allow TXT only, so jSPF falls back to TXT at once.
            return null;
        }
        String name = request.getHostname();
        boolean validatesPtrName = isAddress(type.get()) && unvalidatedPtrNames.remove(normalize(name));
        if (!validatesPtrName) {
            unvalidatedPtrNames.clear();
        }
        DnsAnswer answer = resolver.lookup(name, type.get());
        switch (answer.status()) {
            case TEMPFAIL -> {
                // RFC 7208 §5.5: "If a DNS error occurs while doing an A RR lookup, then that domain name is
                // skipped and the search continues" (for "ptr" and for %{p}, §7.3).
                if (validatesPtrName) {
                    return null;
                }
                // RFC 7208 §4.6.4, §5: a DNS error ends check_host() with temperror. jSPF already does
                // so for TXT, MX and PTR lookups and rightly ignores it for exp= (§6.2), but its "exists"
                // ignores it too.
                if (isAddress(type.get())) {
                    stop(SpfStatus.TEMPERROR, "address lookup of " + name + " failed: " + answer.reason());
                }
                throw new TimeoutException(answer.reason());
            }
            case NXDOMAIN, NODATA -> {
                countVoidLookup(type.get());
                return null;
            }
            default -> {
                return records(name, type.get(), answer);
            }
        }
    }

    @Override
    public CompletionStage<List<String>> getRecordsAsync(DNSRequest request) {
        try {
            return CompletableFuture.completedFuture(getRecords(request));
        } catch (TimeoutException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Only the "r" macro could use these, and jSPF fills it from the session instead. */
    @Override
    public List<String> getLocalDomainNames() {
        return List.of();
    }

    @Override
    public void setTimeOut(int timeOut) {
        throw new UnsupportedOperationException("the time budget is given to SpfVerifier");
    }

    @Override
    public int getRecordLimit() {
        return MAX_MX_OR_PTR_RECORDS;
    }

    @Override
    public void setRecordLimit(int recordLimit) {
        throw new UnsupportedOperationException("the record limit is fixed by RFC 7208 §4.6.4");
    }

    private static Optional<RecordType> recordType(int jspfType) {
        return switch (jspfType) {
            case DNSRequest.A -> Optional.of(RecordType.A);
            case DNSRequest.AAAA -> Optional.of(RecordType.AAAA);
            case DNSRequest.MX -> Optional.of(RecordType.MX);
            case DNSRequest.PTR -> Optional.of(RecordType.PTR);
            case DNSRequest.TXT -> Optional.of(RecordType.TXT);
            default -> Optional.empty();
        };
    }

    /**
     * RFC 7208 §4.6.4 counts void lookups of the terms that query DNS. Like Mail::SPF and pyspf we
     * count the A, AAAA, MX and PTR queries of "a", "mx", "ptr", "exists" and %{p}, not the TXT
     * queries for SPF records (a missing included record is already permerror) or for exp=.
     */
    private void countVoidLookup(RecordType type) throws TimeoutException {
        if (type == RecordType.TXT) {
            return;
        }
        voidLookups++;
        if (voidLookups > MAX_VOID_LOOKUPS) {
            stop(SpfStatus.PERMERROR, "more than " + MAX_VOID_LOOKUPS + " void DNS lookups");
        }
    }

    private List<String> records(String name, RecordType type, DnsAnswer answer) throws TimeoutException {
        List<String> records = switch (type) {
            case A, AAAA -> answer.addresses().stream().map(InetAddress::getHostAddress).toList();
            case MX -> {
                // RFC 7208 §4.6.4: with more than 10 MX records "mx" MUST produce permerror.
                if (answer.mxRecords().size() > MAX_MX_OR_PTR_RECORDS) {
                    stop(SpfStatus.PERMERROR, "more than " + MAX_MX_OR_PTR_RECORDS + " MX records at " + name);
                }
                // A null MX (RFC 7505) names no host; jSPF would stop at its empty name anyway.
                yield answer.mxRecords().stream().map(MxRecord::exchange).filter(host -> !host.isEmpty()).toList();
            }
            // RFC 7208 §4.6.4: only the first 10 PTR names are used (jSPF alone would keep 9).
            case PTR -> {
                List<String> names = answer.hostnames().stream().limit(MAX_MX_OR_PTR_RECORDS).toList();
                names.forEach(ptrName -> unvalidatedPtrNames.add(normalize(ptrName)));
                yield names;
            }
            default -> answer.texts().stream().map(ResolverSpfDnsService::lowerCasePtrDomains).toList();
        };
        return new ArrayList<>(records);
    }

    private static boolean isAddress(RecordType type) {
        return type == RecordType.A || type == RecordType.AAAA;
    }

    private static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * An SPF record with the literal parts of every "ptr:" domain-spec in lower case, macros left as they are
     * (an upper-case macro letter asks for URL escaping, RFC 7208 §7.3). Our PTR names are already in lower
     * case, so jSPF's case-sensitive suffix test then compares names as RFC 4343 wants. Other texts pass
     * through unchanged.
     */
    static String lowerCasePtrDomains(String text) {
        if (!SPF_RECORD.matcher(text).lookingAt()) {
            return text;
        }
        Matcher ptr = PTR_TERM.matcher(text);
        StringBuilder result = new StringBuilder();
        while (ptr.find()) {
            Matcher parts = MACRO_OR_LITERAL.matcher(ptr.group(2));
            StringBuilder domain = new StringBuilder();
            while (parts.find()) {
                String part = parts.group();
                domain.append(part.startsWith("%") ? part : part.toLowerCase(Locale.ROOT));
            }
            ptr.appendReplacement(result, Matcher.quoteReplacement(ptr.group(1) + domain));
        }
        ptr.appendTail(result);
        return result.toString();
    }

    private void stop(SpfStatus status, String reason) throws TimeoutException {
        verdict = Optional.of(new Verdict(status, reason));
        throw new TimeoutException("evaluation stopped: " + reason);
    }
}
