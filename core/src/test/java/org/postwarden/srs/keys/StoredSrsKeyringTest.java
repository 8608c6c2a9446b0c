package org.postwarden.srs.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.SrsException;
import org.postwarden.testing.MutableClock;

class StoredSrsKeyringTest {
    private static final SrsConfiguration CONFIGURATION = SrsConfiguration.from(Map.of("domain", "fwd.example", "maxAge", "21"));
    private static final String SENDER = "alice@origin.example";
    private static final String FORWARDER = "fwd.example";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private final InMemorySrsSecretStore store = new InMemorySrsSecretStore();

    private StoredSrsKeyring open(Optional<String> seed) {
        return StoredSrsKeyring.open(store, CONFIGURATION, clock, seed);
    }

    private String signedBy(String secret) throws SrsException {
        return CONFIGURATION.srs(List.of(secret), clock).forward(SENDER, FORWARDER);
    }

    private static SrsException.Reason refusal(StoredSrsKeyring keyring, String address) {
        try {
            keyring.srs().reverse(address);
            return null;
        } catch (SrsException e) {
            return e.reason();
        }
    }

    @Test
    void theFirstStartShouldSignWithTheSeedSecret() throws SrsException {
        StoredSrsKeyring keyring = open(Optional.of("secret-from-var-srs"));

        assertThat(keyring.srs().forward(SENDER, FORWARDER)).isEqualTo(signedBy("secret-from-var-srs"));
        assertThat(store.list()).singleElement().satisfies(record ->
            assertThat(record.id()).isEqualTo(SrsSecretRecord.fingerprint("secret-from-var-srs")));
    }

    @Test
    void theFirstStartWithoutSeedShouldGenerateA32ByteSecret() {
        open(Optional.empty());

        assertThat(store.list()).singleElement().satisfies(record ->
            assertThat(Base64.getDecoder().decode(record.secret())).hasSize(32));
    }

    @Test
    void aLaterStartShouldKeepTheStoredSecretsAndIgnoreTheSeed() throws SrsException {
        open(Optional.of("first"));

        StoredSrsKeyring restarted = open(Optional.of("second"));

        assertThat(store.list()).hasSize(1);
        assertThat(restarted.srs().forward(SENDER, FORWARDER)).isEqualTo(signedBy("first"));
    }

    @Test
    void rotateShouldSignWithANewSecretAndStillReverseTheOldAddresses() throws SrsException {
        StoredSrsKeyring keyring = open(Optional.of("first"));
        String before = keyring.srs().forward(SENDER, FORWARDER);
        clock.advance(Duration.ofMinutes(1));

        SrsSecretStatus created = keyring.rotate();
        String after = keyring.srs().forward(SENDER, FORWARDER);

        assertThat(after).isNotEqualTo(before);
        assertThat(keyring.srs().reverse(before)).isEqualTo(SENDER);
        assertThat(keyring.srs().reverse(after)).isEqualTo(SENDER);
        assertThat(created.signing()).isTrue();
        assertThat(keyring.secrets()).extracting(SrsSecretStatus::id, SrsSecretStatus::signing, SrsSecretStatus::retiredAt)
            .containsExactly(
                tuple(SrsSecretRecord.fingerprint("first"), false, Optional.of(clock.instant())),
                tuple(created.id(), true, Optional.empty()));
    }

    @Test
    void aRetiredSecretShouldVerifyUntilTheEndOfTheMaximumAge() {
        StoredSrsKeyring keyring = open(Optional.of("first"));
        clock.advance(Duration.ofMinutes(1));
        keyring.rotate();

        assertThat(keyring.secrets().get(0).verifiesUntil()).contains(Instant.parse("2026-12-14T00:00:00Z"));
    }

    @Test
    void anAddressSignedJustBeforeRetirementShouldReverseForTheWholeMaximumAge() throws SrsException {
        StoredSrsKeyring keyring = open(Optional.of("first"));
        clock.set(Instant.parse("2026-11-22T23:59:00Z"));
        String signed = keyring.srs().forward(SENDER, FORWARDER);
        keyring.rotate();

        clock.set(Instant.parse("2026-12-13T23:59:59Z"));
        keyring.refresh();

        assertThat(keyring.srs().reverse(signed)).isEqualTo(SENDER);
        assertThat(store.list()).hasSize(2);
    }

    @Test
    void refreshShouldPurgeASecretOnceItsAddressesExpired() throws SrsException {
        StoredSrsKeyring keyring = open(Optional.of("first"));
        String signed = keyring.srs().forward(SENDER, FORWARDER);
        keyring.rotate();

        clock.set(Instant.parse("2026-12-14T00:00:00Z"));
        keyring.refresh();

        assertThat(store.list()).extracting(SrsSecretRecord::id).doesNotContain(SrsSecretRecord.fingerprint("first"));
        assertThat(refusal(keyring, signed)).isEqualTo(SrsException.Reason.BAD_HASH);
    }

    @Test
    void removingARetiredSecretShouldRefuseItsAddresses() throws SrsException {
        StoredSrsKeyring keyring = open(Optional.of("first"));
        String signed = keyring.srs().forward(SENDER, FORWARDER);
        keyring.rotate();

        keyring.remove(SrsSecretRecord.fingerprint("first"));

        assertThat(refusal(keyring, signed)).isEqualTo(SrsException.Reason.BAD_HASH);
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void removingTheSigningSecretShouldBeRefused() {
        StoredSrsKeyring keyring = open(Optional.of("first"));

        assertThatThrownBy(() -> keyring.remove(SrsSecretRecord.fingerprint("first")))
            .isInstanceOfSatisfying(SrsKeyringException.class, e ->
                assertThat(e.reason()).isEqualTo(SrsKeyringException.Reason.SIGNING_SECRET));
        assertThat(store.list()).hasSize(1);
    }

    @Test
    void removingAnUnknownSecretShouldBeRefused() {
        StoredSrsKeyring keyring = open(Optional.of("first"));

        assertThatThrownBy(() -> keyring.remove("deadbeef"))
            .isInstanceOfSatisfying(SrsKeyringException.class, e ->
                assertThat(e.reason()).isEqualTo(SrsKeyringException.Reason.UNKNOWN_SECRET));
    }

    @Test
    void anotherNodeShouldSignWithTheNewSecretAfterItsRefresh() throws SrsException {
        StoredSrsKeyring rotating = open(Optional.of("first"));
        StoredSrsKeyring other = open(Optional.empty());
        rotating.rotate();
        String signedByRotating = rotating.srs().forward(SENDER, FORWARDER);

        assertThat(other.srs().forward(SENDER, FORWARDER)).isNotEqualTo(signedByRotating);
        other.refresh();

        assertThat(other.srs().forward(SENDER, FORWARDER)).isEqualTo(signedByRotating);
    }

    @Test
    void aStoreWithoutSigningSecretShouldKeepTheCurrentSecrets() throws SrsException {
        StoredSrsKeyring keyring = open(Optional.of("first"));
        store.remove(SrsSecretRecord.fingerprint("first"));

        assertThatThrownBy(keyring::refresh).isInstanceOf(IllegalStateException.class);
        assertThat(keyring.srs().forward(SENDER, FORWARDER)).isEqualTo(signedBy("first"));
    }

    @Test
    void openingAStoreWhoseSecretsAreAllRetiredShouldAddASigningOne() {
        store.add(new SrsSecretRecord(SrsSecretRecord.fingerprint("old"), "old", clock.instant(), Optional.of(clock.instant())));
        clock.advance(Duration.ofMinutes(1));

        StoredSrsKeyring keyring = open(Optional.of("old"));

        assertThat(keyring.secrets()).hasSize(2).filteredOn(SrsSecretStatus::signing).singleElement()
            .satisfies(status -> assertThat(status.id()).isNotEqualTo(SrsSecretRecord.fingerprint("old")));
    }
}
