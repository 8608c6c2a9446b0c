package org.postwarden.bench.smtp;

import java.io.IOException;
import java.util.Map;

/**
 * What the load run compares. {@code postfix} is Debian's Postfix relaying to the sink and delivering to Maildirs,
 * {@code postfix-dkim} the same Postfix relaying through OpenDKIM (RSA-2048): the baselines. The others are two
 * configurations of our distribution. {@code plain} is James' own pipeline:
 * the shipped conf without any Postwarden SMTP hook, mailet or matcher. {@code full} is the shipped conf with every
 * feature on: SPF/DKIM/DMARC/ARC verification, greylisting (loopback not exempt, the client network auto-whitelisted
 * by a warm-up), throttling with limits the run cannot reach, DKIM signing, spam check, SRS and ARC on forwards.
 */
enum Profile {
    POSTFIX, POSTFIX_DKIM, PLAIN, FULL;

    private static final String UNREACHABLE = "1000000";

    String label() {
        return name().toLowerCase().replace('_', '-');
    }

    boolean postwarden() {
        return this == PLAIN || this == FULL;
    }

    /** Postfix stands for us in the flows its baseline measures: relay (plain, or signing) and inbound to Maildir. */
    boolean serves(Scenario scenario) {
        return switch (this) {
            case POSTFIX -> scenario != Scenario.FORWARD;
            case POSTFIX_DKIM -> scenario == Scenario.RELAY;
            case PLAIN, FULL -> true;
        };
    }

    void configure(Distribution distribution, int spamdPort) throws IOException {
        if (this == PLAIN) {
            distribution.rewrite("smtpserver.xml", WithoutPostwarden::of);
            distribution.rewrite("mailetcontainer.xml", WithoutPostwarden::of);
            return;
        }
        distribution.edit("greylist.properties", Map.of("skip.loopback=true", "skip.loopback=false", "delay=5m", "delay=1s"));
        distribution.edit("throttle.properties", Map.of(
            "user.messages=100/1h, 1000/1d", "user.messages=" + UNREACHABLE + "/1h",
            "user.recipients=500/1h, 2000/1d", "user.recipients=" + UNREACHABLE + "/1h",
            "newAccount.messages=10/1d", "newAccount.messages=" + UNREACHABLE + "/1d",
            "suspend.messages=300/10m", "suspend.messages=" + UNREACHABLE + "/10m",
            "suspend.recipients=1000/10m", "suspend.recipients=" + UNREACHABLE + "/10m",
            "ip.messages=300/1m", "ip.messages=" + UNREACHABLE + "/1m",
            "ip.recipients=1000/1m", "ip.recipients=" + UNREACHABLE + "/1m",
            "harvest.recipients=20/10m", "harvest.recipients=" + UNREACHABLE + "/10m"));
        distribution.edit("srs.properties", Map.of("domain=\n", "domain=" + LoadMail.FORWARDER + "\n",
            "secrets=\n", "secrets=load-run-secret\n"));
        distribution.edit("mailetcontainer.xml", Map.of("<spamdPort>783</spamdPort>", "<spamdPort>" + spamdPort + "</spamdPort>"));
    }
}
