package org.postwarden.bench.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LoadTableTest {
    private final List<LoadRun.Measurement> measurements = new ArrayList<>();

    @Test
    void rowShouldGiveMediansOverTheRoundsAndRatiosToThePostfixBaseline() {
        // 1,000 messages in 10 s, 4 s, 2 s: 100, 250, 500 msg/s; median 250.
        measured(Profile.POSTFIX, Scenario.RELAY, 1, 10, Map.of("postfix", 2_000L));
        measured(Profile.POSTFIX, Scenario.RELAY, 2, 4, Map.of("postfix", 3_000L));
        measured(Profile.POSTFIX, Scenario.RELAY, 3, 2, Map.of("postfix", 9_000L));
        measured(Profile.PLAIN, Scenario.RELAY, 1, 8, Map.of("postwarden", 9_000L));
        measured(Profile.FULL, Scenario.RELAY, 1, 20, Map.of("postwarden", 12_000L));

        String table = render();

        assertThat(table).contains("| relay | 250 msg/s, 3.0 ms CPU/msg | 125 msg/s (0.50×), 9.0 ms CPU/msg | 50.0 msg/s (0.20×), 12.0 ms CPU/msg |");
        assertThat(table).contains("| postfix | authenticated relay | 100 / 250 / 500 | 250 |");
    }

    @Test
    void signingBaselineShouldAddPostfixAndOpenDkimAndKeepTheLoadJvmApart() {
        measured(Profile.POSTFIX_DKIM, Scenario.RELAY, 1, 5, Map.of("postfix", 4_000L, "opendkim", 2_000L, LoadRun.LOAD_GROUP, 7_000L));

        assertThat(render()).contains("| relay with DKIM RSA-2048 | 200 msg/s with OpenDKIM, 6.0 ms CPU/msg (postfix 4.0 + opendkim 2.0) | — | not run |");
    }

    @Test
    void flowWithoutBaselineShouldSaySoAndGiveNoRatio() {
        measured(Profile.PLAIN, Scenario.INBOUND, 1, 10, Map.of("postwarden", 13_000L));

        assertThat(render()).contains("| inbound to mailbox | not run | 100 msg/s, 13.0 ms CPU/msg | not run |");
    }

    private void measured(Profile profile, Scenario scenario, int round, int seconds, Map<String, Long> cpuMillis) {
        LoadResult load = new LoadResult(1000, Map.of(), new long[] {1_000_000}, Duration.ofSeconds(seconds));
        measurements.add(new LoadRun.Measurement(new LoadRun.Case(profile, scenario), round, load, Duration.ofSeconds(seconds),
            1000, 0, new LinkedHashMap<>(cpuMillis)));
    }

    private String render() {
        return LoadTable.render(measurements, Map.of(), new LoadTable.Settings(50, 20, 4096, 8000, 3));
    }
}
