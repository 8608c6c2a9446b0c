package org.postwarden.mailets;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.postwarden.mtasts.MtaStsDeliverySettings;

class MtaStsLegacyAttributesTest {
    private final List<String> warnings = new ArrayList<>();

    @Test
    void withoutAttributesTheSettingsOfMtaStsPropertiesShouldApplyQuietly() {
        assertThat(MtaStsLegacyAttributes.over(MtaStsDeliverySettings.DEFAULT, name -> null, warnings::add))
            .isEqualTo(MtaStsDeliverySettings.DEFAULT);
        assertThat(warnings).isEmpty();
    }

    @Test
    void theOldAttributesShouldStillWinWithAWarningEach() {
        Map<String, String> attributes = Map.of("retryProcessor", "mta-sts", "delayTime", "5 minutes, 1 hour",
            "maxRetries", " 3 ", "bounceProcessor", "error", "heloName", "mx.example.com");

        MtaStsDeliverySettings settings = MtaStsLegacyAttributes.over(MtaStsDeliverySettings.DEFAULT, attributes::get,
            warnings::add);

        assertThat(settings).isEqualTo(new MtaStsDeliverySettings("mta-sts", "error",
            List.of(Duration.ofMinutes(5), Duration.ofHours(1)), 3, Optional.of("mx.example.com")));
        assertThat(warnings).hasSize(5).contains("mailetcontainer.xml: MtaStsDelivery's <delayTime>5 minutes, 1 hour</delayTime>"
            + " is deprecated: write delayTime=5m, 1h in mta-sts.properties and remove the attribute");
    }
}
