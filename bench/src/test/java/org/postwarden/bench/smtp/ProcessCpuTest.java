package org.postwarden.bench.smtp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class ProcessCpuTest {

    @Test
    void treeShouldCountTheCpuOfChildrenThatExitedMeanwhile() throws Exception {
        // A child shell burns CPU and exits; the parent reaps it, then becomes sleep (exec keeps its accounting).
        Process parent = new ProcessBuilder("sh", "-c",
            "sh -c 'i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done'; exec sleep 30").start();
        try {
            awaitCommand(parent.pid(), "sleep");

            long own = ProcessCpu.ofProcess(parent.pid());
            long tree = ProcessCpu.ofTree(parent.pid());

            assertThat(own).isLessThan(50);
            assertThat(tree - own).isGreaterThanOrEqualTo(50);
        } finally {
            parent.destroyForcibly().waitFor();
        }
    }

    @Test
    void treeShouldListTheLiveDescendantsRootFirst() throws Exception {
        Process parent = new ProcessBuilder("sh", "-c", "sleep 30 & sleep 30 & wait").start();
        try {
            Instant deadline = Instant.now().plusSeconds(10);
            while (ProcessCpu.tree(parent.pid()).size() < 3 && Instant.now().isBefore(deadline)) {
                Thread.sleep(20);
            }

            assertThat(ProcessCpu.tree(parent.pid())).hasSize(3).first().isEqualTo(parent.pid());
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly().waitFor();
        }
    }

    private static void awaitCommand(long pid, String command) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Path comm = Path.of("/proc", Long.toString(pid), "comm");
        while (!Files.readString(comm).trim().equals(command)) {
            assertThat(Instant.now()).as("process %d never became %s", pid, command).isBefore(deadline);
            Thread.sleep(20);
        }
    }
}
