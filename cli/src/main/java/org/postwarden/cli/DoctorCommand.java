package org.postwarden.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.base.Splitter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.postwarden.deliverability.CertificateSource;
import org.postwarden.deliverability.DeliverabilityDoctor;
import org.postwarden.deliverability.DeliverabilityReport;
import org.postwarden.deliverability.DkimSelectorCheck;
import org.postwarden.deliverability.Finding;
import org.postwarden.deliverability.PemCertificateFiles;
import org.postwarden.deliverability.ReportJson;
import org.postwarden.deliverability.Status;
import org.postwarden.deliverability.Target;
import org.postwarden.dns.DnsJavaResolver;
import org.postwarden.dns.DnsResolver;

/** {@code doctor}: whether a domain meets the big mailbox providers' sender rules, and what to publish if not. */
final class DoctorCommand implements Command {
    private static final String ROW = "%-16s %-6s %s%n";

    @Override
    public String name() {
        return "doctor";
    }

    @Override
    public String synopsis() {
        return "--domain D [--ip OUTBOUND_IP] [--helo NAME] [--dns ZONE.json] [--selector S[,S...]] "
            + "[--certificate PEM[,PEM...]] [--json]";
    }

    @Override
    public String description() {
        return """
            Checks a sending domain: SPF, DKIM, DMARC, reverse DNS, MX, TLS certificate, MTA-STS and TLS-RPT.
            Prints one row per check (pass, warn or fail, and why) with the DNS record to publish under it when one
            fixes it, then the overall status, the worst of them; --json prints the same as the webadmin route.
            --ip is the address mail leaves from (SPF authorization, reverse DNS); --helo the name it announces.
            DNS comes from --dns ZONE.json, or else from the system's resolvers. DKIM: the key records of the
            --selector names are checked to exist and parse. TLS: the chain in the --certificate PEM files, leaf
            first, must cover the HELO name and the MX hosts resolving to --ip.
            Exit code: 0 pass, 1 warn, 2 fail (2 also for a wrong command line).
            """;
    }

    @Override
    public List<String> options() {
        return List.of("domain", "ip", "helo", "dns", "selector", "certificate");
    }

    @Override
    public List<String> flags() {
        return List.of("json");
    }

    @Override
    public boolean takesMessage() {
        return false;
    }

    @Override
    public int run(Arguments arguments, Io io) throws CommandException {
        Target target = target(arguments);
        DnsResolver resolver = arguments.optional("dns").isPresent()
            ? Inputs.zone(arguments.optional("dns").get())
            : DnsJavaResolver.builder().build();
        CertificateSource certificates = arguments.optional("certificate")
            .<CertificateSource>map(files -> new PemCertificateFiles(list(files).stream().map(Path::of).toList()))
            .orElse(CertificateSource.NONE);
        DkimSelectorCheck dkim = new DkimSelectorCheck(resolver, arguments.optional("selector").map(DoctorCommand::list).orElse(List.of()));

        DeliverabilityReport report = DeliverabilityDoctor.standard(resolver, dkim, certificates, List.of(), Clock.systemUTC())
            .examine(target);
        if (arguments.flag("json")) {
            io.out().println(json(report));
        } else {
            printTable(report, io);
        }
        return exitCode(report.status());
    }

    private static Target target(Arguments arguments) throws UsageException {
        String domain = arguments.required("domain");
        Optional<InetAddress> ip = Optional.empty();
        if (arguments.optional("ip").isPresent()) {
            ip = Optional.of(Inputs.ip("ip", arguments.optional("ip").get()));
        }
        try {
            return new Target(domain, ip, arguments.optional("helo"));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--domain: " + e.getMessage());
        }
    }

    private static void printTable(DeliverabilityReport report, Io io) {
        io.out().printf(ROW, "CHECK", "STATUS", "EXPLANATION");
        for (Finding finding : report.findings()) {
            io.out().printf(ROW, finding.check(), finding.status().keyword(), finding.explanation());
            finding.publish().ifPresent(record -> io.out().printf(ROW, "", "", "publish: " + record));
        }
        io.out().println("overall: " + report.status().keyword());
    }

    private static String json(DeliverabilityReport report) {
        try {
            return new ObjectMapper().writeValueAsString(ReportJson.of(report));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings always serialize", e);
        }
    }

    private static int exitCode(Status status) {
        return switch (status) {
            case PASS -> 0;
            case WARN -> 1;
            case FAIL -> 2;
        };
    }

    private static List<String> list(String value) {
        return Splitter.on(',').trimResults().omitEmptyStrings().splitToList(value);
    }
}
