package org.postwarden.deliverability;

import com.google.common.net.InetAddresses;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.dkim.keys.DkimKey;
import org.postwarden.dkim.keys.DkimKeyManager;
import org.postwarden.dkim.keys.InMemoryDkimKeyStore;
import org.postwarden.dkim.keys.KeyState;
import org.postwarden.dns.DnsResolver;
import org.postwarden.dns.StaticZone;

/**
 * The doctor's fixture (deliverability/zone.json): good.test passes every check; each other domain breaks one,
 * its name saying which. All send from 192.0.2.10 as mail.good.test, except noptr.test (192.0.2.20) and
 * unconfirmed.test (192.0.2.30). Every domain but nodkim.test has the ACTIVE Ed25519 key "ed" of
 * {@link #DKIM_KEY}; dkimwrong.test publishes another key under that selector.
 */
public final class DoctorFixture {
    public static final Instant NOW = Instant.parse("2026-11-22T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String IP = "192.0.2.10";
    public static final String HELO = "mail.good.test";
    public static final String SELECTOR = "ed";
    public static final String DKIM_KEY = "-----BEGIN PRIVATE KEY-----\n"
        + "MC4CAQAwBQYDK2VwBCIEIC+FQ2VFJr+9Hw9fVqPHeTRHGpKoI6v61GtZa4yAhArT\n"
        + "-----END PRIVATE KEY-----\n";
    public static final List<String> DOMAINS = List.of("good.test", "nospf.test", "twospf.test", "badspf.test",
        "deepspf.test", "voidspf.test", "otherip.test", "dkimwrong.test", "nodkim.test", "nodmarc.test",
        "dmarcnone.test", "norua.test", "noptr.test", "unconfirmed.test", "nomx.test", "halfmx.test",
        "nomtasts.test", "notlsrpt.test", "tempfail.test");

    private DoctorFixture() {
    }

    public static String zoneJson() {
        try (InputStream in = DoctorFixture.class.getResourceAsStream("/deliverability/zone.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static StaticZone zone() {
        return StaticZone.fromJson(zoneJson());
    }

    /** Keys as {@link DkimKeyManager} keeps them once activated. */
    public static DkimKeyManager keyManager(DnsResolver resolver) {
        InMemoryDkimKeyStore store = new InMemoryDkimKeyStore();
        DkimPrivateKey key = DkimKeys.parsePrivateKey(DKIM_KEY);
        for (String domain : DOMAINS) {
            if (!domain.equals("nodkim.test")) {
                store.save(new DkimKey(domain, SELECTOR, key.algorithm(), KeyState.ACTIVE, NOW.minus(Duration.ofDays(30)),
                    Optional.of(NOW.minus(Duration.ofDays(29))), Optional.empty(), Optional.empty(), key));
            }
        }
        return new DkimKeyManager(store, resolver, CLOCK);
    }

    /** A chain for mail.good.test, valid from 30 days before {@link #NOW} to 60 days after, under a test CA. */
    public static List<X509Certificate> certificateChain() {
        TestCertificates.Issued ca = TestCertificates.selfSigned("Fixture CA", NOW.minus(Duration.ofDays(365)),
            NOW.plus(Duration.ofDays(365)));
        TestCertificates.Issued leaf = TestCertificates.issuedBy(ca, HELO, NOW.minus(Duration.ofDays(30)),
            NOW.plus(Duration.ofDays(60)), HELO);
        return List.of(leaf.certificate(), ca.certificate());
    }

    public static DeliverabilityDoctor doctor(DnsResolver resolver) {
        List<X509Certificate> chain = certificateChain();
        return DeliverabilityDoctor.standard(resolver, new DkimCheck(keyManager(resolver)), () -> chain, List.of(), CLOCK);
    }

    /** The domain sending from its fixture address as mail.good.test. */
    public static Target target(String domain) {
        String ip = switch (domain) {
            case "noptr.test" -> "192.0.2.20";
            case "unconfirmed.test" -> "192.0.2.30";
            default -> IP;
        };
        return new Target(domain, Optional.of(InetAddresses.forString(ip)), Optional.of(HELO));
    }
}
