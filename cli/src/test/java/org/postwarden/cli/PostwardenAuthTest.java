package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.cli.Cli.resource;
import static org.postwarden.cli.Cli.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PostwardenAuthTest {
    @Test
    void globalHelpShouldListEveryCommandOnStandardOutput() {
        Cli.Result result = run("--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("usage: postwarden-auth COMMAND")
            .contains("  verify ", "  spf ", "  dkim-verify ", "  arc-verify ", "  dmarc ", "  dkim-sign ");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void noCommandShouldPrintTheUsageOnStandardErrorWithExitCode2() {
        Cli.Result result = run();

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("usage: postwarden-auth COMMAND");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unknownCommandShouldBeNamed() {
        Cli.Result result = run("sign");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth: unknown command \"sign\"\nusage: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"verify", "spf", "dkim-verify", "arc-verify", "dmarc", "dkim-sign", "doctor"})
    void commandHelpShouldGiveTheUsageLineAndTheExitCodes(String command) {
        Cli.Result result = run(command, "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith("usage: postwarden-auth " + command + " --").contains("Exit code");
    }

    @Test
    void missingOptionShouldBeNamedWithTheUsageLine() {
        Cli.Result result = run("spf", "--dns", resource("zone.json"), "--mail-from", "a@example.com", "--helo", "x.example");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("postwarden-auth spf: --ip is required\n"
            + "usage: postwarden-auth spf --dns ZONE.json --ip IP --mail-from ADDR --helo NAME\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void unreadableInputShouldBeNamedWithoutTheUsageLine() {
        Cli.Result result = run("arc-verify", "--dns", "no-such-zone.json", resource("message.eml"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("postwarden-auth arc-verify: cannot read the zone file no-such-zone.json: "
            + "no such file\n");
    }

    @Test
    void invalidZoneShouldBeReportedWithTheParsersReason() {
        Cli.Result result = run("arc-verify", "--dns", resource("message.eml"), resource("message.eml"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth arc-verify: invalid zone file ")
            .contains("zone is not valid JSON");
    }
}
