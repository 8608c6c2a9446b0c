package org.postwarden.server.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import javax.annotation.PreDestroy;
import javax.inject.Inject;
import javax.inject.Provider;
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
public class ScheduledJobs {
    private final Provider<Running> running;

    @Inject
    ScheduledJobs(Provider<Running> running) {
        this.running = running;
    }

    /** Runs {@code job} every {@code interval}, the first time one interval after start-up. */
    public InitializationOperation every(String name, Duration interval, Runnable job) {
        return every(name, interval, interval, job);
    }

    public InitializationOperation every(String name, Duration firstAfter, Duration interval, Runnable job) {
        return InitilizationOperationBuilder.forClass(Running.class)
            .init(() -> running.get().start(name, firstAfter, interval, job, () -> { }));
    }

    /** As {@link #every(String, Duration, Runnable)}, and {@code lastRun} once more when the server stops. */
    public InitializationOperation every(String name, Duration interval, Runnable job, Runnable lastRun) {
        return InitilizationOperationBuilder.forClass(Running.class)
            .init(() -> running.get().start(name, interval, interval, job, lastRun));
    }

    /** For a job that a setting turns off. */
    public InitializationOperation none() {
        return InitilizationOperationBuilder.forClass(Running.class).init(() -> { });
    }

    /**
     * The started jobs. Created by the first start, after every store the jobs use: James stops what it created last
     * first, so the jobs end (and a last flush runs) while the database pool is still open.
     */
    @Singleton
    public static class Running implements Startable {
        private final List<PeriodicJob> jobs = new ArrayList<>();
        private final List<Runnable> lastRuns = new ArrayList<>();

        private synchronized void start(String name, Duration firstAfter, Duration interval, Runnable job, Runnable lastRun) {
            jobs.add(PeriodicJob.start(name, firstAfter, interval, job));
            lastRuns.add(lastRun);
        }

        @PreDestroy
        public synchronized void stop() {
            jobs.forEach(PeriodicJob::close);
            jobs.clear();
            lastRuns.forEach(Runnable::run);
            lastRuns.clear();
        }
    }
}
