package org.postwarden.webadmin.dkim;

import java.time.Instant;
import java.util.Locale;

import org.postwarden.dkim.keys.DkimKey;

/** A DKIM key as webadmin shows it: everything but the private key. */
record KeyView(String domain, String selector, String algorithm, int bits, String state, String created,
               String activated, String retiring, String retired, String dnsName, String dnsRecord) {

    static KeyView of(DkimKey key) {
        return new KeyView(key.domain(), key.selector(), key.algorithm().name().toLowerCase(Locale.ROOT).replace('_', '-'),
            key.bits(), key.state().name().toLowerCase(Locale.ROOT), key.created().toString(),
            key.activated().map(Instant::toString).orElse(null), key.retiring().map(Instant::toString).orElse(null),
            key.retired().map(Instant::toString).orElse(null), key.dnsName(), key.dnsRecord());
    }
}
