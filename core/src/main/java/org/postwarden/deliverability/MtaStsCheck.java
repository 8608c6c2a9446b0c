package org.postwarden.deliverability;

import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.postwarden.dns.DnsAnswer;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.RecordType;

/**
 * MTA-STS (RFC 8461 §3.1): a {@code v=STSv1; id=...} record at {@code _mta-sts.<domain>} tells senders to
 * require TLS, under the policy served at {@code https://mta-sts.<domain>/.well-known/mta-sts.txt}.
 */
public final class MtaStsCheck implements Check {
    static final String NAME = "mta-sts";
    private static final Pattern CANDIDATE = Pattern.compile("^v=STSv1(;.*)?$", Pattern.DOTALL);
    /** sts-id = 1*32(ALPHA / DIGIT), among other tags separated by ";". */
    private static final Pattern VALID = Pattern.compile("^v=STSv1(\\s*;\\s*[A-Za-z0-9_.\\-]+=[^;\\s]*)*\\s*;?\\s*$");
    private static final Pattern ID = Pattern.compile(";\\s*id=([A-Za-z0-9]{1,32})\\s*(;|$)");
    private static final DateTimeFormatter ID_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd'01'", Locale.ROOT)
        .withZone(ZoneOffset.UTC);

    private final DnsResolver resolver;
    private final Clock clock;

    public MtaStsCheck(DnsResolver resolver, Clock clock) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public List<Finding> examine(Target target) {
        String name = "_mta-sts." + target.domain();
        DnsAnswer answer = resolver.lookup(name, RecordType.TXT);
        if (answer.status() == DnsAnswer.Status.TEMPFAIL) {
            return List.of(Finding.temporaryDnsFailure(NAME, RecordType.TXT, name, answer.reason()));
        }
        SuggestedRecord suggested = SuggestedRecord.txt(name, "v=STSv1; id=" + ID_FORMAT.format(clock.instant()));
        String policy = "https://mta-sts." + target.domain() + "/.well-known/mta-sts.txt";
        List<String> records = answer.texts().stream().filter(text -> CANDIDATE.matcher(text).matches()).toList();
        if (records.isEmpty()) {
            return List.of(Finding.warn(NAME, "no MTA-STS record at " + name + ": senders may deliver without TLS;"
                + " publish it with a policy at " + policy).publishing(suggested));
        }
        if (records.size() > 1) {
            return List.of(Finding.fail(NAME, records.size() + " MTA-STS records at " + name
                + ": senders ignore them all (RFC 8461 §3.1)").publishing(suggested));
        }
        String record = records.get(0);
        if (!VALID.matcher(record).matches() || !ID.matcher(record).find()) {
            return List.of(Finding.fail(NAME, "the MTA-STS record \"" + record + "\" at " + name
                + " needs id= of 1 to 32 letters and digits (RFC 8461 §3.1)").publishing(suggested));
        }
        return List.of(Finding.pass(NAME, "MTA-STS record at " + name + " (policy expected at " + policy + ")"));
    }
}
