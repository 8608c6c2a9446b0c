package org.postwarden.bench.smtp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU time and memory of processes, read from Linux /proc (proc(5)): user + system time in ms, cumulative since each
 * process started. A process tree (Postfix's master and every daemon it spawned) also counts its reaped children
 * (cutime + cstime), so short-lived daemons that exit during a measured window are not lost: the tree's total only
 * grows, and the difference of two readings is the tree's CPU in between.
 */
final class ProcessCpu {
    /** USER_HZ, the unit of /proc/[pid]/stat times: getconf CLK_TCK (100 on Linux). */
    private static final long TICKS_PER_SECOND = Long.getLong("clockTicks", 100);
    // Fields of /proc/[pid]/stat after the ")" closing comm, counted from 0 (state): proc(5) numbers them 3, 4, 14..17.
    private static final int PPID = 1;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;

    private ProcessCpu() {
    }

    /** utime + stime of one process (all its threads), in ms. */
    static long ofProcess(long pid) throws IOException {
        String[] fields = stat(pid);
        return millis(Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME]));
    }

    /** The whole tree under {@code root}, with the CPU of the children each process has reaped, in ms. */
    static long ofTree(long root) throws IOException {
        long ticks = 0;
        for (long pid : tree(root)) {
            try {
                String[] fields = stat(pid);
                ticks += Long.parseLong(fields[UTIME]) + Long.parseLong(fields[STIME])
                    + Long.parseLong(fields[CUTIME]) + Long.parseLong(fields[CSTIME]);
            } catch (NoSuchFileException exited) {
                // reaped since the listing: its time is now in its parent's cutime
            }
        }
        return millis(ticks);
    }

    /** Sum of the proportional set sizes (shared pages split between their users) of the tree, in MB. */
    static long treePssMegabytes(long root) throws IOException {
        long kilobytes = 0;
        for (long pid : tree(root)) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                    if (line.startsWith("Pss:")) {
                        kilobytes += Long.parseLong(line.replaceAll("\\D", ""));
                    }
                }
            } catch (NoSuchFileException exited) {
                // gone since the listing
            }
        }
        return kilobytes / 1024;
    }

    /** {@code root} and its descendants alive now, root first. */
    static List<Long> tree(long root) throws IOException {
        Map<Long, List<Long>> children = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), entry -> entry.getFileName().toString().matches("\\d+"))) {
            for (Path process : processes) {
                long pid = Long.parseLong(process.getFileName().toString());
                try {
                    children.computeIfAbsent(Long.parseLong(stat(pid)[PPID]), parent -> new ArrayList<>()).add(pid);
                } catch (NoSuchFileException exited) {
                    // gone since the listing
                }
            }
        }
        List<Long> tree = new ArrayList<>();
        Deque<Long> pending = new ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            long pid = pending.removeFirst();
            tree.add(pid);
            pending.addAll(children.getOrDefault(pid, List.of()));
        }
        return tree;
    }

    private static String[] stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.US_ASCII);
        // comm, in parentheses, may itself hold spaces and parentheses: the fields start after the last ")".
        return stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
    }

    private static long millis(long ticks) {
        return ticks * 1000 / TICKS_PER_SECOND;
    }
}
