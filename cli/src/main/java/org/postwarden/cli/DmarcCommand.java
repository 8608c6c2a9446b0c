package org.postwarden.cli;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.postwarden.dmarc.DmarcResult;
import org.postwarden.dns.StaticZone;
import org.postwarden.inbound.InboundAuthenticator;
import org.postwarden.inbound.InboundPolicy;
import org.postwarden.spf.SpfVerifier;

/** {@code dmarc}: the DMARC result (RFC 7489 §6.6) of a message, from SPF and DKIM computed here. */
final class DmarcCommand implements Command {
    @Override
    public String name() {
        return "dmarc";
    }

    @Override
    public String synopsis() {
        return "--dns ZONE.json --ip IP --helo NAME --mail-from ADDR [--seed N] MSG";
    }

    @Override
    public String description() {
        return """
            Evaluates DMARC for a message, after SPF and DKIM, as Postwarden's inbound check does.
            Prints dmarc=<pass|fail|none|temperror|permerror> policy=<none|quarantine|reject>, where policy is
            what to do with the message: the domain's p= (or sp=) for a failing message within the pct= sample,
            one level lower outside it (RFC 7489 §6.6.4), none for any other result.
            The pct= sample is drawn from a secure random source; --seed N draws it from a seeded generator
            instead, so that runs can be repeated.
            Exit code: 0 once a result is printed, whatever it is.
            """;
    }

    @Override
    public List<String> options() {
        return List.of("dns", "ip", "helo", "mail-from", "seed");
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
        RandomGenerator random = random(arguments.optional("seed"));
        StaticZone zone = Inputs.zone(dns);
        byte[] message = Inputs.message(arguments.message(), io.in());

        InboundAuthenticator authenticator = new InboundAuthenticator(zone, Clock.systemUTC(),
            InboundPolicy.from(Map.of(), VerifyCommand.DEFAULT_AUTHSERV_ID), SpfVerifier.DEFAULT_TIME_BUDGET, random);
        DmarcResult dmarc = authenticator.authenticate(message, ip, helo, mailFrom).dmarc();
        io.out().println("dmarc=" + dmarc.status().keyword() + " policy=" + dmarc.disposition().keyword());
        return 0;
    }

    private static RandomGenerator random(Optional<String> seed) throws UsageException {
        if (seed.isEmpty()) {
            return new SecureRandom();
        }
        try {
            return new Random(Long.parseLong(seed.get()));
        } catch (NumberFormatException e) {
            throw new UsageException("--seed must be an integer, got \"" + seed.get() + "\"");
        }
    }
}
