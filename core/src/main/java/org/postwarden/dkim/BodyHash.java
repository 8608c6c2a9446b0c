package org.postwarden.dkim;

/**
 * The body hash of bh= (RFC 6376 §3.7) under one canonicalization and l=, with the canonical length it covered,
 * which tells whether the body is shorter than l= says. {@link RawMessage#bodyHash} keeps them per message. The
 * digest is shared: read it, never change it.
 */
public record BodyHash(byte[] digest, long canonicalLength) {
}
