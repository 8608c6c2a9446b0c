package org.postwarden.cli;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.postwarden.authresults.AuthenticationResults;
import org.postwarden.dns.StaticZone;
import org.postwarden.inbound.InboundAuthenticator;
import org.postwarden.inbound.InboundPolicy;
import org.postwarden.inbound.InboundVerdict;
import org.postwarden.spf.SpfResult;
import org.postwarden.spf.SpfVerifier;

/**
 * {@code verify}: the header fields the server's inbound check would add to a message, computed by the same
 * {@link InboundAuthenticator} with the default policy.
 */
final class VerifyCommand implements Command {
    /** Fixed rather than the host name, so that the output is the same on every machine. */
    static final String DEFAULT_AUTHSERV_ID = "localhost";

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String synopsis() {
        return "--dns ZONE.json --ip IP --helo NAME --mail-from ADDR [--authserv-id ID] MSG";
    }

    @Override
    public String description() {
        return """
            Runs SPF, DKIM, ARC and DMARC on a message as Postwarden's inbound check does.
            Prints the Authentication-Results field (RFC 8601) it would add, folded as it would be written,
            then the Received-SPF field (RFC 7208 §9.1). --authserv-id names the receiving server in both
            (default: localhost). DMARC pct= sampling is random, as on the server.
            Exit code: 0 once the fields are printed, whatever the results.
            """;
    }

    @Override
    public List<String> options() {
        return List.of("dns", "ip", "helo", "mail-from", "authserv-id");
    }

    @Override
    public boolean takesMessage() {
        return true;
    }

    @Override
    public int run(Arguments arguments, Io io) throws CommandException {
        String dns = arguments.required("dns");
        InetAddress ip = Inputs.ip("ip", arguments.required("ip"));
        String helo = arguments.required("helo");
        String mailFrom = arguments.required("mail-from");
        String authservId = authservId(arguments.optional("authserv-id").orElse(DEFAULT_AUTHSERV_ID));
        StaticZone zone = Inputs.zone(dns);
        byte[] message = Inputs.message(arguments.message(), io.in());

        InboundAuthenticator authenticator = new InboundAuthenticator(zone, Clock.systemUTC(),
            InboundPolicy.from(Map.of(), authservId), SpfVerifier.DEFAULT_TIME_BUDGET, new SecureRandom());
        InboundVerdict verdict = authenticator.authenticate(message, ip, helo, mailFrom);
        io.out().println(verdict.authenticationResults().headerField());
        io.out().println(SpfResult.RECEIVED_SPF + ": " + verdict.spf().receivedSpf(authservId));
        return 0;
    }

    /** Checked up front with the rule of the field that will carry it. */
    private static String authservId(String value) throws UsageException {
        try {
            new AuthenticationResults(value, List.of());
            return value;
        } catch (IllegalArgumentException e) {
            throw new UsageException("--authserv-id must be a host name such as mx.example.com, got \"" + value + "\"");
        }
    }
}
