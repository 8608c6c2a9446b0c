package org.postwarden.mailets;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.james.util.DurationParser;
import org.postwarden.common.Durations;
import org.postwarden.mtasts.MtaStsDeliverySettings;

/**
 * The MtaStsDelivery attributes that earlier versions read in mailetcontainer.xml ({@code retryProcessor},
 * {@code bounceProcessor}, {@code delayTime} in James' syntax such as {@code 5 minutes}, {@code maxRetries},
 * {@code heloName}). They still win over conf/mta-sts.properties, each with a warning saying what to write there.
 */
final class MtaStsLegacyAttributes {
    private MtaStsLegacyAttributes() {
    }

    static MtaStsDeliverySettings over(MtaStsDeliverySettings settings, Function<String, String> attributes,
                                       Consumer<String> warnings) {
        MtaStsDeliverySettings result = settings;
        Optional<String> retry = attribute(attributes, "retryProcessor");
        if (retry.isPresent()) {
            warn(warnings, "retryProcessor", retry.get(), retry.get());
            result = result.withRetryProcessor(retry.get());
        }
        Optional<String> bounce = attribute(attributes, "bounceProcessor");
        if (bounce.isPresent()) {
            warn(warnings, "bounceProcessor", bounce.get(), bounce.get());
            result = result.withBounceProcessor(bounce.get());
        }
        Optional<String> delayTime = attribute(attributes, "delayTime");
        if (delayTime.isPresent()) {
            List<Duration> delays = Arrays.stream(delayTime.get().split(","))
                .map(delay -> DurationParser.parse(delay.trim(), ChronoUnit.SECONDS)).toList();
            warn(warnings, "delayTime", delayTime.get(), delays.stream().map(Durations::format).collect(Collectors.joining(", ")));
            result = result.withDelays(delays);
        }
        Optional<String> retries = attribute(attributes, "maxRetries");
        if (retries.isPresent()) {
            warn(warnings, "maxRetries", retries.get(), retries.get());
            result = result.withMaxRetries(Integer.parseInt(retries.get()));
        }
        Optional<String> helo = attribute(attributes, "heloName");
        if (helo.isPresent()) {
            warn(warnings, "heloName", helo.get(), helo.get());
            result = result.withHeloName(helo.get());
        }
        return result;
    }

    private static Optional<String> attribute(Function<String, String> attributes, String name) {
        return Optional.ofNullable(attributes.apply(name)).map(String::trim).filter(value -> !value.isEmpty());
    }

    private static void warn(Consumer<String> warnings, String name, String written, String setting) {
        warnings.accept("mailetcontainer.xml: MtaStsDelivery's <" + name + ">" + written + "</" + name + "> is deprecated:"
            + " write " + name + "=" + setting + " in mta-sts.properties and remove the attribute");
    }
}
