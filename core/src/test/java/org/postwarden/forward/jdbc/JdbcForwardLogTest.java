package org.postwarden.forward.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.forward.ForwardLog;
import org.postwarden.forward.ForwardLogContract;
import org.postwarden.testing.DerbyDatabase;
import org.postwarden.testing.MutableClock;

class JdbcForwardLogTest implements ForwardLogContract {
    @TempDir
    Path directory;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-22T10:00:00Z"));
    private EmbeddedDataSource dataSource;
    private JdbcForwardLog log;

    @BeforeEach
    void setUp() {
        dataSource = DerbyDatabase.create(directory.resolve("forwards"));
        log = new JdbcForwardLog(dataSource, WINDOW);
    }

    @Override
    public ForwardLog forwardLog() {
        return log;
    }

    @Override
    public MutableClock clock() {
        return clock;
    }

    @Test
    void aSecondNodeShouldReuseTheTableAndSeeTheFirstNodesForwards() {
        log.record(MESSAGE_ID, TARGET, clock.instant());

        JdbcForwardLog otherNode = new JdbcForwardLog(dataSource, WINDOW);

        assertThat(otherNode.record(MESSAGE_ID, TARGET, clock.instant())).isFalse();
    }
}
