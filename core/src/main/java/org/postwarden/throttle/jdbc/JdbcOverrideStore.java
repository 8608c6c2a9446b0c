package org.postwarden.throttle.jdbc;

import static org.postwarden.throttle.jdbc.ThrottleSchema.OVERRIDES;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.postwarden.common.jdbc.Jdbc;
import org.postwarden.throttle.OverrideStore;
import org.postwarden.throttle.Quota;
import org.postwarden.throttle.RateLimits;
import org.postwarden.throttle.ThrottleKey;
import org.postwarden.throttle.ThrottleStoreException;

/** Overrides in {@code postwarden_throttle_overrides}, as the text {@link RateLimits#parse} reads. */
public final class JdbcOverrideStore implements OverrideStore {
    private final Jdbc sql;

    /** @throws ThrottleStoreException when the database is unreachable or the tables cannot be created */
    public JdbcOverrideStore(DataSource dataSource) {
        this.sql = ThrottleSql.open(dataSource);
    }

    @Override
    public Optional<Quota> override(ThrottleKey user) {
        return sql.query("read an override", row -> quota(row.getString("messages"), row.getString("recipients")),
            "SELECT messages, recipients FROM " + OVERRIDES + " WHERE username = ?", user.userName())
            .stream().findFirst();
    }

    @Override
    public void setOverride(ThrottleKey user, Quota quota) {
        sql.inTransaction("store an override", ThrottleSql.LOST_RACE, connection -> {
            Jdbc.update(connection, "DELETE FROM " + OVERRIDES + " WHERE username = ?", user.userName());
            return Jdbc.update(connection, "INSERT INTO " + OVERRIDES
                    + " (username, messages, recipients) VALUES (?, ?, ?)",
                user.userName(), quota.messages().toString(), quota.recipients().toString());
        });
    }

    @Override
    public boolean removeOverride(ThrottleKey user) {
        return sql.update("remove an override", "DELETE FROM " + OVERRIDES + " WHERE username = ?",
            user.userName()) > 0;
    }

    @Override
    public Map<String, Quota> overrides() {
        Map<String, Quota> overrides = new LinkedHashMap<>();
        List<Map.Entry<String, Quota>> rows = sql.query("list overrides",
            row -> Map.entry(row.getString("username"), quota(row.getString("messages"), row.getString("recipients"))),
            "SELECT username, messages, recipients FROM " + OVERRIDES + " ORDER BY username");
        rows.forEach(entry -> overrides.put(entry.getKey(), entry.getValue()));
        return overrides;
    }

    private static Quota quota(String messages, String recipients) {
        return new Quota(RateLimits.parse(messages), RateLimits.parse(recipients));
    }
}
