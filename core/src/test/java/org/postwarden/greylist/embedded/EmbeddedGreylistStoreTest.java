package org.postwarden.greylist.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
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
import org.postwarden.greylist.TripletQuery;
import org.postwarden.greylist.TripletView;
import org.postwarden.greylist.Versioned;
import org.postwarden.greylist.WhitelistEntry;
import org.postwarden.greylist.jdbc.JdbcGreylistStore;
import org.postwarden.testing.DerbyDatabase;
import org.postwarden.testing.MutableClock;

class EmbeddedGreylistStoreTest implements GreylistStoreContract {
    private static final int CACHE_MB = 4;

    @TempDir
    Path directory;

    private EmbeddedGreylistStore store;

    @BeforeEach
    void open() {
        store = EmbeddedGreylistStore.open(file(), CACHE_MB);
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    public GreylistStore store() {
        return store;
    }

    private Path file() {
        return directory.resolve("var/store/greylist.mv.db");
    }

    private EmbeddedGreylistStore reopen() {
        store = EmbeddedGreylistStore.open(file(), CACHE_MB);
        return store;
    }

    @Test
    void stateShouldSurviveReopeningTheStore() {
        MutableClock clock = new MutableClock(NOW);
        WhitelistEntry entry = WhitelistEntry.create(WhitelistEntry.Kind.CLIENT_NETWORK, "192.0.2.7", "", NOW);
        new Greylist(store, GreylistConfiguration.DEFAULT, clock).check(TRIPLET);
        store.recordNetworkPass("198.51.100.0/24", NOW, NOW.plus(HOUR));
        store.addWhitelistEntry(entry);
        store.close();

        EmbeddedGreylistStore after = reopen();
        clock.advance(Duration.ofMinutes(5));

        assertThat(new Greylist(after, GreylistConfiguration.DEFAULT, clock).check(TRIPLET).reason())
            .isEqualTo(GreylistDecision.Reason.PASSED_RETRY);
        assertThat(after.networkPasses("198.51.100.0/24")).isPresent();
        assertThat(after.whitelistEntries()).containsExactly(entry);
    }

    @Test
    void aFirstPassShouldSurviveACrashStraightAfterIt() {
        store.compareAndSet(TRIPLET, Optional.empty(), PENDING);
        store.file().commitDurably();
        assertThat(store.compareAndSet(TRIPLET, Optional.of(1L), PASSED)).isTrue();
        store.file().abandon();

        assertThat(reopen().triplet(TRIPLET)).contains(new Versioned<>(PASSED, 2));
    }

    @Test
    void whitelistChangesAndDeletionsShouldSurviveACrashStraightAfterThem() {
        WhitelistEntry entry = WhitelistEntry.create(WhitelistEntry.Kind.RECIPIENT, "bob@example.net", "", NOW);
        store.compareAndSet(TRIPLET, Optional.empty(), PASSED);
        store.deleteTriplet(TRIPLET);
        store.addWhitelistEntry(entry);
        store.file().abandon();

        EmbeddedGreylistStore after = reopen();

        assertThat(after.triplet(TRIPLET)).isEmpty();
        assertThat(after.whitelistEntries()).containsExactly(entry);
    }

    @Test
    void tripletsShouldBeKeptWhateverTheLengthOfTheirAddresses() {
        GreylistTriplet longest = new GreylistTriplet("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128",
            "a".repeat(64) + "@" + "b".repeat(250) + ".example", "c".repeat(64) + "@" + "d".repeat(250) + ".example");

        store.compareAndSet(longest, Optional.empty(), PENDING);

        assertThat(store.triplet(longest)).contains(new Versioned<>(PENDING, 1));
        assertThat(store.triplets(TripletQuery.all(10), NOW)).containsExactly(new TripletView(longest, PENDING));
    }

    @Test
    void openingShouldFailWithStoreExceptionWhileTheFileIsOpen() {
        assertThatThrownBy(() -> EmbeddedGreylistStore.open(file(), CACHE_MB))
            .isInstanceOf(GreylistStoreException.class)
            .hasMessageContaining("greylist.mv.db");
    }

    @Test
    void operationsShouldThrowStoreExceptionOnceClosed() {
        store.close();

        assertThatThrownBy(() -> store.triplet(TRIPLET)).isInstanceOf(GreylistStoreException.class);
        assertThatThrownBy(() -> store.compareAndSet(TRIPLET, Optional.empty(), PENDING))
            .isInstanceOf(GreylistStoreException.class);
        assertThatThrownBy(store::ping).isInstanceOf(GreylistStoreException.class);
    }

    @Test
    void theFirstStartShouldImportWhatTheDatabaseTablesHeld(@TempDir Path database) {
        EmbeddedDataSource dataSource = DerbyDatabase.create(database);
        JdbcGreylistStore before = new JdbcGreylistStore(dataSource);
        WhitelistEntry entry = WhitelistEntry.create(WhitelistEntry.Kind.SENDER_DOMAIN, "example.com", "partner", NOW);
        GreylistTriplet other = new GreylistTriplet("198.51.100.0/24", "carol@example.org", "dave@example.net");
        before.compareAndSet(TRIPLET, Optional.empty(), PENDING);
        before.compareAndSet(TRIPLET, Optional.of(1L), PASSED);
        before.compareAndSet(other, Optional.empty(), PENDING);
        before.recordNetworkPass("192.0.2.0/24", NOW, NOW.plus(HOUR));
        before.recordNetworkPass("192.0.2.0/24", NOW, NOW.plus(HOUR));
        before.addWhitelistEntry(entry);

        assertThat(JdbcGreylistImport.once(store, dataSource)).isEqualTo(4);
        store.file().abandon();
        EmbeddedGreylistStore after = reopen();

        assertThat(after.triplet(TRIPLET)).contains(new Versioned<>(PASSED, 2));
        assertThat(after.triplet(other)).contains(new Versioned<>(PENDING, 1));
        assertThat(after.networkPasses("192.0.2.0/24")).map(passes -> passes.passCount()).contains(2L);
        assertThat(after.whitelistEntries()).containsExactly(entry);
        DerbyDatabase.shutdown(database);
    }

    @Test
    void theImportShouldRunOnlyOnce(@TempDir Path database) {
        EmbeddedDataSource dataSource = DerbyDatabase.create(database);
        JdbcGreylistStore before = new JdbcGreylistStore(dataSource);
        JdbcGreylistImport.once(store, dataSource);
        before.compareAndSet(TRIPLET, Optional.empty(), PENDING);
        store.close();

        assertThat(JdbcGreylistImport.once(reopen(), dataSource)).isZero();
        assertThat(store.triplet(TRIPLET)).isEmpty();
        DerbyDatabase.shutdown(database);
    }

    @Test
    void aDatabaseWithoutGreylistTablesShouldImportNothing() {
        assertThat(JdbcGreylistImport.once(store, DerbyDatabase.inMemory())).isZero();
        assertThat(store.triplets(TripletQuery.all(10), NOW)).isEmpty();
    }
}
