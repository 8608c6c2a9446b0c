package org.postwarden.srs.keys;

import java.util.List;
import org.postwarden.srs.Srs;

/**
 * The SRS secrets in force: {@link #srs()} signs with one and verifies with all that may still have signed an
 * unexpired address. Forwarding asks it for every mail, so a rotation takes effect without a restart.
 */
public interface SrsKeyring {
    /** The {@link Srs} of the current secrets. */
    Srs srs();

    /** The secrets without the secrets themselves. */
    List<SrsSecretStatus> secrets();

    /**
     * Generates a secret that signs from now on; the one that signed until now retires and keeps verifying for the
     * maximum age.
     *
     * @throws SrsKeyringException {@link SrsKeyringException.Reason#CONFIGURED} when the secrets are configured
     */
    SrsSecretStatus rotate();

    /**
     * Forgets a retired secret before its addresses expire: bounces to them are refused from then on.
     *
     * @throws SrsKeyringException {@link SrsKeyringException.Reason#UNKNOWN_SECRET},
     *     {@link SrsKeyringException.Reason#SIGNING_SECRET} or {@link SrsKeyringException.Reason#CONFIGURED}
     */
    void remove(String id);
}
