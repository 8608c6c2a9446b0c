package org.postwarden.dkim;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Signs messages (RFC 6376 §5, RFC 8463). Built in stages:
 * <pre>
 * DkimSigner signer = DkimSigner.withKey(key).domain("example.com").selector("s1")
 *     .headers(SignedHeaders.recommended()).build();
 * String field = signer.sign(message); // "DKIM-Signature: v=1; ..." to prepend, CRLF not included
 * </pre>
 * Tags come in the order v a c d [i] q s t [x] h bh b, as dkimpy and the RFC 8463 examples write
 * them, h= names separated by " : ", folded at 76 columns; no l= is ever written. Defaults:
 * c=relaxed/relaxed, t= from the system clock, no x=. Immutable and thread-safe.
 */
public final class DkimSigner {
    private static final String FIELD_NAME = "DKIM-Signature";

    private final SignerBuilder.Settings settings;
    private final Canonicalization headerCanonicalization;
    private final Canonicalization bodyCanonicalization;
    private final Optional<Duration> validity;
    /** The tags that are the same for every message, v= to s=; only ever copied. */
    private final TagListWriter fixedTags;
    /** The last message's h= tag: a sender's messages mostly have the same fields, hence the same h=. */
    private volatile HeaderList lastHeaderList;

    private record HeaderList(List<String> names, TagListWriter.WrittenList written) {
    }

    private DkimSigner(Builder builder) {
        this.settings = builder.settings();
        this.headerCanonicalization = builder.headerCanonicalization;
        this.bodyCanonicalization = builder.bodyCanonicalization;
        this.validity = builder.validity;
        this.fixedTags = new TagListWriter(FIELD_NAME)
            .tag("v", "1")
            .tag("a", settings.key().algorithm().tagValue())
            .tag("c", headerCanonicalization.tagValue() + "/" + bodyCanonicalization.tagValue())
            .tag("d", settings.domain());
        builder.identity.ifPresent(i -> fixedTags.tag("i", i));
        fixedTags.tag("q", "dns/txt").tag("s", settings.selector());
    }

    public static SignerStages.NeedDomain<NeedHeaders> withKey(DkimPrivateKey key) {
        return new Builder(key);
    }

    public interface NeedHeaders {
        Options headers(SignedHeaders headers);

        /** h= is exactly this list; see {@link SignedHeaders#exactly}. */
        default Options headers(List<String> names) {
            return headers(SignedHeaders.exactly(names));
        }
    }

    public interface Options extends SignerStages.Options<Options, DkimSigner> {
        Options canonicalization(Canonicalization header, Canonicalization body);

        /** i=: "@" + d= or a subdomain of d=, optionally with a local part. */
        Options identity(String identity);

        /** Writes x= = t= + validity. */
        Options expireAfter(Duration validity);
    }

    /** Returns the DKIM-Signature field for this message, without the final CRLF. */
    public String sign(byte[] message) {
        return sign(RawMessage.parse(message));
    }

    public String sign(RawMessage message) {
        SignedHeaders.Selection signed = settings.headers().pick(message);
        long t = settings.signingTime();
        byte[] bodyHash = message.bodyHash(bodyCanonicalization, OptionalLong.empty()).digest();
        TagListWriter writer = fixedTags.copy().tag("t", Long.toString(t));
        validity.ifPresent(v -> writer.tag("x", Long.toString(t + v.toSeconds())));
        writeHeaderList(writer, signed.names());
        writer.tag("bh", Base64.getEncoder().encodeToString(bodyHash)).lastTag("b");
        SigningInput.Octets input =
            SigningInput.compute(signed.fields(), headerCanonicalization, writer.canonical(headerCanonicalization));
        byte[] signature = settings.key().sign(input.array(), input.length());
        return writer.lastValue(Base64.getEncoder().encodeToString(signature));
    }

    private void writeHeaderList(TagListWriter writer, List<String> names) {
        HeaderList last = lastHeaderList;
        if (last == null || !last.names().equals(names) || !writer.append(last.written())) {
            lastHeaderList = new HeaderList(names, writer.writeList("h", names));
        }
    }

    private static final class Builder extends SignerBuilder<NeedHeaders, Options> implements NeedHeaders, Options {
        private Canonicalization headerCanonicalization = Canonicalization.RELAXED;
        private Canonicalization bodyCanonicalization = Canonicalization.RELAXED;
        private Optional<String> identity = Optional.empty();
        private Optional<Duration> validity = Optional.empty();

        private Builder(DkimPrivateKey key) {
            super(key, null);
        }

        @Override
        protected NeedHeaders next() {
            return this;
        }

        @Override
        protected Options options() {
            return this;
        }

        @Override
        public Options canonicalization(Canonicalization header, Canonicalization body) {
            this.headerCanonicalization = Objects.requireNonNull(header, "header");
            this.bodyCanonicalization = Objects.requireNonNull(body, "body");
            return this;
        }

        @Override
        public Options identity(String identity) {
            int at = identity.lastIndexOf('@');
            String iDomain = identity.substring(at + 1).toLowerCase(Locale.ROOT);
            String d = domain().toLowerCase(Locale.ROOT);
            if (at < 0 || !iDomain.equals(d) && !iDomain.endsWith("." + d)) {
                // RFC 6376 §3.5 i=: the domain part MUST be d= or a subdomain of it.
                throw new IllegalArgumentException("i=" + identity + " is not within d=" + domain());
            }
            this.identity = Optional.of(requireToken(identity, "identity"));
            return this;
        }

        @Override
        public Options expireAfter(Duration validity) {
            if (validity.toSeconds() < 1) {
                // RFC 6376 §3.5 x=: MUST be greater than t=.
                throw new IllegalArgumentException("validity must be at least one second, got " + validity);
            }
            this.validity = Optional.of(validity);
            return this;
        }

        @Override
        public DkimSigner build() {
            return new DkimSigner(this);
        }
    }
}
