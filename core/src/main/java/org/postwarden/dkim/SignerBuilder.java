package org.postwarden.dkim;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The staged builder that {@link DkimSigner} and {@code ArcSealer} share: the key, d= and s=, then the signer's own
 * stage (h= for DKIM, the authserv-id for ARC) and its options, among them the common
 * {@link SignerStages.Options#clock} and {@link SignerStages.Options#timestamp}. A signer's builder extends this one
 * with its own stages and settings.
 *
 * @param <N> the stage after s=
 * @param <O> the signer's options
 */
public abstract class SignerBuilder<N, O> implements SignerStages.NeedDomain<N>,
    SignerStages.NeedSelector<N> {
    private final DkimPrivateKey key;
    private String domain;
    private String selector;
    private SignedHeaders headers;
    private Clock clock = Clock.systemUTC();
    private Optional<Instant> timestamp = Optional.empty();

    /** {@code headers} is what h= covers unless the signer's stages set it. */
    protected SignerBuilder(DkimPrivateKey key, SignedHeaders headers) {
        this.key = Objects.requireNonNull(key, "key");
        this.headers = headers;
    }

    /** The stage after s=: this builder. */
    protected abstract N next();

    /** The signer's options: this builder. */
    protected abstract O options();

    @Override
    public SignerStages.NeedSelector<N> domain(String domain) {
        this.domain = requireToken(domain, "domain");
        return this;
    }

    @Override
    public N selector(String selector) {
        this.selector = requireToken(selector, "selector");
        return next();
    }

    public O headers(SignedHeaders headers) {
        this.headers = Objects.requireNonNull(headers, "headers");
        return options();
    }

    public O clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return options();
    }

    public O timestamp(Instant timestamp) {
        this.timestamp = Optional.of(timestamp);
        return options();
    }

    /** d= as given; a signer's own stages may check other tags against it (i=, RFC 6376 §3.5). */
    protected String domain() {
        return domain;
    }

    /** What every signer is built from. */
    public Settings settings() {
        return new Settings(key, domain, selector, headers, clock, timestamp);
    }

    /** The key, d=, s=, the fields h= covers, and where t= comes from. */
    public record Settings(DkimPrivateKey key, String domain, String selector, SignedHeaders headers, Clock clock,
                           Optional<Instant> timestamp) {
        /** t=: the fixed timestamp, else now. */
        public long signingTime() {
            return timestamp.orElseGet(clock::instant).getEpochSecond();
        }
    }

    /** A tag value that needs no quoting: no whitespace, control or non-ASCII octet, and no ';'. */
    protected static String requireToken(String value, String what) {
        if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c <= ' ' || c == ';' || c >= 0x7F)) {
            throw new IllegalArgumentException("invalid " + what + " \"" + value + "\"");
        }
        return value;
    }
}
