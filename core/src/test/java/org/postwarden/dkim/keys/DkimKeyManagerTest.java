package org.postwarden.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.postwarden.dkim.keys.KeyFixtures.ED25519;
import static org.postwarden.dkim.keys.KeyFixtures.ED25519_B;
import static org.postwarden.dkim.keys.KeyFixtures.NOW;
import static org.postwarden.dkim.keys.KeyFixtures.RSA_1024;
import static org.postwarden.dkim.keys.KeyFixtures.RSA_2048;

import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postwarden.dkim.DkimAlgorithm;
import org.postwarden.dkim.DkimKeys;
import org.postwarden.dkim.DkimPrivateKey;
import org.postwarden.testing.MutableClock;

class DkimKeyManagerTest {
    private static final String DOMAIN = "example.com";
    private static final Duration GRACE = Duration.ofDays(7);

    private MutableClock clock;
    private MutableDns dns;
    private InMemoryDkimKeyStore store;
    private DkimKeyManager manager;

    @BeforeEach
    void setUp() {
        clock = new MutableClock(NOW);
        dns = new MutableDns();
        store = new InMemoryDkimKeyStore();
        manager = new DkimKeyManager(store, dns, clock, GRACE);
    }

    /** Imports a fixture key as PENDING under the selector. */
    private DkimKey add(String selector, DkimPrivateKey key) {
        return manager.importKey(DOMAIN, selector, key.toPem());
    }

    /** Publishes the keys' records, replacing everything published before. */
    private void publish(DkimKey... keys) {
        dns.publish(zone -> {
            for (DkimKey key : keys) {
                zone.txt(key.dnsName(), key.dnsRecord());
            }
            return zone;
        });
    }

    private DkimKey publishedAndActive(String selector, DkimPrivateKey privateKey, DkimKey... alsoPublished) {
        DkimKey key = add(selector, privateKey);
        DkimKey[] all = Arrays.copyOf(alsoPublished, alsoPublished.length + 1);
        all[alsoPublished.length] = key;
        publish(all);
        return manager.activate(DOMAIN, selector);
    }

    @Nested
    class Generate {
        @Test
        void generateShouldCreateAPending2048BitRsaKeyUnderADatedSelector() {
            DkimKey key = manager.generate(DOMAIN, DkimAlgorithm.RSA_SHA256, Optional.empty(), OptionalInt.empty());

            assertThat(key.selector()).isEqualTo("pw20231114r");
            assertThat(key.domain()).isEqualTo(DOMAIN);
            assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
            assertThat(key.bits()).isEqualTo(2048);
            assertThat(key.state()).isEqualTo(KeyState.PENDING);
            assertThat(key.created()).isEqualTo(NOW);
            assertThat(key.activated()).isEmpty();
            assertThat(key.retiring()).isEmpty();
            assertThat(key.retired()).isEmpty();
            assertThat(key.dnsName()).isEqualTo("pw20231114r._domainkey.example.com");
            assertThat(key.dnsRecord()).startsWith("v=DKIM1; k=rsa; p=MIIBIjAN");
            assertThat(store.find(DOMAIN, "pw20231114r")).contains(key);
        }

        @Test
        void generateShouldCreateEd25519Keys() {
            DkimKey key = manager.generate(DOMAIN, DkimAlgorithm.ED25519_SHA256, Optional.empty(), OptionalInt.empty());

            assertThat(key.selector()).isEqualTo("pw20231114e");
            assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
            assertThat(key.bits()).isEqualTo(256);
            assertThat(key.dnsRecord()).startsWith("v=DKIM1; k=ed25519; p=");
        }

        @Test
        void generateShouldSuffixTheDefaultSelectorWhenTaken() {
            List<String> selectors = IntStream.range(0, 3)
                .mapToObj(i -> manager.generate(DOMAIN, DkimAlgorithm.ED25519_SHA256, Optional.empty(),
                    OptionalInt.empty()).selector())
                .toList();

            assertThat(selectors).containsExactly("pw20231114e", "pw20231114e-2", "pw20231114e-3");
        }

        @Test
        void theDefaultSelectorShouldIgnoreCaseWhenCheckingWhatIsTaken() {
            add("PW20231114E", ED25519);

            assertThat(manager.generate(DOMAIN, DkimAlgorithm.ED25519_SHA256, Optional.empty(), OptionalInt.empty())
                .selector()).isEqualTo("pw20231114e-2");
        }

        @Test
        void theDefaultSelectorShouldUseTheUtcDateOfTheClock() {
            clock.set(Instant.parse("2024-02-29T23:59:59Z"));
            assertThat(manager.generate(DOMAIN, DkimAlgorithm.ED25519_SHA256, Optional.empty(), OptionalInt.empty())
                .selector()).isEqualTo("pw20240229e");

            clock.advance(Duration.ofSeconds(1));
            assertThat(manager.generate(DOMAIN, DkimAlgorithm.ED25519_SHA256, Optional.empty(), OptionalInt.empty())
                .selector()).isEqualTo("pw20240301e");
        }

        @Test
        void generateShouldHonourAnExplicitSelectorAndSize() {
            DkimKey key = manager.generate("Mail.Example.COM.", DkimAlgorithm.RSA_SHA256, Optional.of("Winter2024.eu"),
                OptionalInt.of(1024));

            assertThat(key.domain()).isEqualTo("mail.example.com");
            assertThat(key.selector()).isEqualTo("Winter2024.eu");
            assertThat(key.bits()).isEqualTo(1024);
            assertThat(manager.key("mail.example.com", "Winter2024.eu")).isEqualTo(key);
        }

        @Test
        void generateShouldRefuseATakenSelector() {
            add("sel", ED25519);

            assertThatThrownBy(() -> manager.generate(DOMAIN, DkimAlgorithm.ED25519_SHA256, Optional.of("sel"),
                OptionalInt.empty())).isInstanceOf(KeyConflictException.class).hasMessageContaining("sel");
            // DNS names ignore case: "SEL" would publish at the same name.
            assertThatThrownBy(() -> manager.generate("EXAMPLE.com", DkimAlgorithm.ED25519_SHA256, Optional.of("SEL"),
                OptionalInt.empty())).isInstanceOf(KeyConflictException.class);
            assertThat(manager.keys(DOMAIN)).hasSize(1);
        }

        @Test
        void theSameSelectorShouldBeFreeForAnotherDomain() {
            add("sel", ED25519);

            DkimKey other = manager.generate("example.org", DkimAlgorithm.ED25519_SHA256, Optional.of("sel"),
                OptionalInt.empty());

            assertThat(other.dnsName()).isEqualTo("sel._domainkey.example.org");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", " ", "example", "exa_mple.com", "-example.com", "example-.com", "example..com",
            "../etc", "example.com/x", "ex ample.com", "éxample.com"})
        void generateShouldRefuseBadDomains(String domain) {
            assertThatThrownBy(() -> manager.generate(domain, DkimAlgorithm.ED25519_SHA256, Optional.empty(),
                OptionalInt.empty())).isInstanceOf(IllegalArgumentException.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "a_b", "-sel", "sel-", "a..b", ".sel", "sel.", "a/b", "..", "s el", "sél",
            "a123456789012345678901234567890123456789012345678901234567890123"})
        void generateShouldRefuseBadSelectors(String selector) {
            assertThatThrownBy(() -> manager.generate(DOMAIN, DkimAlgorithm.ED25519_SHA256, Optional.of(selector),
                OptionalInt.empty())).isInstanceOf(IllegalArgumentException.class);
            assertThat(manager.keys(DOMAIN)).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(ints = {512, 1023, 4097, 8192})
        void generateShouldRefuseRsaSizesOutsideRfc8301(int bits) {
            assertThatThrownBy(() -> manager.generate(DOMAIN, DkimAlgorithm.RSA_SHA256, Optional.empty(),
                OptionalInt.of(bits))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("" + bits);
        }

        @Test
        void generateShouldRefuseRsaSha1() {
            assertThatThrownBy(() -> manager.generate(DOMAIN, DkimAlgorithm.RSA_SHA1, Optional.empty(),
                OptionalInt.empty())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8301");
        }

        @Test
        void generateShouldRefuseASizeForEd25519() {
            assertThatThrownBy(() -> manager.generate(DOMAIN, DkimAlgorithm.ED25519_SHA256, Optional.empty(),
                OptionalInt.of(2048))).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Import {
        @Test
        void importShouldReadPkcs1RsaPems() {
            DkimKey key = manager.importKey(DOMAIN, "rfc8463", KeyFixtures.RSA_1024_PKCS1_PEM);

            assertThat(key.state()).isEqualTo(KeyState.PENDING);
            assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
            assertThat(key.bits()).isEqualTo(1024);
            assertThat(key.created()).isEqualTo(NOW);
            assertThat(key.dnsRecord()).isEqualTo(RSA_1024.publicKey().dnsRecord());
            assertThat(manager.key(DOMAIN, "rfc8463")).isEqualTo(key);
        }

        @Test
        void importShouldReadPkcs8RsaPems() {
            DkimKey key = manager.importKey(DOMAIN, "mailauth", KeyFixtures.RSA_2048_PKCS8_PEM);

            assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.RSA_SHA256);
            assertThat(key.bits()).isEqualTo(2048);
        }

        @Test
        void importShouldReadPemsOfGeneratedKeys() {
            DkimPrivateKey rsa = DkimKeys.generateRsa(1024);
            DkimPrivateKey ed25519 = DkimKeys.generateEd25519();

            assertThat(manager.importKey(DOMAIN, "rsa", rsa.toPem()).dnsRecord())
                .isEqualTo(rsa.publicKey().dnsRecord());
            assertThat(manager.importKey(DOMAIN, "ed", ed25519.toPem()).dnsRecord())
                .isEqualTo(ed25519.publicKey().dnsRecord());
        }

        @Test
        void importShouldTakeTheAlgorithmFromAnEd25519Key() {
            DkimKey key = manager.importKey("Example.com", "ed", KeyFixtures.ED25519_PEM);

            assertThat(key.domain()).isEqualTo(DOMAIN);
            assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
            assertThat(key.bits()).isEqualTo(256);
        }

        @Test
        void importShouldRefuseATakenSelector() {
            add("sel", ED25519);

            assertThatThrownBy(() -> manager.importKey(DOMAIN, "sel", KeyFixtures.RSA_1024_PKCS1_PEM))
                .isInstanceOf(KeyConflictException.class);
            assertThat(manager.key(DOMAIN, "sel").algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        }

        @Test
        void importShouldExplainUnreadablePems() {
            String pem = KeyFixtures.RSA_2048_PKCS8_PEM;
            assertThatThrownBy(() -> manager.importKey(DOMAIN, "a", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no private key");
            assertThatThrownBy(() -> manager.importKey(DOMAIN, "a", "hello world"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a PEM private key");
            assertThatThrownBy(() -> manager.importKey(DOMAIN, "a", pem.substring(0, pem.indexOf("-----END"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
            assertThatThrownBy(() -> manager.importKey(DOMAIN, "a", pem.replace("MII", "AAA")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable private key");
            String publicPem = KeyFixtures.resourceText("mailauth/fixtures__public-rsa.pem");
            assertThatThrownBy(() -> manager.importKey(DOMAIN, "a", publicPem))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("public key");
            String encrypted = pem.replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY");
            assertThatThrownBy(() -> manager.importKey(DOMAIN, "a", encrypted))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("encrypted");
            assertThatThrownBy(() -> manager.importKey(DOMAIN, "a", "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n"
                + "-----END EC PRIVATE KEY-----\n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ECDSA");
            assertThat(manager.keys(DOMAIN)).isEmpty();
        }

        @Test
        void importShouldRefuseKeysOfOtherAlgorithms() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(256);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

            assertThatThrownBy(() -> manager.importKey(DOMAIN, "ec", pem))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unsupported key algorithm");
        }

        @Test
        void importShouldAcceptABareEd25519Seed() {
            // mailauth's "private-ec.key" is an Ed25519 seed in base64, as dkimpy and RFC 8463 Appendix A write them.
            DkimKey key = manager.importKey(DOMAIN, "seed",
                KeyFixtures.resourceText("mailauth/dkim__ec__fixtures__private-ec.key"));

            assertThat(key.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        }

        @Test
        void importShouldRefuseRsaKeysBelow1024Bits() throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(512);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";

            assertThatThrownBy(() -> manager.importKey(DOMAIN, "weak", pem))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1024");
        }

        @Test
        void importShouldRefuseBadSelectors() {
            assertThatThrownBy(() -> manager.importKey(DOMAIN, "../x", KeyFixtures.ED25519_PEM))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("selector");
        }
    }

    @Nested
    class Lookup {
        @Test
        void keyShouldFailForAnUnknownKey() {
            assertThatThrownBy(() -> manager.key(DOMAIN, "nope")).isInstanceOf(UnknownKeyException.class)
                .hasMessageContaining("nope").hasMessageContaining(DOMAIN);
        }

        @Test
        void keysShouldListTheDomainOldestFirst() {
            DkimKey first = add("b", ED25519);
            clock.advance(Duration.ofMinutes(1));
            DkimKey second = add("a", RSA_1024);

            assertThat(manager.keys("EXAMPLE.COM")).containsExactly(first, second);
            assertThat(manager.keys("example.org")).isEmpty();
        }
    }

    @Nested
    class DnsChecks {
        private DkimKey key;

        @BeforeEach
        void addKey() {
            key = add("sel", RSA_1024);
        }

        private DnsCheck check() {
            return manager.dnsCheck(DOMAIN, "sel");
        }

        @Test
        void aNameWithoutRecordsShouldBeMissing() {
            DnsCheck check = check();

            assertThat(check.status()).isEqualTo(DnsCheck.Status.MISSING);
            assertThat(check.name()).isEqualTo("sel._domainkey.example.com");
            assertThat(check.expectedRecord()).isEqualTo(key.dnsRecord());
            assertThat(check.publishedRecords()).isEmpty();
            assertThat(check.message()).contains("NXDOMAIN");
        }

        @Test
        void aNameWithoutTxtRecordsShouldBeMissing() {
            dns.publish(zone -> zone.a(key.dnsName(), "192.0.2.1"));

            assertThat(check().status()).isEqualTo(DnsCheck.Status.MISSING);
        }

        @Test
        void otherTxtRecordsShouldBeMissing() {
            dns.publish(zone -> zone.txt(key.dnsName(), "google-site-verification=abc123"));

            DnsCheck check = check();
            assertThat(check.status()).isEqualTo(DnsCheck.Status.MISSING);
            assertThat(check.publishedRecords()).containsExactly("google-site-verification=abc123");
        }

        @Test
        void theExpectedRecordShouldMatch() {
            publish(key);

            DnsCheck check = check();
            assertThat(check.status()).isEqualTo(DnsCheck.Status.MATCH);
            assertThat(check.matches()).isTrue();
            assertThat(check.publishedRecords()).containsExactly(key.dnsRecord());
        }

        @Test
        void formattingAndOtherTagsShouldNotMatter() {
            String p = Base64.getEncoder().encodeToString(RSA_1024.publicKey().encoded());
            String record = "p=" + p.substring(0, 100) + " " + p.substring(100)
                + " ;  t = y:s ; h=sha256 ;k=RSA; s=email";
            // Split over several character-strings, as a 2048-bit key must be.
            dns.publish(zone -> zone.txt(key.dnsName(), record.substring(0, 120), record.substring(120)));

            assertThat(check().status()).isEqualTo(DnsCheck.Status.MATCH);
        }

        @Test
        void aRecordWithoutTheKeyTypeShouldMatchAnRsaKey() {
            String p = Base64.getEncoder().encodeToString(RSA_1024.publicKey().encoded());
            dns.publish(zone -> zone.txt(key.dnsName(), "v=DKIM1; p=" + p));

            assertThat(check().status()).isEqualTo(DnsCheck.Status.MATCH);
        }

        @Test
        void aPkcs1PublicKeyShouldMatch() throws Exception {
            String pkcs1 = Base64.getEncoder().encodeToString(
                SubjectPublicKeyInfo.getInstance(RSA_1024.publicKey().encoded()).parsePublicKey().getEncoded());
            dns.publish(zone -> zone.txt(key.dnsName(), "v=DKIM1; k=rsa; p=" + pkcs1));

            assertThat(check().status()).isEqualTo(DnsCheck.Status.MATCH);
        }

        @Test
        void anotherKeyShouldMismatch() {
            dns.publish(zone -> zone.txt(key.dnsName(), RSA_2048.publicKey().dnsRecord()));

            DnsCheck check = check();
            assertThat(check.status()).isEqualTo(DnsCheck.Status.MISMATCH);
            assertThat(check.message()).contains("another 2048-bit rsa key");
            assertThat(check.publishedRecords()).containsExactly(RSA_2048.publicKey().dnsRecord());
        }

        @Test
        void anotherKeyTypeShouldMismatch() {
            dns.publish(zone -> zone.txt(key.dnsName(), ED25519.publicKey().dnsRecord()));

            DnsCheck check = check();
            assertThat(check.status()).isEqualTo(DnsCheck.Status.MISMATCH);
            assertThat(check.message()).contains("k=ed25519");
        }

        @Test
        void theRightKeyUnderTheWrongTypeShouldMismatch() {
            String p = Base64.getEncoder().encodeToString(RSA_1024.publicKey().encoded());
            dns.publish(zone -> zone.txt(key.dnsName(), "v=DKIM1; k=ed25519; p=" + p));

            assertThat(check().status()).isEqualTo(DnsCheck.Status.MISMATCH);
        }

        @Test
        void aRevokedKeyShouldMismatch() {
            dns.publish(zone -> zone.txt(key.dnsName(), "v=DKIM1; k=rsa; p="));

            DnsCheck check = check();
            assertThat(check.status()).isEqualTo(DnsCheck.Status.MISMATCH);
            assertThat(check.message()).contains("revokes");
        }

        @Test
        void aBrokenRecordShouldMismatch() {
            dns.publish(zone -> zone.txt(key.dnsName(), "v=DKIM1; k=rsa; p=AAAA"));

            DnsCheck check = check();
            assertThat(check.status()).isEqualTo(DnsCheck.Status.MISMATCH);
            assertThat(check.message()).contains("not a valid DKIM key record");
        }

        @Test
        void aHashRestrictionExcludingSha256ShouldMismatch() {
            dns.publish(zone -> zone.txt(key.dnsName(), key.dnsRecord() + "; h=sha1"));

            DnsCheck check = check();
            assertThat(check.status()).isEqualTo(DnsCheck.Status.MISMATCH);
            assertThat(check.message()).contains("h=sha1");
        }

        @Test
        void theKeyAmongOtherRecordsShouldMatchWithAWarning() {
            dns.publish(zone -> zone.txt(key.dnsName(), RSA_2048.publicKey().dnsRecord())
                .txt(key.dnsName(), key.dnsRecord())
                .txt(key.dnsName(), "unrelated"));

            DnsCheck check = check();
            assertThat(check.status()).isEqualTo(DnsCheck.Status.MATCH);
            assertThat(check.message()).contains("1 other DKIM record");
            assertThat(check.publishedRecords()).hasSize(3);
        }

        @Test
        void aDnsFailureShouldBeTempfail() {
            dns.publish(zone -> zone.timeout(key.dnsName()));

            DnsCheck check = check();
            assertThat(check.status()).isEqualTo(DnsCheck.Status.TEMPFAIL);
            assertThat(check.message()).contains("timeout");
        }

        @Test
        void anUnknownKeyCannotBeChecked() {
            assertThatThrownBy(() -> manager.dnsCheck(DOMAIN, "nope")).isInstanceOf(UnknownKeyException.class);
        }
    }

    @Nested
    class Activation {
        @Test
        void activateShouldWaitForDnsToPublishTheRecord() {
            DkimKey key = add("sel", RSA_1024);

            assertThatThrownBy(() -> manager.activate(DOMAIN, "sel"))
                .isInstanceOf(KeyNotPublishedException.class)
                .satisfies(e -> assertThat(((KeyNotPublishedException) e).dnsCheck().status())
                    .isEqualTo(DnsCheck.Status.MISSING));
            assertThat(manager.key(DOMAIN, "sel").state()).isEqualTo(KeyState.PENDING);

            publish(key);
            clock.advance(Duration.ofHours(1));
            DkimKey active = manager.activate(DOMAIN, "sel");

            assertThat(active.state()).isEqualTo(KeyState.ACTIVE);
            assertThat(active.activated()).contains(NOW.plus(Duration.ofHours(1)));
            assertThat(active.created()).isEqualTo(NOW);
            assertThat(manager.key(DOMAIN, "sel")).isEqualTo(active);
        }

        @Test
        void activateShouldRefuseAMismatchingRecord() {
            add("sel", RSA_1024);
            dns.publish(zone -> zone.txt("sel._domainkey.example.com", RSA_2048.publicKey().dnsRecord()));

            assertThatThrownBy(() -> manager.activate(DOMAIN, "sel"))
                .isInstanceOf(KeyNotPublishedException.class)
                .hasMessageContaining("MISMATCH")
                .satisfies(e -> assertThat(((KeyNotPublishedException) e).dnsCheck().publishedRecords())
                    .containsExactly(RSA_2048.publicKey().dnsRecord()));
        }

        @Test
        void activateShouldRefuseOnDnsFailure() {
            add("sel", RSA_1024);
            dns.publish(zone -> zone.servfail("sel._domainkey.example.com"));

            assertThatThrownBy(() -> manager.activate(DOMAIN, "sel"))
                .isInstanceOf(KeyNotPublishedException.class)
                .satisfies(e -> assertThat(((KeyNotPublishedException) e).dnsCheck().status())
                    .isEqualTo(DnsCheck.Status.TEMPFAIL));
        }

        @Test
        void activatingAnActiveKeyShouldChangeNothing() {
            DkimKey active = publishedAndActive("sel", RSA_1024);
            dns.publish(zone -> zone);
            clock.advance(Duration.ofDays(1));

            assertThat(manager.activate(DOMAIN, "sel")).isEqualTo(active);
            assertThat(manager.key(DOMAIN, "sel")).isEqualTo(active);
        }

        @Test
        void retiringAndRetiredKeysCannotBeActivated() {
            DkimKey active = publishedAndActive("old", RSA_1024);
            manager.retire(DOMAIN, "old");
            DkimKey pending = add("never", ED25519);
            manager.retire(DOMAIN, "never");
            publish(active, pending);

            assertThatThrownBy(() -> manager.activate(DOMAIN, "old"))
                .isInstanceOf(KeyStateConflictException.class).isInstanceOf(KeyConflictException.class)
                .hasMessageContaining("RETIRING");
            assertThatThrownBy(() -> manager.activate(DOMAIN, "never"))
                .isInstanceOf(KeyStateConflictException.class).hasMessageContaining("RETIRED");
        }

        @Test
        void activateShouldFailForAnUnknownKey() {
            assertThatThrownBy(() -> manager.activate(DOMAIN, "nope")).isInstanceOf(UnknownKeyException.class);
        }
    }

    @Nested
    class Rotation {
        @Test
        void activatingANewKeyShouldRetireTheActiveKeyOfTheSameAlgorithm() {
            DkimKey old = publishedAndActive("old", RSA_1024);
            DkimKey next = add("next", RSA_2048);
            publish(old, next);
            clock.advance(Duration.ofDays(30));

            DkimKey active = manager.activate(DOMAIN, "next");

            Instant now = NOW.plus(Duration.ofDays(30));
            assertThat(active.state()).isEqualTo(KeyState.ACTIVE);
            DkimKey retiring = manager.key(DOMAIN, "old");
            assertThat(retiring.state()).isEqualTo(KeyState.RETIRING);
            assertThat(retiring.activated()).contains(NOW);
            assertThat(retiring.retiring()).contains(now);
            assertThat(manager.signingKeys(DOMAIN)).containsExactly(active);
        }

        @Test
        void activatingAnEd25519KeyShouldNotRetireTheRsaKey() {
            DkimKey rsa = publishedAndActive("rsa", RSA_1024);
            DkimKey ed = publishedAndActive("ed", ED25519, rsa);

            assertThat(manager.key(DOMAIN, "rsa").state()).isEqualTo(KeyState.ACTIVE);
            assertThat(manager.signingKeys(DOMAIN)).containsExactly(rsa, ed);
        }

        @Test
        void activationShouldNotTouchOtherDomains() {
            DkimKey other = manager.importKey("example.org", "sel", RSA_2048.toPem());
            dns.publish(zone -> zone.txt(other.dnsName(), other.dnsRecord()));
            manager.activate("example.org", "sel");

            publishedAndActive("sel", RSA_1024);

            assertThat(manager.key("example.org", "sel").state()).isEqualTo(KeyState.ACTIVE);
        }
    }

    @Nested
    class Advance {
        @Test
        void advanceShouldActivatePendingKeysOnceDnsPublishesThem() {
            DkimKey old = publishedAndActive("old", RSA_1024);
            DkimKey next = add("next", RSA_2048);

            assertThat(manager.advance()).isEmpty();
            assertThat(manager.key(DOMAIN, "next").state()).isEqualTo(KeyState.PENDING);

            publish(old, next);
            clock.advance(Duration.ofHours(2));
            List<DkimKey> changed = manager.advance();

            Instant now = NOW.plus(Duration.ofHours(2));
            assertThat(changed).extracting(DkimKey::selector, DkimKey::state).containsExactly(
                tuple("next", KeyState.ACTIVE),
                tuple("old", KeyState.RETIRING));
            assertThat(manager.key(DOMAIN, "next").activated()).contains(now);
            assertThat(manager.key(DOMAIN, "old").retiring()).contains(now);
            assertThat(manager.advance()).isEmpty();
        }

        @Test
        void advanceShouldLeavePendingKeysAloneWhileDnsFails() {
            DkimKey key = add("sel", RSA_1024);
            dns.publish(zone -> zone.timeout(key.dnsName()));

            assertThat(manager.advance()).isEmpty();
            assertThat(manager.key(DOMAIN, "sel").state()).isEqualTo(KeyState.PENDING);
        }

        @Test
        void advanceShouldRetireRetiringKeysAfterTheGracePeriod() {
            DkimKey old = publishedAndActive("old", RSA_1024);
            DkimKey next = add("next", RSA_2048);
            publish(old, next);
            manager.activate(DOMAIN, "next");

            clock.advance(GRACE.minusSeconds(1));
            assertThat(manager.advance()).isEmpty();

            clock.advance(Duration.ofSeconds(1));
            List<DkimKey> changed = manager.advance();

            assertThat(changed).hasSize(1);
            DkimKey retired = changed.get(0);
            assertThat(retired.selector()).isEqualTo("old");
            assertThat(retired.state()).isEqualTo(KeyState.RETIRED);
            assertThat(retired.retiring()).contains(NOW);
            assertThat(retired.retired()).contains(NOW.plus(GRACE));
            assertThat(manager.key(DOMAIN, "old")).isEqualTo(retired);
            assertThat(manager.key(DOMAIN, "next").state()).isEqualTo(KeyState.ACTIVE);
        }

        @Test
        void theNewestOfTwoPublishedPendingKeysShouldEndActive() {
            DkimKey first = add("first", RSA_1024);
            clock.advance(Duration.ofMinutes(1));
            DkimKey second = add("second", RSA_2048);
            publish(first, second);

            manager.advance();

            assertThat(manager.key(DOMAIN, "first").state()).isEqualTo(KeyState.RETIRING);
            assertThat(manager.key(DOMAIN, "second").state()).isEqualTo(KeyState.ACTIVE);
            assertThat(manager.advance()).isEmpty();
        }

        @Test
        void advanceShouldCoverEveryDomain() {
            DkimKey com = add("sel", ED25519);
            DkimKey org = manager.importKey("example.org", "sel", ED25519_B.toPem());
            publish(com, org);

            assertThat(manager.advance()).extracting(DkimKey::domain).containsExactly("example.com", "example.org");
        }
    }

    @Nested
    class Retire {
        @Test
        void retiringAnActiveKeyShouldKeepItPublishedForTheGracePeriod() {
            publishedAndActive("sel", RSA_1024);
            clock.advance(Duration.ofDays(1));

            DkimKey retiring = manager.retire(DOMAIN, "sel");

            assertThat(retiring.state()).isEqualTo(KeyState.RETIRING);
            assertThat(retiring.retiring()).contains(NOW.plus(Duration.ofDays(1)));
            assertThat(manager.signingKeys(DOMAIN)).isEmpty();

            clock.advance(GRACE);
            assertThat(manager.advance()).extracting(DkimKey::state).containsExactly(KeyState.RETIRED);
        }

        @Test
        void retiringAPendingKeyShouldRetireItAtOnce() {
            add("sel", ED25519);

            DkimKey retired = manager.retire(DOMAIN, "sel");

            assertThat(retired.state()).isEqualTo(KeyState.RETIRED);
            assertThat(retired.retired()).contains(NOW);
            assertThat(retired.activated()).isEmpty();
            assertThat(retired.retiring()).isEmpty();
        }

        @Test
        void retiringShouldNotChangeRetiringOrRetiredKeys() {
            publishedAndActive("sel", RSA_1024);
            DkimKey retiring = manager.retire(DOMAIN, "sel");
            clock.advance(Duration.ofDays(1));

            assertThat(manager.retire(DOMAIN, "sel")).isEqualTo(retiring);

            add("other", ED25519);
            DkimKey retired = manager.retire(DOMAIN, "other");
            clock.advance(Duration.ofDays(1));
            assertThat(manager.retire(DOMAIN, "other")).isEqualTo(retired);
        }

        @Test
        void retireShouldFailForAnUnknownKey() {
            assertThatThrownBy(() -> manager.retire(DOMAIN, "nope")).isInstanceOf(UnknownKeyException.class);
        }
    }

    @Nested
    class SigningKeys {
        @Test
        void signingKeysShouldPutRsaFirst() {
            DkimKey ed = publishedAndActive("ed", ED25519);
            DkimKey rsa = publishedAndActive("rsa", RSA_1024, ed);

            assertThat(manager.signingKeys(DOMAIN)).containsExactly(rsa, ed);
            assertThat(manager.signingKeys("EXAMPLE.COM.")).containsExactly(rsa, ed);
        }

        @Test
        void signingKeysShouldOnlyHoldActiveKeys() {
            add("pending", ED25519);
            DkimKey active = publishedAndActive("active", RSA_1024);
            DkimKey retiring = add("retiring", RSA_2048);
            manager.retire(DOMAIN, "pending");

            assertThat(manager.signingKeys(DOMAIN)).containsExactly(active);
            assertThat(retiring.state()).isEqualTo(KeyState.PENDING);
        }

        @Test
        void signingKeysShouldHoldOneKeyPerAlgorithm() {
            // Two ACTIVE RSA keys, as a crash in the middle of a rotation leaves them: the latest activated signs.
            store.save(KeyFixtures.active(DOMAIN, "older", RSA_1024, NOW));
            DkimKey newer = KeyFixtures.active(DOMAIN, "newer", RSA_2048, NOW.plusSeconds(60));
            store.save(newer);

            assertThat(manager.signingKeys(DOMAIN)).containsExactly(newer);
        }

        @Test
        void signingKeysShouldBeEmptyWithoutKeysOrForNonDomains() {
            assertThat(manager.signingKeys("example.org")).isEmpty();
            assertThat(manager.signingKeys("not a domain")).isEmpty();
            assertThat(manager.signingKeys("")).isEmpty();
        }
    }

    @Test
    void aNegativeGracePeriodShouldBeRefused() {
        assertThatThrownBy(() -> new DkimKeyManager(store, dns, clock, Duration.ofSeconds(-1)))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(new DkimKeyManager(store, dns, clock).retiringGrace()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void keysShouldOutliveTheManagerWithAFileStore(@TempDir Path directory) {
        DkimKeyManager fileManager = new DkimKeyManager(new FileDkimKeyStore(directory), dns, clock, GRACE);
        DkimKey key = fileManager.importKey(DOMAIN, "sel", KeyFixtures.RSA_2048_PKCS1_PEM);
        publish(key);
        DkimKey active = fileManager.activate(DOMAIN, "sel");

        DkimKeyManager restarted = new DkimKeyManager(new FileDkimKeyStore(directory), dns, clock, GRACE);

        assertThat(restarted.signingKeys(DOMAIN)).containsExactly(active);
        assertThat(restarted.signingKeys(DOMAIN).get(0).privateKey().pkcs8()).isEqualTo(RSA_2048.pkcs8());
    }
}
