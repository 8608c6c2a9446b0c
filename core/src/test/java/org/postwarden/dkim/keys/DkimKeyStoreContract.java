package org.postwarden.dkim.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.keys.KeyFixtures.ED25519;
import static org.postwarden.dkim.keys.KeyFixtures.NOW;
import static org.postwarden.dkim.keys.KeyFixtures.RSA_1024;
import static org.postwarden.dkim.keys.KeyFixtures.RSA_2048;
import static org.postwarden.dkim.keys.KeyFixtures.active;
import static org.postwarden.dkim.keys.KeyFixtures.pending;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postwarden.dkim.DkimAlgorithm;

/** What every {@link DkimKeyStore} does; implementations' tests implement {@link #store()}. */
interface DkimKeyStoreContract {
    DkimKeyStore store();

    @Test
    default void findShouldReturnEmptyForAnUnknownKey() {
        assertThat(store().find("example.com", "sel")).isEmpty();
    }

    @Test
    default void keysShouldBeEmptyForAnUnknownDomain() {
        assertThat(store().keys("example.com")).isEmpty();
        assertThat(store().all()).isEmpty();
    }

    @Test
    default void findShouldReturnASavedRsaKey() {
        DkimKey key = pending("example.com", "rsa", RSA_1024, NOW);

        store().save(key);

        assertThat(store().find("example.com", "rsa")).contains(key);
        assertThat(store().find("example.com", "rsa").orElseThrow().privateKey().pkcs8()).isEqualTo(RSA_1024.pkcs8());
    }

    @Test
    default void findShouldReturnASavedEd25519Key() {
        DkimKey key = pending("example.com", "ed", ED25519, NOW);

        store().save(key);

        DkimKey found = store().find("example.com", "ed").orElseThrow();
        assertThat(found).isEqualTo(key);
        assertThat(found.algorithm()).isEqualTo(DkimAlgorithm.ED25519_SHA256);
        assertThat(found.dnsRecord()).isEqualTo(ED25519.publicKey().dnsRecord());
    }

    @Test
    default void saveShouldKeepEveryTimestamp() {
        DkimKey key = new DkimKey("example.com", "sel", DkimAlgorithm.RSA_SHA256, KeyState.RETIRED, NOW,
            Optional.of(NOW.plusSeconds(1)), Optional.of(NOW.plusSeconds(2)), Optional.of(NOW.plusMillis(3500)),
            RSA_1024);

        store().save(key);

        assertThat(store().find("example.com", "sel")).contains(key);
    }

    @Test
    default void saveShouldReplaceTheKeyOfTheSameSelector() {
        DkimKey key = pending("example.com", "sel", RSA_1024, NOW);
        store().save(key);

        DkimKey activated = key.asActive(NOW.plusSeconds(60));
        store().save(activated);

        assertThat(store().find("example.com", "sel")).contains(activated);
        assertThat(store().keys("example.com")).containsExactly(activated);
    }

    @Test
    default void keysShouldListTheDomainsKeysOldestFirst() {
        DkimKey newest = pending("example.com", "a", ED25519, NOW.plus(Duration.ofDays(2)));
        DkimKey oldest = pending("example.com", "b", RSA_1024, NOW);
        DkimKey middle = active("example.com", "c", RSA_2048, NOW.plus(Duration.ofDays(1)));
        store().save(newest);
        store().save(oldest);
        store().save(middle);
        store().save(pending("example.net", "a", ED25519, NOW));

        assertThat(store().keys("example.com")).containsExactly(oldest, middle, newest);
    }

    @Test
    default void domainsShouldBeCaseInsensitive() {
        DkimKey key = pending("Example.COM", "sel", ED25519, NOW);

        store().save(key);

        assertThat(key.domain()).isEqualTo("example.com");
        assertThat(store().find("EXAMPLE.com", "sel")).contains(key);
        assertThat(store().keys("example.COM")).containsExactly(key);
    }

    @Test
    default void selectorsShouldBeKeptAsGiven() {
        DkimKey key = pending("example.com", "May2024", ED25519, NOW);

        store().save(key);

        assertThat(store().find("example.com", "May2024").orElseThrow().selector()).isEqualTo("May2024");
        assertThat(store().find("example.com", "may2024")).isEmpty();
    }

    @Test
    default void selectorsMayHoldDots() {
        DkimKey key = pending("example.com", "2024.eu-west", ED25519, NOW);

        store().save(key);

        assertThat(store().find("example.com", "2024.eu-west")).contains(key);
        assertThat(store().find("example.com", "2024")).isEmpty();
    }

    @Test
    default void allShouldListEveryDomain() {
        DkimKey net = pending("example.net", "a", ED25519, NOW);
        DkimKey com = pending("example.com", "b", RSA_1024, NOW.plusSeconds(1));
        DkimKey comOlder = pending("example.com", "c", ED25519, NOW);
        store().save(net);
        store().save(com);
        store().save(comOlder);

        assertThat(store().all()).containsExactly(comOlder, com, net);
    }

    @Test
    default void keysShouldReturnACopy() {
        store().save(pending("example.com", "a", ED25519, NOW));
        var keys = store().keys("example.com");

        store().save(pending("example.com", "b", ED25519, Instant.EPOCH));

        assertThat(keys).hasSize(1);
        assertThat(store().keys("example.com")).hasSize(2);
    }
}
