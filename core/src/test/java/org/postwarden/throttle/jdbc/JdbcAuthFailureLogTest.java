package org.postwarden.throttle.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.testing.DerbyDatabase;
import org.postwarden.throttle.auth.AuthFailureEvent;

class JdbcAuthFailureLogTest {
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void eventsShouldBeReadBackByTimeAndByAddressAcrossReopening(@TempDir Path directory) {
        JdbcAuthFailureLog before = new JdbcAuthFailureLog(DerbyDatabase.create(directory));
        for (int i = 0; i < 5; i++) {
            before.append(new AuthFailureEvent(NOW.plusSeconds(i), "192.0.2.1", "alice@example.com", "smtp",
                AuthFailureEvent.Action.FAILED));
        }
        before.append(new AuthFailureEvent(NOW.plusSeconds(10), "192.0.2.2", "", "webadmin",
            AuthFailureEvent.Action.CLEARED));
        DerbyDatabase.shutdown(directory);

        JdbcAuthFailureLog after = new JdbcAuthFailureLog(DerbyDatabase.open(directory));

        assertThat(after.since(NOW.plusSeconds(3))).extracting(AuthFailureEvent::at)
            .containsExactly(NOW.plusSeconds(3), NOW.plusSeconds(4), NOW.plusSeconds(10));
        assertThat(after.ofAddress("192.0.2.1", 2)).extracting(AuthFailureEvent::at)
            .containsExactly(NOW.plusSeconds(3), NOW.plusSeconds(4));
        assertThat(after.ofAddress("192.0.2.2", 100)).singleElement()
            .isEqualTo(new AuthFailureEvent(NOW.plusSeconds(10), "192.0.2.2", "", "webadmin",
                AuthFailureEvent.Action.CLEARED));
        DerbyDatabase.shutdown(directory);
    }
}
