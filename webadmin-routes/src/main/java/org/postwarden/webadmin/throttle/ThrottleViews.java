package org.postwarden.webadmin.throttle;

import java.util.List;
import java.util.Map;
import org.postwarden.throttle.Quota;
import org.postwarden.throttle.SuspensionEvent;
import org.postwarden.throttle.WindowUsage;

/** The JSON shapes of the throttle routes: limits as the text of throttle.properties, times in ISO-8601. */
record LimitsView(String messages, String recipients) {
    static LimitsView of(Quota quota) {
        return new LimitsView(quota.messages().toString(), quota.recipients().toString());
    }
}

record CounterView(String counter, String limit, long used, long max, long drainsInSeconds) {
    static CounterView of(WindowUsage usage) {
        String bucket = usage.window().bucket();
        return new CounterView(bucket.substring(bucket.indexOf('#') + 1), usage.window().limit().name(), usage.used(),
            usage.window().limit().limit(), (usage.drainsIn().toMillis() + 999) / 1000);
    }
}

record UserView(String user, String tier, LimitsView limits, String firstSeen, boolean suspended,
                List<CounterView> counters) {
}

record KeyView(String key, LimitsView limits, List<CounterView> counters) {
}

record OverrideView(String user, String messages, String recipients) {
    static OverrideView of(String user, Quota quota) {
        return new OverrideView(user, quota.messages().toString(), quota.recipients().toString());
    }
}

record SuspensionView(String user, String action, String reason, Map<String, Long> counters, String at) {
    static SuspensionView of(SuspensionEvent event) {
        return new SuspensionView(event.user(), event.action().name().toLowerCase(java.util.Locale.ROOT),
            event.reason(), event.counters(), event.at().toString());
    }
}

/** A failure counter; {@code account} is null for the counter of the whole address. */
record FailureCountView(String address, String account, long failures, String limit, boolean refused,
                        long drainsInSeconds) {
    static FailureCountView of(org.postwarden.throttle.auth.FailureCount count) {
        return new FailureCountView(count.address(), count.account().isEmpty() ? null : count.account(),
            count.failures(), count.limit().name(), count.refused(), (count.drainsIn().toMillis() + 999) / 1000);
    }
}

record AuthEventView(String at, String address, String account, String protocol, String action) {
    static AuthEventView of(org.postwarden.throttle.auth.AuthFailureEvent event) {
        return new AuthEventView(event.at().toString(), event.address(),
            event.account().isEmpty() ? null : event.account(), event.protocol(),
            event.action().name().toLowerCase(java.util.Locale.ROOT));
    }
}
