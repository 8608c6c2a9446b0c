package org.postwarden.dkim;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-256 digests, cloned from a prototype that is never updated: cheaper than a provider lookup
 * per digest, and safe to share since cloning only reads its initial state.
 */
final class Sha256 {
    private static final MessageDigest PROTOTYPE = lookUp();
    private static final boolean CLONEABLE = isCloneable();

    private Sha256() {
    }

    static MessageDigest newDigest() {
        if (CLONEABLE) {
            try {
                return (MessageDigest) PROTOTYPE.clone();
            } catch (CloneNotSupportedException e) {
                // Not reached: isCloneable() checked it.
            }
        }
        return lookUp();
    }

    static byte[] hash(byte[] data) {
        return hash(data, data.length);
    }

    static byte[] hash(byte[] data, int length) {
        MessageDigest digest = newDigest();
        digest.update(data, 0, length);
        return digest.digest();
    }

    private static MessageDigest lookUp() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static boolean isCloneable() {
        try {
            PROTOTYPE.clone();
            return true;
        } catch (CloneNotSupportedException e) {
            return false;
        }
    }
}
