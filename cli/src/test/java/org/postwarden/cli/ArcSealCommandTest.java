package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.cli.Cli.resource;
import static org.postwarden.cli.Cli.run;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArcSealCommandTest {
    private static final String CHECKED = "Authentication-Results: mx.example.com; spf=pass smtp.mailfrom=example.com\r\n";

    @TempDir
    Path tmp;

    private Path write(String name, String message) throws Exception {
        return Files.writeString(tmp.resolve(name), message, StandardCharsets.ISO_8859_1);
    }

    private static String message() throws Exception {
        return Files.readString(Path.of(resource("message.eml")), StandardCharsets.ISO_8859_1);
    }

    private static Cli.Result seal(Path message, String... extra) {
        String[] base = {"arc-seal", "--key", resource("keys/rsa.pem"), "--selector", "rsa", "--domain", "example.com",
            "--authserv-id", "mx.example.com", "--dns", resource("zone.json"), "--time", "1700000000"};
        String[] args = new String[base.length + extra.length + 1];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        args[args.length - 1] = message.toString();
        return run(args);
    }

    private Cli.Result arcVerify(byte[] message) throws Exception {
        Path file = Files.write(tmp.resolve("verify.eml"), message);
        return run("arc-verify", "--dns", resource("zone.json"), file.toString());
    }

    @Test
    void aCheckedMessageShouldComeOutSealedAboveTheUnchangedMessage() throws Exception {
        String original = CHECKED + message();

        Cli.Result sealed = seal(write("in.eml", original));

        assertThat(sealed.exitCode()).as(sealed.err()).isZero();
        assertThat(sealed.err()).isEmpty();
        String out = new String(sealed.stdout(), StandardCharsets.ISO_8859_1);
        assertThat(out).startsWith("ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none; d=example.com; s=rsa; b=")
            .contains("\r\nARC-Message-Signature: i=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;\r\n\ts=rsa; t=1700000000;")
            .contains("\r\nARC-Authentication-Results: i=1; mx.example.com;\r\n\tspf=pass smtp.mailfrom=example.com\r\n")
            .endsWith("\r\n" + original);
        assertThat(arcVerify(sealed.stdout()).out()).isEqualTo("cv=pass\n");
    }

    @Test
    void eachHopShouldAddTheNextInstanceWithCvPass() throws Exception {
        byte[] current = (CHECKED + message()).getBytes(StandardCharsets.ISO_8859_1);
        for (int hop = 1; hop <= 3; hop++) {
            Cli.Result sealed = seal(write("hop.eml", CHECKED.replace("spf=pass", "arc=pass")
                + new String(current, StandardCharsets.ISO_8859_1)));
            assertThat(sealed.exitCode()).as(sealed.err()).isZero();
            current = sealed.stdout();
        }

        assertThat(new String(current, StandardCharsets.ISO_8859_1)).startsWith("ARC-Seal: i=3; a=rsa-sha256; t=1700000000; cv=pass;");
        assertThat(arcVerify(current).out()).isEqualTo("cv=pass\n");
    }

    @Test
    void aFailingChainShouldBeSealedCvFailWithTheReasonOnStandardError() throws Exception {
        Cli.Result once = seal(write("in.eml", CHECKED + message()));
        String tampered = CHECKED + new String(once.stdout(), StandardCharsets.ISO_8859_1).replace("Noon", "Midnight");

        Cli.Result sealed = seal(write("tampered.eml", tampered));

        assertThat(sealed.exitCode()).isZero();
        assertThat(new String(sealed.stdout(), StandardCharsets.ISO_8859_1)).startsWith("ARC-Seal: i=2; a=rsa-sha256; t=1700000000; cv=fail;");
        assertThat(sealed.err()).isEqualTo("postwarden-auth arc-seal: sealed cv=fail: ARC-Message-Signature i=1 body hash did not verify\n");
        assertThat(arcVerify(sealed.stdout()).out()).isEqualTo("cv=fail\n");
    }

    @Test
    void aChainWhoseNewestSealSaysFailShouldNotBeSealedAgain() throws Exception {
        Cli.Result once = seal(write("in.eml", CHECKED + message()));
        String tampered = CHECKED + new String(once.stdout(), StandardCharsets.ISO_8859_1).replace("Noon", "Midnight");
        Cli.Result failed = seal(write("tampered.eml", tampered));

        Cli.Result again = seal(write("failed.eml", CHECKED + new String(failed.stdout(), StandardCharsets.ISO_8859_1)));

        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stdout()).isEmpty();
        assertThat(again.err()).isEqualTo("postwarden-auth arc-seal: not sealed: the newest ARC-Seal already says cv=fail (RFC 8617 §5.1 step 2)\n");
    }

    @Test
    void aMessageWithoutOurAuthenticationResultsShouldNotBeSealed() throws Exception {
        Cli.Result result = seal(write("in.eml", "Authentication-Results: mx.other.example; spf=pass\r\n" + message()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stdout()).isEmpty();
        assertThat(result.err()).isEqualTo("postwarden-auth arc-seal: not sealed: the message has no Authentication-Results of mx.example.com\n");
    }

    @Test
    void aMessageWithoutAuthorDomainShouldNotBeSealed() throws Exception {
        Cli.Result result = seal(write("in.eml", CHECKED.replace("\r\n", "; dmarc=permerror\r\n") + message()));

        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.err()).contains("say dmarc=permerror");
    }

    @Test
    void headersShouldBeTheExactHList() throws Exception {
        Cli.Result result = seal(write("in.eml", CHECKED + message()), "--headers", "from:subject:x-absent");

        assertThat(new String(result.stdout(), StandardCharsets.ISO_8859_1)).contains(" h=from : subject : x-absent;");
        assertThat(arcVerify(result.stdout()).out()).isEqualTo("cv=pass\n");
    }

    @Test
    void headersWithoutFromShouldBeAUsageError() throws Exception {
        Cli.Result result = seal(write("in.eml", CHECKED + message()), "--headers", "subject");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth arc-seal: --headers: h= must list From");
    }

    @Test
    void theAuthservIdShouldBeRequired() {
        Cli.Result result = run("arc-seal", "--key", resource("keys/rsa.pem"), "--selector", "rsa", "--domain",
            "example.com", resource("message.eml"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth arc-seal: --authserv-id is required\n");
    }
}
