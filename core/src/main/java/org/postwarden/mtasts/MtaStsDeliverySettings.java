package org.postwarden.mtasts;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.postwarden.config.ConfigFile;

/**
 * How the MtaStsDelivery mailet retries, from conf/mta-sts.properties (earlier versions read them as the mailet's
 * attributes in mailetcontainer.xml, which are still honoured with a warning):
 *
 * @param retryProcessor  {@code retryProcessor} (remote-delivery): the processor holding the mailet, where a
 *                        deferred mail comes back
 * @param bounceProcessor {@code bounceProcessor} (bounces)
 * @param delays          {@code delayTime} (5m, 30m, 1h, 4h): the waits before each retry, the last repeating
 * @param maxRetries      {@code maxRetries} (30): retries before the mail bounces
 * @param heloName        {@code heloName}: the name announced to MX hosts; unset: the default domain
 */
public record MtaStsDeliverySettings(String retryProcessor, String bounceProcessor, List<Duration> delays,
                                     int maxRetries, Optional<String> heloName) {
    public static final MtaStsDeliverySettings DEFAULT = new MtaStsDeliverySettings("remote-delivery", "bounces",
        List.of(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(4)), 30,
        Optional.empty());

    public MtaStsDeliverySettings {
        Objects.requireNonNull(retryProcessor, "retryProcessor");
        Objects.requireNonNull(bounceProcessor, "bounceProcessor");
        Objects.requireNonNull(heloName, "heloName");
        delays = List.copyOf(delays);
    }

    public static MtaStsDeliverySettings from(ConfigFile file) {
        return new MtaStsDeliverySettings(
            file.string("retryProcessor", DEFAULT.retryProcessor),
            file.string("bounceProcessor", DEFAULT.bounceProcessor),
            file.durations("delayTime", DEFAULT.delays),
            file.integer("maxRetries", DEFAULT.maxRetries, 0, Integer.MAX_VALUE),
            file.optional("heloName"));
    }

    public MtaStsDeliverySettings withRetryProcessor(String processor) {
        return new MtaStsDeliverySettings(processor, bounceProcessor, delays, maxRetries, heloName);
    }

    public MtaStsDeliverySettings withBounceProcessor(String processor) {
        return new MtaStsDeliverySettings(retryProcessor, processor, delays, maxRetries, heloName);
    }

    public MtaStsDeliverySettings withDelays(List<Duration> newDelays) {
        return new MtaStsDeliverySettings(retryProcessor, bounceProcessor, newDelays, maxRetries, heloName);
    }

    public MtaStsDeliverySettings withMaxRetries(int retries) {
        return new MtaStsDeliverySettings(retryProcessor, bounceProcessor, delays, retries, heloName);
    }

    public MtaStsDeliverySettings withHeloName(String name) {
        return new MtaStsDeliverySettings(retryProcessor, bounceProcessor, delays, maxRetries, Optional.of(name));
    }
}
