package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.cli.Cli.resource;
import static org.postwarden.cli.Cli.run;
import static org.postwarden.cli.Cli.runWithInput;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dkim-sign and dkim-verify, each checked through the other. */
class DkimCommandsTest {
    private static final String B = "b=[A-Za-z0-9+/]{8}";

    @TempDir
    Path tmp;

    /** Signs with keys/KEY.pem, selector "rsa" or "ed", a fixed t= and h=, and any {@code extra} options. */
    private static Cli.Result sign(String message, String key, String... extra) {
        List<String> args = new ArrayList<>(List.of("dkim-sign", "--domain", "example.com",
            "--selector", key.equals("rsa") ? "rsa" : "ed", "--key", resource("keys/" + key + ".pem"),
            "--time", "1700000000", "--headers", "from:to:subject:date:message-id"));
        args.addAll(List.of(extra));
        args.add(message);
        return run(args.toArray(String[]::new));
    }

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(tmp.resolve(name), content);
    }

    private static Cli.Result verify(Path message) {
        return run("dkim-verify", "--dns", resource("zone.json"), "--now", "1700000100", message.toString());
    }

    @Test
    void rsaSignatureShouldVerify() throws Exception {
        Cli.Result signed = sign(resource("message.eml"), "rsa");

        assertThat(signed.exitCode()).as(signed.err()).isZero();
        assertThat(signed.out()).startsWith("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com;\r\n"
            + "\tq=dns/txt; s=rsa; t=1700000000; h=from : to : subject : date : message-id;\r\n\tbh=");
        assertThat(verify(write("signed.eml", signed.stdout())))
            .satisfies(r -> assertThat(r.out()).matches("dkim=pass d=example.com s=rsa a=rsa-sha256 " + B + "\n"))
            .satisfies(r -> assertThat(r.exitCode()).isZero());
    }

    @Test
    void signedMessageShouldEndWithTheOriginalBytes() throws Exception {
        byte[] original = Files.readAllBytes(Path.of(resource("message.eml")));
        byte[] signed = sign(resource("message.eml"), "rsa").stdout();

        assertThat(new String(signed, StandardCharsets.ISO_8859_1))
            .endsWith("\r\n" + new String(original, StandardCharsets.ISO_8859_1));
    }

    @Test
    void ed25519OverRsaShouldGiveOneLinePerSignatureTopToBottom() throws Exception {
        Path rsaSigned = write("rsa.eml", sign(resource("message.eml"), "rsa").stdout());
        Cli.Result signed = sign(rsaSigned.toString(), "ed25519");

        assertThat(signed.out()).startsWith("DKIM-Signature: v=1; a=ed25519-sha256;");
        assertThat(verify(write("both.eml", signed.stdout())))
            .satisfies(r -> assertThat(r.out()).matches("dkim=pass d=example.com s=ed a=ed25519-sha256 " + B + "\n"
                + "dkim=pass d=example.com s=rsa a=rsa-sha256 " + B + "\n"))
            .satisfies(r -> assertThat(r.exitCode()).isZero());
    }

    @Test
    void alteredBodyShouldFailWithItsReasonAndExitCode1() throws Exception {
        String signed = sign(resource("message.eml"), "ed25519").out();
        Path altered = write("altered.eml", signed.replace("Noon", "Midnight").getBytes(StandardCharsets.UTF_8));

        assertThat(verify(altered))
            .satisfies(r -> assertThat(r.out()).matches(
                "dkim=neutral d=example.com s=ed a=ed25519-sha256 " + B + " reason=\"body hash did not verify\"\n"))
            .satisfies(r -> assertThat(r.exitCode()).isEqualTo(1));
    }

    @Test
    void unsignedMessageShouldBeNoneWithExitCode1() {
        Cli.Result result = run("dkim-verify", "--dns", resource("zone.json"), resource("message.eml"));

        assertThat(result.out()).isEqualTo("dkim=none\n");
        assertThat(result.exitCode()).isEqualTo(1);
    }

    @Test
    void bothCommandsShouldReadStandardInput() throws Exception {
        byte[] message = Files.readAllBytes(Path.of(resource("message.eml")));
        Cli.Result signed = runWithInput(message, "dkim-sign", "--domain", "example.com", "--selector", "rsa",
            "--key", resource("keys/rsa.pem"), "-");
        Cli.Result verified = runWithInput(signed.stdout(), "dkim-verify", "--dns", resource("zone.json"), "-");

        assertThat(verified.out()).startsWith("dkim=pass d=example.com s=rsa ");
        assertThat(verified.exitCode()).isZero();
    }

    @Test
    void messageWithBareLfShouldGetABareLfFieldThatVerifies() throws Exception {
        String lf = Files.readString(Path.of(resource("message.eml"))).replace("\r\n", "\n");
        Path message = write("lf.eml", lf.getBytes(StandardCharsets.UTF_8));
        Cli.Result signed = sign(message.toString(), "rsa");

        assertThat(signed.out()).doesNotContain("\r").endsWith("\n" + lf);
        assertThat(verify(write("signed-lf.eml", signed.stdout())).exitCode()).isZero();
    }

    @Test
    void algorithmShouldMatchTheKey() {
        Cli.Result result = sign(resource("message.eml"), "rsa", "--algorithm", "ed25519-sha256");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("postwarden-auth dkim-sign: --algorithm ed25519-sha256 does not match the rsa key in "
            + resource("keys/rsa.pem") + ", which signs rsa-sha256\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void rsaSha1ShouldNotBeOffered() {
        Cli.Result result = sign(resource("message.eml"), "rsa", "--algorithm", "rsa-sha1");

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith(
            "postwarden-auth dkim-sign: --algorithm must be rsa-sha256 or ed25519-sha256, got \"rsa-sha1\"\nusage: ");
    }

    @Test
    void headersShouldIncludeFrom() {
        Cli.Result result = run("dkim-sign", "--domain", "example.com", "--selector", "rsa", "--key",
            resource("keys/rsa.pem"), "--headers", "to:subject", resource("message.eml"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth dkim-sign: --headers: h= must list From (RFC 6376 §5.4)\n");
    }

    @Test
    void unusableKeyShouldBeReported() {
        Cli.Result result = run("dkim-sign", "--domain", "example.com", "--selector", "rsa", "--key",
            resource("zone.json"), resource("message.eml"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.err()).startsWith("postwarden-auth dkim-sign: invalid key file ");
    }
}
