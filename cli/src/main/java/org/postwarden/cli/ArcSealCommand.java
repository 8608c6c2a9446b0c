package org.postwarden.cli;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.postwarden.arc.ArcForwardSeal;
import org.postwarden.arc.ArcForwardSealer;
import org.postwarden.arc.ArcSealer;
import org.postwarden.arc.ArcValidator;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.RawMessage;
import org.postwarden.dkim.SignedHeaders;
import org.postwarden.dns.DnsJavaResolver;
import org.postwarden.dns.DnsResolver;

/** {@code arc-seal}: the message with a new ARC set on top (RFC 8617 §5.1), as the ArcSeal mailet adds it. */
final class ArcSealCommand implements Command {
    @Override
    public String name() {
        return "arc-seal";
    }

    @Override
    public String synopsis() {
        return "--key KEY.pem --selector S --domain D --authserv-id ID [--headers h1:h2] [--time UNIX] "
            + "[--dns ZONE.json] MSG";
    }

    @Override
    public String description() {
        return """
            Seals a message with ARC as a forwarder and writes it, ARC-Seal, ARC-Message-Signature and
            ARC-Authentication-Results prepended, to standard output. The same code as the ArcSeal mailet:
            the message must carry an Authentication-Results of --authserv-id (what it says is copied into
            the ARC-Authentication-Results), not one saying dmarc=permerror; cv= comes from validating the
            chain the message carries, with keys from --dns ZONE.json or else the system's resolvers. A
            chain that fails is sealed cv=fail, the seal covering only the new set (RFC 8617 §5.1.2); one
            whose newest ARC-Seal already says cv=fail is not sealed (§5.1 step 2).
            --key is a PEM private key (RSA or Ed25519). --headers is the exact h= list of the
            ARC-Message-Signature (default: From, To, Subject, Date, Message-ID, DKIM-Signature and the other
            fields the mailet signs). --time sets t= (Unix time; default: now). The message is copied byte
            for byte under the new fields.
            Exit code: 0 when sealed; 1 when not (the reason on standard error, nothing on standard output).
            """;
    }

    @Override
    public List<String> options() {
        return List.of("key", "selector", "domain", "authserv-id", "headers", "time", "dns");
    }

    @Override
    public boolean takesMessage() {
        return true;
    }

    @Override
    public int run(Arguments arguments, Io io) throws CommandException {
        DkimPrivateKey key = Inputs.privateKey(arguments.required("key"));
        String authservId = arguments.required("authserv-id");
        ArcSealer.Options options;
        try {
            options = ArcSealer.withKey(key).domain(arguments.required("domain"))
                .selector(arguments.required("selector")).authservId(authservId);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        Optional<String> headers = arguments.optional("headers");
        if (headers.isPresent()) {
            options = options.headers(headers(headers.get()));
        }
        Optional<String> time = arguments.optional("time");
        if (time.isPresent()) {
            Instant timestamp = Inputs.unixTime("time", time.get());
            options = options.timestamp(timestamp);
        }
        DnsResolver resolver = arguments.optional("dns").isPresent()
            ? Inputs.zone(arguments.optional("dns").get())
            : DnsJavaResolver.builder().build();
        byte[] message = Inputs.message(arguments.message(), io.in());

        ArcSealer sealer = options.build();
        ArcForwardSeal seal;
        try {
            seal = new ArcForwardSealer(new ArcValidator(resolver, Clock.systemUTC()), authservId)
                .seal(RawMessage.parse(message), () -> Optional.of(sealer));
        } catch (IllegalArgumentException e) {
            throw new CommandException("cannot seal: " + e.getMessage(), e);
        }
        if (!seal.sealed()) {
            io.err().println(PostwardenAuth.NAME + " " + name() + ": not sealed: " + reason(seal.status(), authservId));
            return 1;
        }
        seal.incoming().flatMap(incoming -> incoming.failure()).ifPresent(failure -> io.err().println(
            PostwardenAuth.NAME + " " + name() + ": sealed cv=fail: " + failure.message()));
        io.out().writeBytes(seal.message().orElseThrow());
        io.out().flush();
        return 0;
    }

    private static String reason(ArcForwardSeal.Status status, String authservId) {
        return switch (status) {
            case NOT_CHECKED_BY_US -> "the message has no Authentication-Results of " + authservId;
            case DMARC_PERMERROR -> "the Authentication-Results of " + authservId + " say dmarc=permerror";
            case CHAIN_TERMINATED -> "the newest ARC-Seal already says cv=fail (RFC 8617 §5.1 step 2)";
            case INSTANCE_LIMIT -> "the message already carries 50 ARC sets (RFC 8617 §4.2.1)";
            case NO_KEY, SEALED -> status.name();
        };
    }

    private static SignedHeaders headers(String value) throws UsageException {
        List<String> names = Arrays.stream(value.split(":")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        try {
            return SignedHeaders.exactly(names);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--headers: " + e.getMessage());
        }
    }
}
