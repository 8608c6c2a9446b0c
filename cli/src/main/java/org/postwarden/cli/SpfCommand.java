package org.postwarden.cli;

import java.net.InetAddress;
import java.util.List;
import org.postwarden.dns.StaticZone;
import org.postwarden.spf.SpfResult;
import org.postwarden.spf.SpfVerifier;

/** {@code spf}: the SPF result (RFC 7208 §2.6) for one connection. */
final class SpfCommand implements Command {
    @Override
    public String name() {
        return "spf";
    }

    @Override
    public String synopsis() {
        return "--dns ZONE.json --ip IP --mail-from ADDR --helo NAME";
    }

    @Override
    public String description() {
        return """
            Checks SPF (RFC 7208) for the MAIL FROM identity, or the HELO identity when --mail-from is empty.
            Prints result=<pass|fail|softfail|neutral|none|temperror|permerror> and, for a fail whose record
            gives an explanation (exp=), a second line exp=<text>.
            Exit code: 0 once a result is printed, whatever it is.
            """;
    }

    @Override
    public List<String> options() {
        return List.of("dns", "ip", "mail-from", "helo");
    }

    @Override
    public boolean takesMessage() {
        return false;
    }

    @Override
    public int run(Arguments arguments, Io io) throws CommandException {
        String dns = arguments.required("dns");
        InetAddress ip = Inputs.ip("ip", arguments.required("ip"));
        String mailFrom = arguments.required("mail-from");
        String helo = arguments.required("helo");
        StaticZone zone = Inputs.zone(dns);

        SpfResult result = new SpfVerifier(zone).check(ip, mailFrom, helo);
        io.out().println("result=" + result.status().keyword());
        result.explanation().ifPresent(explanation -> io.out().println("exp=" + explanation));
        return 0;
    }
}
