package org.postwarden.deliverability;

import com.google.common.base.Splitter;
import com.google.common.net.InetAddresses;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terms of an SPF record (RFC 7208 §4.6.1, §12):
 * <pre>
 * record    = version terms *SP
 * version   = "v=spf1"
 * terms     = *( 1*SP ( directive / modifier ) )
 * directive = [ qualifier ] mechanism
 * mechanism = ( all / include / a / mx / ptr / ip4 / ip6 / exists )
 * modifier  = redirect / explanation / unknown-modifier
 * </pre>
 * Domain specs are taken as written; macros are not expanded.
 */
record SpfTerms(List<Term> terms) {
    private static final Pattern VERSION = Pattern.compile("(?i)^v=spf1( .*)?$");
    private static final Pattern DIRECTIVE = Pattern.compile(
        "(?i)^[+\\-~?]?(all|include|a|mx|ptr|ip4|ip6|exists)(?::([^/]+))?(/\\d{1,3})?(//\\d{1,3})?$");
    private static final Pattern MODIFIER = Pattern.compile("(?i)^([a-z][a-z0-9_.\\-]*)=(.*)$");

    /** A mechanism, such as {@code include} with its domain spec, or a modifier such as {@code redirect}. */
    record Term(String name, Optional<String> argument) {
    }

    /** Whether a TXT record is an SPF record: {@code v=spf1} then a space or nothing (RFC 7208 §4.5). */
    static boolean isSpfRecord(String txt) {
        return VERSION.matcher(txt).matches();
    }

    /** @throws IllegalArgumentException naming the first term that breaks the grammar */
    static SpfTerms parse(String record) {
        if (!isSpfRecord(record)) {
            throw new IllegalArgumentException("does not start with v=spf1");
        }
        List<Term> terms = new ArrayList<>();
        Set<String> modifiers = new HashSet<>();
        for (String word : Splitter.on(' ').omitEmptyStrings().split(record.substring("v=spf1".length()))) {
            Matcher directive = DIRECTIVE.matcher(word);
            Matcher modifier = MODIFIER.matcher(word);
            if (directive.matches()) {
                terms.add(directive(word, directive));
            } else if (modifier.matches()) {
                String name = modifier.group(1).toLowerCase(Locale.ROOT);
                // RFC 7208 §6: redirect and exp appear at most once.
                if ((name.equals("redirect") || name.equals("exp")) && !modifiers.add(name)) {
                    throw new IllegalArgumentException(name + "= appears twice");
                }
                terms.add(new Term(name, Optional.of(modifier.group(2))));
            } else {
                throw new IllegalArgumentException("\"" + word + "\" is not an SPF mechanism or modifier");
            }
        }
        return new SpfTerms(terms);
    }

    private static Term directive(String word, Matcher directive) {
        String name = directive.group(1).toLowerCase(Locale.ROOT);
        Optional<String> argument = Optional.ofNullable(directive.group(2));
        boolean takesDomain = Set.of("include", "a", "mx", "ptr", "exists").contains(name);
        boolean needsArgument = Set.of("include", "exists", "ip4", "ip6").contains(name);
        if (needsArgument && argument.isEmpty() || name.equals("all") && (argument.isPresent()
            || directive.group(3) != null) || argument.isPresent() && !takesDomain && !isAddress(name, argument.get())) {
            throw new IllegalArgumentException("\"" + word + "\" is not a valid " + name + " mechanism");
        }
        return new Term(name, argument);
    }

    private static boolean isAddress(String mechanism, String value) {
        if (!InetAddresses.isInetAddress(value)) {
            return false;
        }
        Class<?> family = mechanism.equals("ip4") ? Inet4Address.class : Inet6Address.class;
        return family.isInstance(InetAddresses.forString(value));
    }
}
