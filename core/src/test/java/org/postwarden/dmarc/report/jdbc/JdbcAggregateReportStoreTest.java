package org.postwarden.dmarc.report.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.postwarden.dmarc.report.Evaluations.evaluation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dmarc.report.AggregateReportStore;
import org.postwarden.dmarc.report.AggregateReportStore.ReportBatch;
import org.postwarden.dmarc.report.AggregateReportStoreException;
import org.postwarden.dmarc.report.AggregateReportStoreContract;
import org.postwarden.testing.DerbyDatabase;

class JdbcAggregateReportStoreTest implements AggregateReportStoreContract {
    @TempDir
    Path directory;
    private EmbeddedDataSource dataSource;
    private JdbcAggregateReportStore store;

    @BeforeEach
    void setUp() {
        dataSource = DerbyDatabase.create(directory.resolve("dmarc"));
        store = new JdbcAggregateReportStore(dataSource);
    }

    @Override
    public AggregateReportStore store() {
        return store;
    }

    @Test
    void anotherNodeShouldSeeTheEvaluationsAndNotTakeAReportAlreadyTaken() {
        store.record(evaluation(T0, "example.com", "192.0.2.1", true, RUA));
        JdbcAggregateReportStore otherNode = new JdbcAggregateReportStore(dataSource);

        assertThat(otherNode.close(RUN, domain -> "other-" + domain)).isEqualTo(1);
        assertThat(store.close(RUN, domain -> "mine-" + domain)).isZero();
        assertThat(store.takeUnsent(RUN, Duration.ofHours(1))).extracting(ReportBatch::reportId).containsExactly("other-example.com");
        assertThat(otherNode.takeUnsent(RUN, Duration.ofHours(1))).isEmpty();
    }

    @Test
    void evaluationsShouldSurviveANewStoreOnTheSameDatabase() {
        store.record(evaluation(T0, "example.com", "2001:db8:0:0:0:0:0:1", false, RUA));

        JdbcAggregateReportStore restarted = new JdbcAggregateReportStore(dataSource);
        restarted.close(RUN, domain -> "r");

        assertThat(restarted.takeUnsent(RUN, Duration.ofHours(1)).get(0).evaluations())
            .containsExactly(evaluation(T0, "example.com", "2001:db8:0:0:0:0:0:1", false, RUA));
    }

    @Test
    void markingAnUnknownReportSentShouldFail() {
        assertThatThrownBy(() -> store.markSent("nope", RUN, List.of("a@example.com")))
            .isInstanceOf(AggregateReportStoreException.class).hasMessageContaining("nope");
    }
}
