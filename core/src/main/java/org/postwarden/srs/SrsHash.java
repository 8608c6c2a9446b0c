package org.postwarden.srs;

import com.google.common.base.Ascii;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SRS hash, as Mail::SRS 0.31 {@code hash_create} makes it: HMAC-SHA1 (RFC 2104) keyed with a secret over
 * the fields, each lower-cased (ASCII letters only, like Perl's {@code lc} on bytes and libsrs2's
 * {@code tolower}) and concatenated as UTF-8, in standard base64 (RFC 4648 §4) without padding, cut to the
 * hash length.
 *
 * <p>Mail::SRS compares a returned hash ignoring case, which leaves about 20 bits in its 4 default characters: a
 * client guessing 2,000 hashes a second finds one in minutes. {@link Comparison#EXACT} compares case-sensitively,
 * so that each base64 character carries 6 bits; use it with 8 characters or more (48 bits).
 */
public final class SrsHash {
    /** How a returned hash is compared with the expected one; both in constant time. */
    public enum Comparison {
        /** Character for character (base64url spellings of {@code +} and {@code /} aside). */
        EXACT,
        /** Ignoring ASCII case, as Mail::SRS 0.31 and postsrsd: survives MTAs that smash the local part's case. */
        IGNORE_CASE
    }

    /** HMAC-SHA1 gives 20 bytes, 27 base64 characters without padding. */
    public static final int MAX_LENGTH = 27;
    private static final String ALGORITHM = "HmacSHA1";

    private final SrsSecrets secrets;
    private final int length;
    private final Comparison comparison;

    /** Mail::SRS's comparison, {@link Comparison#IGNORE_CASE}. */
    public SrsHash(SrsSecrets secrets, int length) {
        this(secrets, length, Comparison.IGNORE_CASE);
    }

    /** @param length characters to write, and the fewest a hash must have to verify (Mail::SRS HashMin) */
    public SrsHash(SrsSecrets secrets, int length, Comparison comparison) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("the SRS hash length is 1 to " + MAX_LENGTH + ", got " + length);
        }
        this.secrets = secrets;
        this.length = length;
        this.comparison = comparison;
    }

    /** The hash of the fields under the signing (first) secret. */
    public String create(String... fields) {
        return full(secrets.signing(), fields).substring(0, length);
    }

    /**
     * Whether {@code hash} is what one of the secrets gives for the fields, as Mail::SRS {@code hash_verify}
     * decides: at least the hash length, compared with as many leading characters of the full hash (so a longer
     * hash from a signer configured for more characters verifies too), ignoring case when the comparison is
     * {@link Comparison#IGNORE_CASE}, since a remote MTA may have smashed the case of the local part. Every secret
     * is tried, so the time taken does not tell which one matched. Also accepted: base64url ({@code -} and {@code _} for {@code +} and
     * {@code /}, RFC 4648 §5), which postsrsd 2 writes, so that its addresses under the same secret still reverse.
     */
    public boolean verify(String hash, String... fields) {
        if (hash.length() < length || hash.length() > MAX_LENGTH) {
            return false;
        }
        byte[] received = normalized(hash.replace('-', '+').replace('_', '/')).getBytes(StandardCharsets.UTF_8);
        boolean matched = false;
        for (byte[] key : secrets.all()) {
            byte[] expected = normalized(full(key, fields).substring(0, hash.length()))
                .getBytes(StandardCharsets.US_ASCII);
            matched |= MessageDigest.isEqual(expected, received);
        }
        return matched;
    }

    private String normalized(String hash) {
        return comparison == Comparison.IGNORE_CASE ? Ascii.toLowerCase(hash) : hash;
    }

    private static String full(byte[] key, String... fields) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            for (String field : fields) {
                mac.update(Ascii.toLowerCase(field).getBytes(StandardCharsets.UTF_8));
            }
            return Base64.getEncoder().withoutPadding().encodeToString(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform provides " + ALGORITHM, e);
        }
    }
}
