package org.postwarden.srs.keys;

import java.time.Instant;
import java.util.Optional;

/**
 * What an operator sees of an SRS secret: never the secret. {@code createdAt} is empty for a secret configured in
 * srs.properties; {@code verifiesUntil} is when the addresses a retired secret signed stop reversing.
 */
public record SrsSecretStatus(String id, Optional<Instant> createdAt, boolean signing, Optional<Instant> retiredAt,
                              Optional<Instant> verifiesUntil) {
}
