package org.postwarden.server.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.time.Instant;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.throttle.ThrottleStoreException;

public class AccountFirstSeenTest {
    /** Where Derby writes its log instead of a derby.log in the working directory; Derby needs it public. */
    public static final OutputStream DISCARDED_LOG = OutputStream.nullOutputStream();

    static {
        System.setProperty("derby.stream.error.field", AccountFirstSeenTest.class.getName() + ".DISCARDED_LOG");
    }

    private static final Instant MONDAY = Instant.parse("2026-11-16T09:00:00Z");
    private static final Instant TUESDAY = Instant.parse("2026-11-17T09:00:00Z");

    private EmbeddedDataSource dataSource;

    @BeforeEach
    void setUp() {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:first-seen-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
    }

    @Test
    void theFirstSendShouldBeRememberedAndSharedWithOtherNodes() {
        AccountFirstSeen node = AccountFirstSeen.jdbc(dataSource);

        assertThat(node.firstSeen("alice@example.com", MONDAY)).isEqualTo(MONDAY);
        assertThat(node.firstSeen("alice@example.com", TUESDAY)).isEqualTo(MONDAY);
        AccountFirstSeen otherNode = AccountFirstSeen.jdbc(dataSource);
        assertThat(otherNode.firstSeen("alice@example.com", TUESDAY)).isEqualTo(MONDAY);
        assertThat(otherNode.created("alice@example.com")).contains(MONDAY);
    }

    @Test
    void anAccountThatNeverSentShouldHaveNoCreationDate() {
        AccountFirstSeen node = AccountFirstSeen.jdbc(dataSource);

        assertThat(node.created("bob@example.com")).isEmpty();
        assertThat(node.firstSeen("bob@example.com", TUESDAY)).isEqualTo(TUESDAY);
    }

    @Test
    void anUnreachableDatabaseShouldBeAThrottleStoreFailureNamingTheAccount() {
        EmbeddedDataSource missing = new EmbeddedDataSource();
        missing.setDatabaseName("memory:absent-" + UUID.randomUUID());

        assertThatThrownBy(() -> AccountFirstSeen.jdbc(missing).firstSeen("alice@example.com", MONDAY))
            .isInstanceOf(ThrottleStoreException.class)
            .hasMessageStartingWith("cannot read when alice@example.com was first seen: ");
    }

    @Test
    void withoutADatabaseTheFirstSendShouldBeRememberedInMemory() {
        AccountFirstSeen node = AccountFirstSeen.inMemory();

        assertThat(node.created("alice@example.com")).isEmpty();
        assertThat(node.firstSeen("alice@example.com", MONDAY)).isEqualTo(MONDAY);
        assertThat(node.firstSeen("alice@example.com", TUESDAY)).isEqualTo(MONDAY);
    }
}
