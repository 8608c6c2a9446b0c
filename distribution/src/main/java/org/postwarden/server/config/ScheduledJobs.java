package org.postwarden.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.annotation.PreDestroy;
import javax.inject.Singleton;

import org.apache.james.lifecycle.api.Startable;
import org.apache.james.utils.InitializationOperation;
import org.apache.james.utils.InitilizationOperationBuilder;

/**
 * Postwarden's periodic jobs (purges, flushes, refreshes). A module declares one with {@code @ProvidesIntoSet} and
 * {@link #every}; James' initialization starts it once every module is wired, and the server's stop ends it, then
 * runs its last action.
 */
@Singleton
public class ScheduledJobs implements Startable {
    private final List<PeriodicJob> running = new ArrayList<>();
    private final List<Runnable> atStop = new ArrayList<>();

    /** Runs {@code job} every {@code interval}, the first time one interval after start-up. */
    public InitializationOperation every(String name, Duration interval, Runnable job) {
        return every(name, interval, interval, job);
    }

    public InitializationOperation every(String name, Duration firstAfter, Duration interval, Runnable job) {
        return InitilizationOperationBuilder.forClass(ScheduledJobs.class)
            .init(() -> start(name, firstAfter, interval, job, () -> { }));
    }

    /** As {@link #every(String, Duration, Runnable)}, and {@code lastRun} once more when the server stops. */
    public InitializationOperation every(String name, Duration interval, Runnable job, Runnable lastRun) {
        return InitilizationOperationBuilder.forClass(ScheduledJobs.class)
            .init(() -> start(name, interval, interval, job, lastRun));
    }

    /** For a job that a setting turns off. */
    public InitializationOperation none() {
        return InitilizationOperationBuilder.forClass(ScheduledJobs.class).init(() -> { });
    }

    private synchronized void start(String name, Duration firstAfter, Duration interval, Runnable job, Runnable lastRun) {
        running.add(PeriodicJob.start(name, firstAfter, interval, job));
        atStop.add(lastRun);
    }

    @PreDestroy
    public synchronized void stop() {
        running.forEach(PeriodicJob::close);
        running.clear();
        atStop.forEach(Runnable::run);
        atStop.clear();
    }
}
