package org.postwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ConnectionHygieneSettingsTest {

    @Test
    void absentKeysGiveTheDefaults() {
        ConnectionHygieneSettings settings = ConnectionHygieneSettings.from(0, null, null);

        assertThat(settings.limitsAddresses()).isFalse();
        assertThat(settings.commandDeadline()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.waitsBeforeGreeting()).isFalse();
    }

    @Test
    void readsDurationsAndZeroTurnsOff() {
        ConnectionHygieneSettings settings = ConnectionHygieneSettings.from(10, "0s", " 1500ms ");

        assertThat(settings.perAddressLimit()).isEqualTo(10);
        assertThat(settings.deadlinesCommands()).isFalse();
        assertThat(settings.pregreetWait()).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void aBadValueNamesTheFileKeyAndValue() {
        assertThatThrownBy(() -> ConnectionHygieneSettings.from(0, "soon", null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("smtpserver.xml: commandDeadline=soon: ");
    }
}
