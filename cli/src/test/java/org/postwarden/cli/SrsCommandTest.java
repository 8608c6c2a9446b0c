package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.cli.Cli.run;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Secret and time of core's srs-vectors.json; expected addresses as Mail::SRS 0.31 writes them. */
class SrsCommandTest {
    private static final String TIME = "1577836860";
    private static final String USAGE = "usage: postwarden-auth srs {forward ADDR FORWARDER_DOMAIN | reverse SRSADDR} "
        + "--secret S [--time UNIX] [--hash-length N] [--max-age DAYS]\n";

    @Test
    void forwardShouldPrintTheSrs0Address() {
        Cli.Result result = run("srs", "forward", "--secret", "tops3cr3t", "--time", TIME, "user@host.tld",
            "example.com");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("SRS0=lyPw=2W=host.tld=user@example.com\n");
        assertThat(result.err()).isEmpty();
    }

    @Test
    void forwardOfAnSrsAddressShouldPrintSrs1() {
        Cli.Result result = run("srs", "forward", "--secret", "tops3cr3t", "--time", TIME,
            "SRS0=opaque+string@otherdomain.com", "example.com");

        assertThat(result.out()).isEqualTo("SRS1=chaI=otherdomain.com==opaque+string@example.com\n");
    }

    @Test
    void optionsShouldGoAnywhere() {
        Cli.Result result = run("srs", "--hash-length", "8", "forward", "User@Host.tld", "--secret", "tops3cr3t",
            "example.com", "--time", TIME);

        assertThat(result.out()).isEqualTo("SRS0=lyPwHR5V=2W=Host.tld=User@example.com\n");
    }

    @Test
    void reverseShouldPrintTheOriginalSender() {
        Cli.Result result = run("srs", "reverse", "--secret", "tops3cr3t", "--time", TIME,
            "SRS0=XjO9=2V=otherdomain.com=test@example.com");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("test@otherdomain.com\n");
    }

    @Test
    void reverseOfSrs1ShouldPrintTheFirstForwardersSrs0Address() {
        Cli.Result result = run("srs", "reverse", "--secret", "tops3cr3t", "--time", TIME,
            "SRS1=JIBX=thirddomain.com==opaque+string@example.com");

        assertThat(result.out()).isEqualTo("SRS0=opaque+string@thirddomain.com\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SRS0=FAKE=2V=otherdomain.com=test@example.com|postwarden-auth srs: bad hash: ",
        "SRS0=te87=T7=otherdomain.com=test@example.com|postwarden-auth srs: expired: ",
        "test@example.com|postwarden-auth srs: not an SRS address: ",
        "SRS0=XjO9=2V@example.com|postwarden-auth srs: malformed address: "})
    void refusedAddressShouldExitWith1AndTheReason(String address, String reason) {
        Cli.Result result = run("srs", "reverse", "--secret", "tops3cr3t", "--time", TIME, address);

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).startsWith(reason).endsWith("\n").doesNotContain("usage:");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void maxAgeShouldBeConfigurable() {
        String[] args = {"srs", "reverse", "--secret", "tops3cr3t", "--time", "1578009660", "--max-age", "2",
            "SRS0=XjO9=2V=otherdomain.com=test@example.com"};

        assertThat(run(args).err()).startsWith("postwarden-auth srs: expired: ");
        args[7] = "3";
        assertThat(run(args).out()).isEqualTo("test@otherdomain.com\n");
    }

    @Test
    void withoutTimeTheSystemClockShouldDateTheAddress() {
        Cli.Result forwarded = run("srs", "forward", "--secret", "s", "user@host.tld", "example.com");
        String address = forwarded.out().strip();

        assertThat(run("srs", "reverse", "--secret", "s", address).out()).isEqualTo("user@host.tld\n");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "forward --time 1 a@b.example c.example|--secret is required",
        "--secret s|forward or reverse is missing",
        "rewrite --secret s a@b.example|unknown operation \"rewrite\" (forward or reverse)",
        "forward --secret s a@b.example|forward needs ADDR and FORWARDER_DOMAIN",
        "reverse --secret s|reverse needs SRSADDR",
        "reverse --secret s a@b.example c.example|unexpected argument \"c.example\"",
        "reverse --secret s --address a@b.example|unknown option --address",
        "reverse --secret s -x a@b.example|unknown option -x",
        "reverse --secret s --time soon a@b.example|--time must be a Unix time in seconds, got \"soon\"",
        "reverse --secret s --hash-length 28 a@b.example|--hash-length must be a number from 1 to 27, got \"28\"",
        "reverse --secret s --max-age 0 a@b.example|--max-age must be a number from 1 to 1023, got \"0\"",
        "forward --secret s a@b.example pm@c.example|FORWARDER_DOMAIN must be a domain, got \"pm@c.example\"",
        "reverse --secret s --secret t a@b.example|--secret is given twice"})
    void wrongCommandLineShouldExitWith2AndTheUsage(String args, String message) {
        Cli.Result result = run(("srs " + args).split(" "));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("postwarden-auth srs: " + message + "\n" + USAGE);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void emptySecretShouldBeAUsageError() {
        Cli.Result result = run("srs", "reverse", "--secret", "", "a@b.example");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth srs: --secret must not be empty\n");
    }

    @Test
    void helpShouldGiveTheUsageLineAndTheExitCodes() {
        Cli.Result result = run("srs", "forward", "--help");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).startsWith(USAGE).contains("Exit code: 0 once printed; 1 when the address is refused");
        assertThat(run("--help").out()).contains("  srs          Rewrites a sender with SRS");
    }
}
