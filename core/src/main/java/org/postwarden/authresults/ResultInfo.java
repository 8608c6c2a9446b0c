package org.postwarden.authresults;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import com.google.common.base.Preconditions;

/**
 * One {@code resinfo} of an Authentication-Results header (RFC 8601 §2.2):
 * <pre>
 * resinfo = [CFWS] ";" methodspec [ CFWS reasonspec ] [ 1*( CFWS propspec ) ]
 * methodspec = [CFWS] method [CFWS] "=" [CFWS] result
 * propspec = ptype [CFWS] "." [CFWS] property [CFWS] "=" pvalue
 * </pre>
 * for example {@code dkim=pass header.d=example.com header.s=sel header.b=AbCdEfGh}.
 * A comment, such as DMARC's {@code (p=reject dis=none)}, follows the result.
 */
public record ResultInfo(String method, String result, Optional<String> comment, Optional<String> reason,
                         Map<String, String> properties) {
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    // RFC 8601 pvalue is a value (RFC 2045 token or quoted-string) or [local-part "@"] domain-name.
    private static final Pattern PLAIN_PVALUE = Pattern.compile("[A-Za-z0-9!#$%&'*+\\-/=?^_`{|}~.@:]+");

    public ResultInfo {
        Preconditions.checkArgument(KEYWORD.matcher(method).matches(), "bad method %s", method);
        Preconditions.checkArgument(KEYWORD.matcher(result).matches(), "bad result %s", result);
        Objects.requireNonNull(comment);
        Objects.requireNonNull(reason);
        properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
        properties.keySet().forEach(key -> Preconditions.checkArgument(key.matches("[a-z]+\\.[A-Za-z0-9._-]+"), "bad property %s", key));
    }

    public static ResultInfo of(String method, String result) {
        return new ResultInfo(method, result, Optional.empty(), Optional.empty(), Map.of());
    }

    public ResultInfo withComment(String text) {
        return new ResultInfo(method, result, Optional.of(text), reason, properties);
    }

    public ResultInfo withReason(String text) {
        return new ResultInfo(method, result, comment, Optional.of(text), properties);
    }

    /** Adds {@code ptype.property=value}, e.g. {@code property("header.d", "example.com")}. */
    public ResultInfo property(String name, String value) {
        Map<String, String> next = new LinkedHashMap<>(properties);
        next.put(name, value);
        return new ResultInfo(method, result, comment, reason, next);
    }

    /** The tokens of this resinfo, in order, so the header writer can fold between them. */
    List<String> tokens() {
        List<String> tokens = new ArrayList<>();
        tokens.add(method + "=" + result);
        comment.ifPresent(text -> tokens.add("(" + escapeComment(text) + ")"));
        reason.ifPresent(text -> tokens.add("reason=" + quoted(text)));
        properties.forEach((name, value) -> tokens.add(name + "=" + pvalue(value)));
        return tokens;
    }

    /** The resinfo on one line, e.g. {@code spf=pass smtp.mailfrom=example.com}. */
    @Override
    public String toString() {
        return String.join(" ", tokens());
    }

    private static String pvalue(String value) {
        return PLAIN_PVALUE.matcher(value).matches() ? value : quoted(value);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replaceAll("[\\r\\n]", " ") + "\"";
    }

    private static String escapeComment(String text) {
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").replaceAll("[\\r\\n]", " ");
    }
}
