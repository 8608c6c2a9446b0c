package org.postwarden.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionsPerAddressTest {

    @Test
    void admitsUpToTheLimitPerAddressAndGivesSlotsBack() {
        ConnectionsPerAddress connections = new ConnectionsPerAddress(2);

        assertThat(connections.tryOpen("192.0.2.1")).isTrue();
        assertThat(connections.tryOpen("192.0.2.1")).isTrue();
        assertThat(connections.tryOpen("192.0.2.1")).isFalse();
        assertThat(connections.tryOpen("192.0.2.2")).isTrue();
        assertThat(connections.openFrom("192.0.2.1")).isEqualTo(2);

        connections.close("192.0.2.1");
        assertThat(connections.tryOpen("192.0.2.1")).isTrue();
    }

    @Test
    void forgetsAnAddressWithoutConnections() {
        ConnectionsPerAddress connections = new ConnectionsPerAddress(1);
        connections.tryOpen("192.0.2.1");
        connections.close("192.0.2.1");
        connections.close("192.0.2.1");

        assertThat(connections.openFrom("192.0.2.1")).isZero();
        assertThat(connections.tryOpen("192.0.2.1")).isTrue();
        assertThat(connections.tryOpen("192.0.2.1")).isFalse();
    }
}
