package org.postwarden.common.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postwarden.store.StoreUnavailableException;
import org.postwarden.testing.DerbyDatabase;

class JdbcTest {
    private static final List<String> TABLES = List.of(
        "CREATE TABLE accounts (name VARCHAR(64) NOT NULL PRIMARY KEY, sent BIGINT, note VARCHAR(64))",
        "CREATE INDEX accounts_sent ON accounts (sent)");

    static final class StoreException extends StoreUnavailableException {
        StoreException(String message, Throwable cause) {
            super("test", message, cause);
        }
    }

    private EmbeddedDataSource dataSource;
    private Jdbc jdbc;

    @BeforeEach
    void setUp() {
        dataSource = DerbyDatabase.inMemory();
        jdbc = new Jdbc(dataSource, (action, e) -> new StoreException("Test database failed to " + action
            + " (SQLState " + e.getSQLState() + ")", e));
        jdbc.withConnection("create the tables", connection -> {
            Tables.createIfAbsent(connection, TABLES);
            return null;
        });
    }

    @Test
    void parametersShouldBeBoundByTypeAndNullsAsNull() {
        jdbc.update("add", "INSERT INTO accounts (name, sent, note) VALUES (?, ?, ?)", "alice", 3L, null);
        jdbc.update("add", "INSERT INTO accounts (name, sent, note) VALUES (?, ?, ?)", "bob", new TypedNull(Types.BIGINT),
            "new");

        List<String> rows = jdbc.query("list", row -> row.getString("name") + "," + row.getObject("sent") + ","
            + row.getString("note"), "SELECT name, sent, note FROM accounts ORDER BY name");

        assertThat(rows).containsExactly("alice,3,null", "bob,null,new");
    }

    @Test
    void updateShouldCountTheRowsItChanged() {
        jdbc.update("add", "INSERT INTO accounts (name, sent) VALUES (?, ?)", "alice", 3L);
        jdbc.update("add", "INSERT INTO accounts (name, sent) VALUES (?, ?)", "bob", 5L);

        assertThat(jdbc.update("purge", "DELETE FROM accounts WHERE sent < ?", 4L)).isEqualTo(1);
    }

    @Test
    void anSqlFailureShouldBecomeTheStoresExceptionSayingWhatWasBeingDone() {
        jdbc.update("add", "INSERT INTO accounts (name) VALUES (?)", "alice");

        assertThatThrownBy(() -> jdbc.update("add alice again", "INSERT INTO accounts (name) VALUES (?)", "alice"))
            .isInstanceOf(StoreException.class)
            .hasMessage("Test database failed to add alice again (SQLState 23505)")
            .hasCauseInstanceOf(SQLException.class);
    }

    @Test
    void anUnreachableDatabaseShouldBecomeTheStoresException() {
        EmbeddedDataSource missing = new EmbeddedDataSource();
        missing.setDatabaseName("memory:absent-" + UUID.randomUUID());
        Jdbc unreachable = new Jdbc(missing, (action, e) -> new StoreException(action, e));

        assertThatThrownBy(() -> unreachable.update("ping", "VALUES 1")).isInstanceOf(StoreException.class)
            .hasMessage("ping");
    }

    @Test
    void otherExceptionsShouldEscapeAsTheyAreUnlessTheStoreMapsThem() {
        IllegalStateException unreadable = new IllegalStateException("bad row");
        Jdbc.Work<Object> failing = connection -> {
            throw unreadable;
        };

        assertThatThrownBy(() -> jdbc.withConnection("read", failing)).isSameAs(unreadable);

        Jdbc mapping = new Jdbc(dataSource, StoreFailures.describing("Test", StoreException::new)
            .unreadableAs("test data", StoreException::new));
        assertThatThrownBy(() -> mapping.withConnection("read", failing)).isInstanceOf(StoreException.class)
            .hasMessage("Unreadable test data in the database while trying to read").hasCause(unreadable);
        StoreException own = new StoreException("No such row", null);
        assertThatThrownBy(() -> mapping.withConnection("read", connection -> {
            throw own;
        })).isSameAs(own);
        assertThatThrownBy(() -> mapping.update("read", "SELECT nothing FROM nowhere"))
            .isInstanceOf(StoreException.class).hasMessageStartingWith("Test database failed to read (SQLState 42");
    }

    @Test
    void describedFailuresShouldSayWhatWasBeingDoneAndWhatTheDatabaseAnswered() {
        SQLException refused = new SQLException("connection refused", "08001");

        RuntimeException failure = StoreFailures.describing("Greylist", StoreException::new).sqlFailed("ping", refused);

        assertThat(failure).isInstanceOf(StoreException.class).hasCause(refused)
            .hasMessage("Greylist database failed to ping (SQLState 08001): connection refused");
    }

    @Test
    void aTransactionShouldCommitAllOrNothingAndRestoreAutoCommit() {
        jdbc.inTransaction("add two", connection -> Jdbc.update(connection,
            "INSERT INTO accounts (name) VALUES (?)", "alice") + Jdbc.update(connection,
            "INSERT INTO accounts (name) VALUES (?)", "bob"));

        assertThatThrownBy(() -> jdbc.inTransaction("add carol and alice", connection -> {
            Jdbc.update(connection, "INSERT INTO accounts (name) VALUES (?)", "carol");
            return Jdbc.update(connection, "INSERT INTO accounts (name) VALUES (?)", "alice");
        })).isInstanceOf(StoreException.class).hasMessageContaining("add carol and alice");
        assertThatThrownBy(() -> jdbc.inTransaction("add dave", connection -> {
            Jdbc.update(connection, "INSERT INTO accounts (name) VALUES (?)", "dave");
            throw new IllegalStateException("changed my mind");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(names()).containsExactly("alice", "bob");
        boolean autoCommit = jdbc.withConnection("look", connection -> connection.getAutoCommit());
        assertThat(autoCommit).isTrue();
    }

    @Test
    void aTransactionThatLostARaceShouldRunAgainFromARolledBackState() {
        jdbc.update("add", "INSERT INTO accounts (name) VALUES (?)", "alice");
        AtomicInteger runs = new AtomicInteger();

        String added = jdbc.inTransaction("add", new TransactionRetry(3, Jdbc::isUniqueViolation), connection -> {
            String name = runs.incrementAndGet() == 1 ? "alice" : "bob";
            Jdbc.update(connection, "INSERT INTO accounts (name) VALUES (?)", "carol");
            Jdbc.update(connection, "INSERT INTO accounts (name) VALUES (?)", name);
            return name;
        });

        assertThat(added).isEqualTo("bob");
        assertThat(runs).hasValue(2);
        assertThat(names()).containsExactly("alice", "bob", "carol");
    }

    @Test
    void aTransactionShouldGiveUpAfterItsAttemptsOrAtOnceWithoutRetry() {
        jdbc.update("add", "INSERT INTO accounts (name) VALUES (?)", "alice");
        AtomicInteger runs = new AtomicInteger();
        Jdbc.Work<Integer> addAlice = connection -> {
            runs.incrementAndGet();
            return Jdbc.update(connection, "INSERT INTO accounts (name) VALUES (?)", "alice");
        };

        assertThatThrownBy(() -> jdbc.inTransaction("add alice", new TransactionRetry(3, Jdbc::isUniqueViolation),
            addAlice)).isInstanceOf(StoreException.class);
        assertThat(runs).hasValue(3);

        runs.set(0);
        assertThatThrownBy(() -> jdbc.inTransaction("add alice", addAlice)).isInstanceOf(StoreException.class);
        assertThat(runs).hasValue(1);
    }

    @Test
    void aRetryShouldRunAtLeastOnce() {
        assertThatThrownBy(() -> new TransactionRetry(0, e -> true)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void creatingTablesAgainShouldKeepTheirRowsButOtherDdlErrorsShouldFail() {
        jdbc.update("add", "INSERT INTO accounts (name) VALUES (?)", "alice");

        jdbc.withConnection("create the tables again", connection -> {
            Tables.createIfAbsent(connection, TABLES);
            return null;
        });
        assertThat(names()).containsExactly("alice");

        assertThatThrownBy(() -> jdbc.withConnection("create a broken table", connection -> {
            Tables.createIfAbsent(connection, List.of("CREATE TABLE broken (name NOSUCHTYPE)"));
            return null;
        })).isInstanceOf(StoreException.class).hasMessageContaining("create a broken table");
    }

    private List<String> names() {
        return jdbc.query("list", row -> row.getString(1), "SELECT name FROM accounts ORDER BY name");
    }
}
