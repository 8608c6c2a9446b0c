package org.postwarden.cli;

import java.time.Clock;
import java.util.List;
import org.postwarden.arc.ArcValidation;
import org.postwarden.arc.ArcValidator;
import org.postwarden.arc.ChainValidationStatus;
import org.postwarden.dns.StaticZone;

/** {@code arc-verify}: the chain validation status of a message's ARC sets (RFC 8617 §5.2). */
final class ArcVerifyCommand implements Command {
    @Override
    public String name() {
        return "arc-verify";
    }

    @Override
    public String synopsis() {
        return "--dns ZONE.json MSG";
    }

    @Override
    public String description() {
        return """
            Validates the ARC chain of a message.
            Prints cv=<none|pass|fail>; for a fail, the reason goes to standard error.
            Exit code: 0 for pass or none (no ARC sets), 1 for fail.
            """;
    }

    @Override
    public List<String> options() {
        return List.of("dns");
    }

    @Override
    public boolean takesMessage() {
        return true;
    }

    @Override
    public int run(Arguments arguments, Io io) throws CommandException {
        StaticZone zone = Inputs.zone(arguments.required("dns"));
        byte[] message = Inputs.message(arguments.message(), io.in());

        ArcValidation validation = new ArcValidator(zone, Clock.systemUTC()).validate(message);
        io.out().println("cv=" + validation.cv().tagValue());
        validation.failure().ifPresent(failure ->
            io.err().println(PostwardenAuth.NAME + " " + name() + ": " + failure.message()));
        return validation.cv() == ChainValidationStatus.FAIL ? 1 : 0;
    }
}
