package org.postwarden.throttle.jdbc;

import java.sql.SQLException;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.common.jdbc.StoreFailures;
import org.postwarden.common.jdbc.TransactionRetry;
import org.postwarden.throttle.ThrottleStoreException;

/**
 * The throttle stores' database access: tables created on first use, and every {@link SQLException}, and every row
 * that cannot be read back, turned into a {@link ThrottleStoreException}.
 */
final class ThrottleSql {
    /** Class 40, transaction rollback: deadlocks and serialisation failures (Derby 40001/40XL1, PostgreSQL 40P01). */
    private static final String TRANSACTION_ROLLBACK_CLASS = "40";

    /** A transaction that lost a race, a unique violation on insert or a deadlock, runs again. */
    static final TransactionRetry LOST_RACE = new TransactionRetry(20, ThrottleSql::isLostRace);

    private static final StoreFailures FAILURES = StoreFailures.describing("Throttle", ThrottleStoreException::new)
        .unreadableAs("throttle data", ThrottleStoreException::new);

    private ThrottleSql() {
    }

    /** @throws ThrottleStoreException when the database is unreachable or the tables cannot be created */
    static Jdbc open(DataSource dataSource) {
        Jdbc jdbc = new Jdbc(dataSource, FAILURES);
        jdbc.withConnection("create the throttle tables", connection -> {
            ThrottleSchema.createIfAbsent(connection);
            return null;
        });
        return jdbc;
    }

    private static boolean isLostRace(SQLException e) {
        String state = e.getSQLState();
        return Jdbc.isUniqueViolation(e) || (state != null && state.startsWith(TRANSACTION_ROLLBACK_CLASS));
    }
}
