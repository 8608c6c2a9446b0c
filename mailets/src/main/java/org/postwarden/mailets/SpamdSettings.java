package org.postwarden.mailets;

import java.time.temporal.ChronoUnit;
import java.util.OptionalDouble;

import org.apache.james.util.DurationParser;
import org.apache.mailet.MailetConfig;
import org.postwarden.spam.SpamdClient;

/** The spamd settings the spam-checking mailets share: spamdHost, spamdPort, timeout and threshold. */
final class SpamdSettings {
    private SpamdSettings() {
    }

    static SpamdClient client(MailetConfig config) {
        String threshold = parameter(config, "threshold", "");
        return new SpamdClient(parameter(config, "spamdHost", "127.0.0.1"),
            Integer.parseInt(parameter(config, "spamdPort", String.valueOf(SpamdClient.DEFAULT_PORT))),
            DurationParser.parse(parameter(config, "timeout", "30 seconds"), ChronoUnit.SECONDS),
            threshold.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(Double.parseDouble(threshold)));
    }

    private static String parameter(MailetConfig config, String name, String fallback) {
        String value = config.getInitParameter(name);
        return value == null ? fallback : value.trim();
    }
}
