package org.postwarden.dkim;

import java.time.Clock;
import java.time.Instant;

/**
 * The stages of the builder that {@link DkimSigner} and {@code ArcSealer} share ({@link SignerBuilder}):
 * {@code withKey(key).domain(d).selector(s)}, then the signer's own stage, then its options.
 */
public final class SignerStages {
    private SignerStages() {
    }

    public interface NeedDomain<N> {
        NeedSelector<N> domain(String domain);
    }

    public interface NeedSelector<N> {
        N selector(String selector);
    }

    /** What every signer's options offer. */
    public interface Options<O, T> {
        /** Where t= comes from when no fixed {@link #timestamp} is set; the system UTC clock by default. */
        O clock(Clock clock);

        O timestamp(Instant timestamp);

        T build();
    }
}
