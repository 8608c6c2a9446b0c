package org.postwarden.throttle.jdbc;

import com.google.common.base.Preconditions;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.common.jdbc.Tables;
import org.postwarden.throttle.ThrottleStoreException;
import org.postwarden.throttle.auth.AuthFailureEvent;
import org.postwarden.throttle.auth.AuthFailureLog;

/**
 * The authentication audit log in {@code postwarden_auth_failures}, next to the throttle tables, so that every node
 * of a shared database sees every node's failures.
 */
public final class JdbcAuthFailureLog implements AuthFailureLog {
    static final String TABLE = "postwarden_auth_failures";
    private static final String COLUMNS = "at_millis, address, account, protocol, action";
    private static final List<String> SCHEMA = List.of(
        "CREATE TABLE " + TABLE + " ("
            + "id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
            + "at_millis BIGINT NOT NULL, "
            + "address VARCHAR(64) NOT NULL, "
            + "account VARCHAR(320) NOT NULL, "
            + "protocol VARCHAR(16) NOT NULL, "
            + "action VARCHAR(16) NOT NULL)",
        "CREATE INDEX " + TABLE + "_at ON " + TABLE + " (at_millis)",
        "CREATE INDEX " + TABLE + "_address ON " + TABLE + " (address)");

    private final Jdbc sql;

    /** @throws ThrottleStoreException when the database is unreachable or the table cannot be created */
    public JdbcAuthFailureLog(DataSource dataSource) {
        this.sql = ThrottleSql.open(dataSource);
        sql.withConnection("create the authentication audit table", connection -> {
            Tables.createIfAbsent(connection, SCHEMA);
            return null;
        });
    }

    @Override
    public void append(AuthFailureEvent event) {
        sql.update("log an authentication failure", "INSERT INTO " + TABLE + " (" + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?)", event.at().toEpochMilli(), event.address(), event.account(),
            event.protocol(), event.action().name());
    }

    @Override
    public List<AuthFailureEvent> since(Instant from) {
        return sql.query("read the authentication audit log", JdbcAuthFailureLog::event,
            "SELECT " + COLUMNS + " FROM " + TABLE + " WHERE at_millis >= ? ORDER BY id", from.toEpochMilli());
    }

    @Override
    public List<AuthFailureEvent> ofAddress(String address, int limit) {
        Preconditions.checkArgument(limit >= 1, "limit must be at least 1, got %s", limit);
        List<AuthFailureEvent> newestFirst = new ArrayList<>(sql.query("read the authentication audit log",
            JdbcAuthFailureLog::event, "SELECT " + COLUMNS + " FROM " + TABLE
                + " WHERE address = ? ORDER BY id DESC FETCH FIRST " + limit + " ROWS ONLY", address));
        Collections.reverse(newestFirst);
        return newestFirst;
    }

    private static AuthFailureEvent event(ResultSet row) throws SQLException {
        return new AuthFailureEvent(Instant.ofEpochMilli(row.getLong("at_millis")), row.getString("address"),
            row.getString("account"), row.getString("protocol"),
            AuthFailureEvent.Action.valueOf(row.getString("action")));
    }
}
