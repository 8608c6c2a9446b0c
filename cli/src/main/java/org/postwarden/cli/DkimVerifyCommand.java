package org.postwarden.cli;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.postwarden.dkim.DkimFailure;
import org.postwarden.dkim.DkimResult;
import org.postwarden.dkim.DkimVerifier;
import org.postwarden.dns.StaticZone;

/** {@code dkim-verify}: one line per DKIM-Signature (RFC 6376 §6), top to bottom. */
final class DkimVerifyCommand implements Command {
    @Override
    public String name() {
        return "dkim-verify";
    }

    @Override
    public String synopsis() {
        return "--dns ZONE.json [--now UNIX] MSG";
    }

    @Override
    public String description() {
        return """
            Verifies every DKIM-Signature of a message.
            Prints one line per signature, top to bottom, such as
              dkim=pass d=example.com s=sel a=rsa-sha256 b=AbCdEfGh
              dkim=neutral d=example.com s=sel a=rsa-sha256 b=AbCdEfGh reason="body hash did not verify"
            or dkim=none for an unsigned message. --now sets the clock (Unix time) that x= expiry is checked
            against; default: the system clock.
            Exit code: 0 if every signature passes, 1 otherwise (also for an unsigned message).
            """;
    }

    @Override
    public List<String> options() {
        return List.of("dns", "now");
    }

    @Override
    public boolean takesMessage() {
        return true;
    }

    @Override
    public int run(Arguments arguments, Io io) throws CommandException {
        String dns = arguments.required("dns");
        Optional<String> now = arguments.optional("now");
        Clock clock = now.isPresent()
            ? Clock.fixed(Inputs.unixTime("now", now.get()), ZoneOffset.UTC)
            : Clock.systemUTC();
        StaticZone zone = Inputs.zone(dns);
        byte[] message = Inputs.message(arguments.message(), io.in());

        List<DkimResult> results = new DkimVerifier(zone, clock).verify(message);
        results.forEach(result -> io.out().println(line(result)));
        return results.stream().allMatch(result -> result.status() == DkimResult.Status.PASS) ? 0 : 1;
    }

    private static String line(DkimResult result) {
        StringBuilder line = new StringBuilder("dkim=").append(result.status().keyword());
        result.headerD().ifPresent(d -> line.append(" d=").append(d));
        result.headerS().ifPresent(s -> line.append(" s=").append(s));
        result.headerA().ifPresent(a -> line.append(" a=").append(a));
        result.headerB().ifPresent(b -> line.append(" b=").append(b));
        result.failure().map(DkimFailure::message)
            .ifPresent(reason -> line.append(" reason=\"").append(reason.replace("\\", "\\\\").replace("\"", "\\\"")).append('"'));
        return line.toString();
    }
}
