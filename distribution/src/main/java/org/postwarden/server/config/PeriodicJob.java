package org.postwarden.server.config;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a job every interval on a daemon thread of its own; a failing run is logged and the next one still happens. */
public final class PeriodicJob implements AutoCloseable {
    private static final Logger LOGGER = LoggerFactory.getLogger(PeriodicJob.class);

    private final ScheduledExecutorService scheduler;

    private PeriodicJob(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    public static PeriodicJob start(String name, Duration interval, Runnable job) {
        return start(name, interval, interval, job);
    }

    /** The first run after {@code initialDelay}, then every {@code interval}. */
    public static PeriodicJob start(String name, Duration initialDelay, Duration interval, Runnable job) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                LOGGER.warn("{} failed: {}", name, e.getMessage());
            }
        }, initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new PeriodicJob(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
