package org.postwarden.mtasts;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TXT record at {@code _mta-sts.<domain>} announcing a policy (RFC 8461 §3.1):
 * <pre>
 * sts-text-record = sts-version 1*(*WSP ";" *WSP sts-field) [";"]
 * sts-version     = %s"v=STSv1"
 * sts-field       = sts-id / sts-extension
 * sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
 * sts-extension   = sts-ext-name "=" sts-ext-value
 * </pre>
 * The id changes whenever the policy does: a cached policy with another id must be fetched again.
 */
public record MtaStsRecord(String id) {
    public static final String PREFIX = "_mta-sts.";
    private static final Pattern RECORD = Pattern.compile(
        "v=STSv1(?:[ \\t]*;[ \\t]*[A-Za-z0-9][A-Za-z0-9_.\\-]{0,31}=[\\x21-\\x3A\\x3C\\x3E-\\x7E]{1,})+[ \\t]*;?[ \\t]*");
    private static final Pattern ID = Pattern.compile(";[ \\t]*id=([A-Za-z0-9]{1,32})[ \\t]*(?:;|$)");

    /** The domain's record among its TXT records; empty when there is none, or not exactly one (§3.1). */
    public static Optional<MtaStsRecord> select(List<String> texts) {
        List<String> candidates = texts.stream().filter(text -> text.startsWith("v=STSv1;")).toList();
        return candidates.size() == 1 ? parse(candidates.get(0)) : Optional.empty();
    }

    /** Empty for a syntactically invalid record or one without a valid id. */
    public static Optional<MtaStsRecord> parse(String text) {
        if (!RECORD.matcher(text).matches()) {
            return Optional.empty();
        }
        Matcher id = ID.matcher(text);
        return id.find() ? Optional.of(new MtaStsRecord(id.group(1))) : Optional.empty();
    }
}
