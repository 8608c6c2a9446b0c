package org.postwarden.cli;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.postwarden.dkim.DkimAlgorithm;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.DkimSigner;
import org.postwarden.dkim.SignedHeaders;

/** {@code dkim-sign}: the message with a DKIM-Signature (RFC 6376 §5, RFC 8463) on top. */
final class DkimSignCommand implements Command {
    @Override
    public String name() {
        return "dkim-sign";
    }

    @Override
    public String synopsis() {
        return "--domain D --selector S --key KEY.pem [--algorithm rsa-sha256|ed25519-sha256] [--headers h1:h2] "
            + "[--time UNIX] MSG";
    }

    @Override
    public String description() {
        return """
            Signs a message with DKIM and writes it, the DKIM-Signature field prepended, to standard output.
            --key is a PEM private key (PKCS#8 RSA or Ed25519, or PKCS#1 RSA) or a bare base64 Ed25519 seed.
            --algorithm defaults to the key's and must match it. --headers is the exact h= list and must
            include From; by default From, To, Cc, Subject, Date, Message-ID, the MIME and List-* fields are
            signed, the main ones oversigned. --time sets t= (Unix time; default: now). Canonicalization is
            relaxed/relaxed. The added field ends its lines as the message does (CRLF, or LF for a file
            with bare LF line ends); the message itself is copied byte for byte.
            Exit code: 0 when signed.
            """;
    }

    @Override
    public List<String> options() {
        return List.of("domain", "selector", "key", "algorithm", "headers", "time");
    }

    @Override
    public boolean takesMessage() {
        return true;
    }

    @Override
    public int run(Arguments arguments, Io io) throws CommandException {
        String domain = arguments.required("domain");
        String selector = arguments.required("selector");
        String keyFile = arguments.required("key");
        Optional<DkimAlgorithm> algorithm = algorithm(arguments.optional("algorithm"));
        SignedHeaders headers = headers(arguments.optional("headers"));
        Optional<String> time = arguments.optional("time");
        Optional<Instant> timestamp = Optional.empty();
        if (time.isPresent()) {
            timestamp = Optional.of(Inputs.unixTime("time", time.get()));
        }
        DkimPrivateKey key = Inputs.privateKey(keyFile);
        if (algorithm.isPresent() && algorithm.get() != key.algorithm()) {
            throw new CommandException("--algorithm " + algorithm.get().tagValue() + " does not match the "
                + key.algorithm().keyType().tagValue() + " key in " + keyFile + ", which signs "
                + key.algorithm().tagValue());
        }
        DkimSigner.Options options;
        try {
            options = DkimSigner.withKey(key).domain(domain).selector(selector).headers(headers);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        if (timestamp.isPresent()) {
            options = options.timestamp(timestamp.get());
        }
        byte[] message = Inputs.message(arguments.message(), io.in());

        String lineEnd = hasBareLf(message) ? "\n" : "\r\n";
        String field = options.build().sign(message).replace("\r\n", lineEnd) + lineEnd;
        io.out().writeBytes(field.getBytes(StandardCharsets.US_ASCII));
        io.out().writeBytes(message);
        io.out().flush();
        return 0;
    }

    private static Optional<DkimAlgorithm> algorithm(Optional<String> value) throws UsageException {
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<DkimAlgorithm> algorithm = DkimAlgorithm.fromTagValue(value.get())
            .filter(a -> a != DkimAlgorithm.RSA_SHA1);
        if (algorithm.isEmpty()) {
            throw new UsageException("--algorithm must be rsa-sha256 or ed25519-sha256, got \"" + value.get() + "\"");
        }
        return algorithm;
    }

    private static SignedHeaders headers(Optional<String> value) throws UsageException {
        if (value.isEmpty()) {
            return SignedHeaders.recommended();
        }
        List<String> names = Arrays.stream(value.get().split(":")).map(String::strip).filter(n -> !n.isEmpty()).toList();
        try {
            return SignedHeaders.exactly(names);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--headers: " + e.getMessage());
        }
    }

    /** Whether the first line ends with a bare LF, as in a message file saved with Unix line ends. */
    private static boolean hasBareLf(byte[] message) {
        for (int i = 0; i < message.length; i++) {
            if (message[i] == '\n') {
                return i == 0 || message[i - 1] != '\r';
            }
        }
        return false;
    }
}
