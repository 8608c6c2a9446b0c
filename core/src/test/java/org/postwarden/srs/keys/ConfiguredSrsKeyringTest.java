package org.postwarden.srs.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postwarden.srs.SrsConfiguration;
import org.postwarden.srs.SrsException;

class ConfiguredSrsKeyringTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    private static final SrsConfiguration CONFIGURATION = SrsConfiguration.from(Map.of("secrets", "new, old"));
    private final ConfiguredSrsKeyring keyring = new ConfiguredSrsKeyring(CONFIGURATION, CLOCK);

    @Test
    void theFirstSecretShouldSignAndEveryOneVerify() throws SrsException {
        String signedByOld = CONFIGURATION.srs(List.of("old"), CLOCK).forward("a@origin.example", "fwd.example");

        assertThat(keyring.srs().forward("a@origin.example", "fwd.example"))
            .isEqualTo(CONFIGURATION.srs(List.of("new"), CLOCK).forward("a@origin.example", "fwd.example"));
        assertThat(keyring.srs().reverse(signedByOld)).isEqualTo("a@origin.example");
    }

    @Test
    void secretsShouldBeListedByFingerprintInTheOrderOfTheFile() {
        assertThat(keyring.secrets()).extracting(SrsSecretStatus::id, SrsSecretStatus::signing).containsExactly(
            tuple(SrsSecretRecord.fingerprint("new"), true),
            tuple(SrsSecretRecord.fingerprint("old"), false));
    }

    @Test
    void rotationAndRemovalShouldPointToTheFile() {
        assertThatThrownBy(keyring::rotate).isInstanceOfSatisfying(SrsKeyringException.class, e -> {
            assertThat(e.reason()).isEqualTo(SrsKeyringException.Reason.CONFIGURED);
            assertThat(e.getMessage()).contains("srs.properties");
        });
        assertThatThrownBy(() -> keyring.remove(SrsSecretRecord.fingerprint("old")))
            .isInstanceOfSatisfying(SrsKeyringException.class, e ->
                assertThat(e.reason()).isEqualTo(SrsKeyringException.Reason.CONFIGURED));
    }
}
