package org.postwarden.spf;

import com.google.common.net.InetAddresses;
import java.util.regex.Pattern;

/**
 * Writes the Received-SPF field body of RFC 7208 §9.1:
 * <pre>
 * header-field = "Received-SPF:" [CFWS] result FWS [comment FWS] [ key-value-list ] CRLF
 * key-value-pair = key [CFWS] "=" ( dot-atom / quoted-string )
 * </pre>
 * as one unfolded line, e.g. {@code pass (mx.example.org: domain of a@example.com designates
 * 192.0.2.1 as permitted sender) client-ip=192.0.2.1; envelope-from="a@example.com";
 * helo=mail.example.com; receiver=mx.example.org; identity=mailfrom;}
 */
final class ReceivedSpfHeader {
    /** RFC 5322 §3.2.3 dot-atom. */
    private static final Pattern DOT_ATOM =
        Pattern.compile("[!#$%&'*+/0-9=?A-Z^_`a-z{|}~-]+(\\.[!#$%&'*+/0-9=?A-Z^_`a-z{|}~-]+)*");

    private ReceivedSpfHeader() {
    }

    static String value(SpfResult result, String receiver) {
        String ip = InetAddresses.toAddrString(result.clientIp());
        StringBuilder field = new StringBuilder(result.status().keyword())
            .append(" (").append(escapeComment(comment(result, receiver, ip))).append(")")
            .append(" client-ip=").append(atomOrQuoted(ip))
            .append("; envelope-from=").append(quote(result.mailFrom()))
            .append("; helo=").append(atomOrQuoted(result.helo()))
            .append("; receiver=").append(atomOrQuoted(receiver))
            .append("; identity=").append(result.identity().keyword());
        result.problem().ifPresent(problem -> field.append("; problem=").append(quote(problem)));
        return field.append(";").toString();
    }

    /** An RFC 5322 quoted-string. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String comment(SpfResult result, String receiver, String ip) {
        String who = result.identity() == SpfIdentity.MAILFROM ? result.mailFrom() : result.domain();
        String text = switch (result.status()) {
            case PASS -> "domain of " + who + " designates " + ip + " as permitted sender";
            case FAIL -> "domain of " + who + " does not designate " + ip + " as permitted sender";
            case SOFTFAIL -> "domain of transitioning " + who + " does not designate " + ip + " as permitted sender";
            case NEUTRAL -> ip + " is neither permitted nor denied by domain of " + who;
            case NONE -> "domain of " + who + " does not designate permitted sender hosts";
            case TEMPERROR -> "error in processing during lookup of " + who;
            case PERMERROR -> "permanent error in processing domain of " + who;
        };
        return receiver + ": " + text;
    }

    private static String atomOrQuoted(String value) {
        return DOT_ATOM.matcher(value).matches() ? value : quote(value);
    }

    /** Parentheses and backslashes become quoted-pairs inside a comment (RFC 5322 §3.2.2). */
    private static String escapeComment(String text) {
        return text.replaceAll("([()\\\\])", "\\\\$1");
    }
}
