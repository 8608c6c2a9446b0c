package org.postwarden.throttle.jdbc;

import static org.postwarden.throttle.jdbc.ThrottleSchema.WINDOWS;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.throttle.Acquisition;
import org.postwarden.throttle.Gcra;
import org.postwarden.throttle.ThrottleStore;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.WindowSpec;
import org.postwarden.throttle.WindowUsage;

/**
 * Counters in a relational database: embedded Derby 10.14 as the persistent single-node default, or PostgreSQL
 * shared by the nodes. One row per bucket and window length in {@code postwarden_throttle_windows}, created when
 * absent.
 *
 * <p>An acquisition is one transaction that first locks its rows, one at a time in {@link Gcra#ordered} order so
 * that concurrent acquisitions never deadlock: {@code UPDATE ... SET debt = debt} takes the row lock on both
 * databases at any isolation level (a portable {@code SELECT ... FOR UPDATE}, which Derby releases early under
 * READ COMMITTED), and a missing row is inserted, which locks it too. It then reads the locked rows, evaluates
 * {@link Gcra} and writes them back when allowed. A concurrent insert of the same row makes the transaction
 * start over.
 */
public final class JdbcThrottleStore implements ThrottleStore {
    private final Jdbc sql;

    /** @throws ThrottleStoreException when the database is unreachable or the tables cannot be created */
    public JdbcThrottleStore(DataSource dataSource) {
        this.sql = ThrottleSql.open(dataSource);
    }

    @Override
    public Acquisition acquire(List<WindowSpec> windows, Instant now) {
        List<WindowSpec> ordered = Gcra.ordered(windows);
        long millis = now.toEpochMilli();
        return sql.inTransaction("count against rate limits", ThrottleSql.LOST_RACE, connection -> {
            List<Gcra.State> states = new ArrayList<>();
            for (WindowSpec window : ordered) {
                states.add(lock(connection, window, millis));
            }
            Gcra.Evaluation evaluation = Gcra.evaluate(ordered, states, millis);
            if (evaluation.acquisition().allowed()) {
                for (int i = 0; i < ordered.size(); i++) {
                    Gcra.State next = evaluation.next().get(i);
                    Jdbc.update(connection, "UPDATE " + WINDOWS + " SET debt = ?, updated_at = ?, drained_at = ?"
                            + " WHERE bucket = ? AND window_ms = ?", next.debt(), next.updatedAt(),
                        Gcra.drainedAt(ordered.get(i), next.updatedAt()), ordered.get(i).bucket(),
                        ordered.get(i).limit().windowMillis());
                }
            }
            return evaluation.acquisition();
        });
    }

    @Override
    public List<WindowUsage> peek(List<WindowSpec> windows, Instant now) {
        return sql.withConnection("read rate limit usage", connection -> {
            List<WindowUsage> usages = new ArrayList<>();
            for (WindowSpec window : windows) {
                usages.add(Gcra.usage(window, read(connection, window), now.toEpochMilli()));
            }
            return usages;
        });
    }

    @Override
    public void reset(String bucket) {
        sql.update("reset a rate limit bucket", "DELETE FROM " + WINDOWS + " WHERE bucket = ?", bucket);
    }

    @Override
    public long purgeIdle(Instant now) {
        return sql.update("purge idle rate limit windows", "DELETE FROM " + WINDOWS + " WHERE drained_at <= ?",
            now.toEpochMilli());
    }

    /** Locks the window's row, inserting an empty one when absent, and returns its state. */
    private static Gcra.State lock(Connection connection, WindowSpec window, long now) throws SQLException {
        int locked = Jdbc.update(connection, "UPDATE " + WINDOWS + " SET debt = debt"
            + " WHERE bucket = ? AND window_ms = ?", window.bucket(), window.limit().windowMillis());
        if (locked == 0) {
            Jdbc.update(connection, "INSERT INTO " + WINDOWS + " (bucket, window_ms, debt, updated_at,"
                + " drained_at) VALUES (?, ?, 0, 0, ?)", window.bucket(), window.limit().windowMillis(), now);
            return Gcra.State.EMPTY;
        }
        return read(connection, window);
    }

    private static Gcra.State read(Connection connection, WindowSpec window) throws SQLException {
        List<Gcra.State> states = Jdbc.query(connection,
            row -> new Gcra.State(row.getLong("debt"), row.getLong("updated_at")),
            "SELECT debt, updated_at FROM " + WINDOWS + " WHERE bucket = ? AND window_ms = ?",
            window.bucket(), window.limit().windowMillis());
        return states.isEmpty() ? Gcra.State.EMPTY : states.get(0);
    }
}
