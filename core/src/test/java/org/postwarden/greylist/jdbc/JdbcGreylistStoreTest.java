package org.postwarden.greylist.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.greylist.Greylist;
import org.postwarden.greylist.GreylistConfiguration;
import org.postwarden.greylist.GreylistDecision;
import org.postwarden.greylist.GreylistStore;
import org.postwarden.greylist.GreylistStoreContract;
import org.postwarden.greylist.GreylistStoreException;
import org.postwarden.greylist.GreylistTriplet;
import org.postwarden.greylist.Versioned;
import org.postwarden.greylist.WhitelistEntry;
import org.postwarden.testing.DerbyDatabase;
import org.postwarden.testing.MutableClock;

class JdbcGreylistStoreTest implements GreylistStoreContract {
    @TempDir
    static Path sharedDirectory;

    private static EmbeddedDataSource sharedDataSource;
    private static JdbcGreylistStore sharedStore;

    @BeforeAll
    static void createDatabase() {
        sharedDataSource = DerbyDatabase.create(sharedDirectory);
        sharedStore = new JdbcGreylistStore(sharedDataSource);
    }

    @AfterAll
    static void shutdownDatabase() {
        DerbyDatabase.shutdown(sharedDirectory);
    }

    @BeforeEach
    void emptyTables() throws SQLException {
        DerbyDatabase.execute(sharedDataSource, "DELETE FROM " + GreylistSchema.TRIPLETS,
            "DELETE FROM " + GreylistSchema.NETWORKS, "DELETE FROM " + GreylistSchema.WHITELIST);
    }

    @Override
    public GreylistStore store() {
        return sharedStore;
    }

    @Test
    void stateShouldSurviveReopeningTheDatabase(@TempDir Path directory) {
        MutableClock clock = new MutableClock(NOW);
        WhitelistEntry entry = WhitelistEntry.create(WhitelistEntry.Kind.CLIENT_NETWORK, "192.0.2.7", "", NOW);
        JdbcGreylistStore before = new JdbcGreylistStore(DerbyDatabase.create(directory));
        new Greylist(before, GreylistConfiguration.DEFAULT, clock).check(TRIPLET);
        before.recordNetworkPass("198.51.100.0/24", NOW, NOW.plus(HOUR));
        before.addWhitelistEntry(entry);
        DerbyDatabase.shutdown(directory);

        JdbcGreylistStore after = new JdbcGreylistStore(DerbyDatabase.open(directory));
        clock.advance(Duration.ofMinutes(5));

        assertThat(new Greylist(after, GreylistConfiguration.DEFAULT, clock).check(TRIPLET).reason())
            .isEqualTo(GreylistDecision.Reason.PASSED_RETRY);
        assertThat(after.networkPasses("198.51.100.0/24")).isPresent();
        assertThat(after.whitelistEntries()).containsExactly(entry);
        DerbyDatabase.shutdown(directory);
    }

    @Test
    void constructorShouldThrowStoreExceptionWhenTheDatabaseIsUnreachable(@TempDir Path directory) {
        assertThatThrownBy(() -> new JdbcGreylistStore(DerbyDatabase.open(directory.resolve("missing"))))
            .isInstanceOf(GreylistStoreException.class)
            .hasMessageContaining("create the greylist tables");
    }

    @Test
    void operationsShouldThrowStoreExceptionWhenTheDatabaseFails(@TempDir Path directory) throws SQLException {
        EmbeddedDataSource dataSource = DerbyDatabase.create(directory);
        JdbcGreylistStore store = new JdbcGreylistStore(dataSource);
        DerbyDatabase.execute(dataSource, "DROP TABLE " + GreylistSchema.TRIPLETS);

        assertThatThrownBy(() -> store.triplet(TRIPLET))
            .isInstanceOf(GreylistStoreException.class)
            .hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> store.compareAndSet(TRIPLET, Optional.empty(), PENDING))
            .isInstanceOf(GreylistStoreException.class);
        DerbyDatabase.shutdown(directory);
    }

    @Test
    void tripletsShouldBeKeptWhateverTheLengthOfTheirAddresses() {
        GreylistTriplet longest = new GreylistTriplet("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
            "a".repeat(64) + "@" + "b".repeat(250) + ".example", "c".repeat(64) + "@" + "d".repeat(250) + ".example");

        sharedStore.compareAndSet(longest, Optional.empty(), PENDING);

        assertThat(sharedStore.triplet(longest)).contains(new Versioned<>(PENDING, 1));
    }
}
