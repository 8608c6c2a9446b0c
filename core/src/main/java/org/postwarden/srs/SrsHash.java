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
 */
public final class SrsHash {
    /** HMAC-SHA1 gives 20 bytes, 27 base64 characters without padding. */
    public static final int MAX_LENGTH = 27;
    private static final String ALGORITHM = "HmacSHA1";

    private final SrsSecrets secrets;
    private final int length;

    /** @param length characters to write, and the fewest a hash must have to verify (Mail::SRS HashMin) */
    public SrsHash(SrsSecrets secrets, int length) {
        if (length < 1 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("the SRS hash length is 1 to " + MAX_LENGTH + ", got " + length);
        }
        this.secrets = secrets;
        this.length = length;
    }

    /** The hash of the fields under the signing (first) secret. */
    public String create(String... fields) {
        return full(secrets.signing(), fields).substring(0, length);
    }

    /**
     * Whether {@code hash} is what one of the secrets gives for the fields, as Mail::SRS {@code hash_verify}
     * decides: at least the hash length, compared with as many leading characters of the full hash (so a longer
     * hash from a signer configured for more characters verifies too), ignoring case, since a remote MTA may have
     * smashed the case of the local part. Also accepted: base64url ({@code -} and {@code _} for {@code +} and
     * {@code /}, RFC 4648 §5), which postsrsd 2 writes, so that its addresses under the same secret still reverse.
     */
    public boolean verify(String hash, String... fields) {
        if (hash.length() < length || hash.length() > MAX_LENGTH) {
            return false;
        }
        byte[] received = Ascii.toLowerCase(hash.replace('-', '+').replace('_', '/'))
            .getBytes(StandardCharsets.UTF_8);
        for (byte[] key : secrets.all()) {
            byte[] expected = Ascii.toLowerCase(full(key, fields).substring(0, hash.length()))
                .getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, received)) {
                return true;
            }
        }
        return false;
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
