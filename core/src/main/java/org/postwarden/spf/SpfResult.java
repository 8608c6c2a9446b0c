package org.postwarden.spf;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

import org.postwarden.authresults.ResultInfo;

/**
 * The outcome of one SPF check of a connection.
 *
 * @param status the check_host() result (RFC 7208 §2.6)
 * @param identity the identity checked: MAIL FROM, or HELO for a null reverse-path (RFC 7208 §2.4)
 * @param domain the domain whose policy was evaluated: the MAIL FROM domain or the HELO domain
 * @param clientIp the SMTP client's address
 * @param mailFrom the reverse-path, empty for the null reverse-path
 * @param helo the HELO/EHLO argument, empty when the client gave none
 * @param explanation the expanded exp= text of a FAIL whose record provides one (RFC 7208 §6.2)
 * @param problem why the result was decided outside jSPF: the void lookup or MX limit (permerror),
 *     the time budget or a failed address lookup (temperror), all RFC 7208 §4.6.4
 * @param heloResult the separate HELO check (RFC 7208 §2.3) made next to a MAIL FROM check
 */
public record SpfResult(SpfStatus status, SpfIdentity identity, String domain, InetAddress clientIp,
                        String mailFrom, String helo, Optional<String> explanation, Optional<String> problem,
                        Optional<SpfResult> heloResult) {
    public static final String RECEIVED_SPF = "Received-SPF";


    public SpfResult {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(clientIp, "clientIp");
        Objects.requireNonNull(mailFrom, "mailFrom");
        Objects.requireNonNull(helo, "helo");
        Objects.requireNonNull(explanation, "explanation");
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(heloResult, "heloResult");
    }

    /** The Received-SPF field body (RFC 7208 §9.1), the field name being {@link #RECEIVED_SPF}. */
    public String receivedSpf(String receiver) {
        return ReceivedSpfHeader.value(this, receiver);
    }

    /**
     * The Authentication-Results resinfo (RFC 8601 §2.7.2), e.g. {@code spf=pass smtp.mailfrom=example.com};
     * {@code smtp.helo=} carries the HELO domain when that was the identity.
     */
    public ResultInfo resinfo() {
        return ResultInfo.of("spf", status.keyword()).property(identity.property(), domain);
    }
}
