package org.postwarden.bench.dkim;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports {@code cpu.share}: the CPU time the benchmark's worker threads got during an iteration, per thread and
 * per wall-clock second. On an idle machine it is about 1.00; when another build competes for the cores it drops,
 * and ops/s divided by it (ops per CPU-second of the benchmark thread) stays comparable between benchmarks that ran
 * at different moments of a shared machine's load, which wall-clock ops/s does not. {@code bench/dkim.sh} passes
 * it as {@code -prof org.postwarden.bench.dkim.CpuShareProfiler}.
 */
public final class CpuShareProfiler implements InternalProfiler {
    /** JMH 1.37 names its benchmark threads "{benchmark}-jmh-worker-{n}". */
    private static final String WORKER_MARK = "-jmh-worker-";

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Map<Long, Long> cpuBefore = Map.of();
    private long wallBefore;

    @Override
    public String getDescription() {
        return "CPU time of the benchmark threads per thread and wall-clock second";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        cpuBefore = workerCpuTimes();
        wallBefore = System.nanoTime();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long wall = System.nanoTime() - wallBefore;
        long cpu = 0;
        for (Map.Entry<Long, Long> thread : workerCpuTimes().entrySet()) {
            cpu += thread.getValue() - cpuBefore.getOrDefault(thread.getKey(), 0L);
        }
        double share = (double) cpu / wall / benchmarkParams.getThreads();
        return List.of(new ScalarResult("cpu.share", share, "CPU s/s", AggregationPolicy.AVG));
    }

    private Map<Long, Long> workerCpuTimes() {
        Map<Long, Long> times = new HashMap<>();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().contains(WORKER_MARK)) {
                long time = threads.getThreadCpuTime(info.getThreadId());
                if (time >= 0) {
                    times.put(info.getThreadId(), time);
                }
            }
        }
        return times;
    }
}
