package org.postwarden.deliverability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    @Test
    void reportShouldCarryTheWorstStatusAndOnlyPresentFields() throws Exception {
        DeliverabilityReport report = new DeliverabilityReport(new Target("Example.COM.", Optional.empty(), Optional.empty()),
            List.of(Finding.pass("spf", "fine"),
                Finding.warn("dmarc", "p=none").publishing(SuggestedRecord.txt("_dmarc.example.com", "v=DMARC1; p=quarantine"))));

        assertThat(new ObjectMapper().writeValueAsString(ReportJson.of(report))).isEqualTo("{\"domain\":\"example.com\","
            + "\"status\":\"warn\",\"checks\":[{\"check\":\"spf\",\"status\":\"pass\",\"explanation\":\"fine\"},"
            + "{\"check\":\"dmarc\",\"status\":\"warn\",\"explanation\":\"p=none\","
            + "\"publish\":{\"name\":\"_dmarc.example.com\",\"type\":\"TXT\",\"value\":\"v=DMARC1; p=quarantine\"}}]}");
    }
}
