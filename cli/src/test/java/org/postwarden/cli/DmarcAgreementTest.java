package org.postwarden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.postwarden.cli.Cli.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cases of resources/dmarc/cases.json through {@code postwarden-auth dmarc} and through npm mailauth
 * ({@code mailauth_oracle.py --json}): both must give the case's result and policy. mailauth reports the
 * published policy (p=, or sp= for a subdomain) whatever the result, so its policy counts only for a fail, and
 * the cases keep pct=100, which mailauth does not sample. A case may name the different result mailauth gives
 * ({@code mailauth}) where it departs from RFC 7489, and why ({@code mailauthNote}).
 */
@Tag("oracle")
class DmarcAgreementTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HELO = "client.example";

    @TempDir
    Path tmp;

    @Test
    void postwardenAuthAndMailauthShouldAgreeOnEveryCase() throws Exception {
        Path dns = MailauthZone.write(JSON.readTree(Path.of(resource("dmarc/zone.json")).toFile()),
            tmp.resolve("zone.mailauth.json")).orElseThrow();
        assumeTrue(Oracles.works("dmarc=", "mailauth_oracle.py", "--dns", dns.toString(), resource("message.eml")),
            "mailauth_oracle.py does not run here");

        List<String> ours = new ArrayList<>();
        List<String> mailauth = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        List<String> expectedOfMailauth = new ArrayList<>();
        for (JsonNode dmarcCase : JSON.readTree(Path.of(resource("dmarc/cases.json")).toFile()).get("cases")) {
            String name = dmarcCase.get("name").asText();
            Path message = message(dmarcCase);
            expected.add(name + ": dmarc=" + text(dmarcCase, "dmarc") + " policy=" + text(dmarcCase, "policy"));
            expectedOfMailauth.add(dmarcCase.has("mailauth")
                ? name + ": dmarc=" + text(dmarcCase, "mailauth") + " policy=none"
                : expected.get(expected.size() - 1));
            ours.add(name + ": " + Cli.run("dmarc", "--dns", resource("dmarc/zone.json"), "--ip", text(dmarcCase, "ip"),
                "--helo", HELO, "--mail-from", text(dmarcCase, "mailfrom"), message.toString()).out().strip());
            mailauth.add(name + ": " + mailauth(dns, dmarcCase, message));
        }
        long agreeing = ours.stream().filter(mailauth::contains).count();
        System.out.printf("DMARC cases vs mailauth: %d cases, %d agree, %d known mailauth deviations%n", ours.size(),
            agreeing, expectedOfMailauth.stream().filter(e -> !expected.contains(e)).count());

        assertThat(ours).isEqualTo(expected);
        assertThat(mailauth).isEqualTo(expectedOfMailauth);
        assertThat(ours).hasSizeGreaterThanOrEqualTo(10);
    }

    /** ../message.eml from the case's From address, signed with DKIM when the case says so. */
    private Path message(JsonNode dmarcCase) throws Exception {
        String text = Files.readString(Path.of(resource("message.eml")), StandardCharsets.UTF_8)
            .replace("alice@example.com", text(dmarcCase, "from"));
        Path message = Files.writeString(tmp.resolve(text(dmarcCase, "name") + ".eml"), text);
        JsonNode sign = dmarcCase.get("sign");
        if (sign == null) {
            return message;
        }
        Cli.Result signed = Cli.run("dkim-sign", "--domain", text(sign, "domain"), "--selector", text(sign, "selector"),
            "--key", resource("keys/" + text(sign, "key") + ".pem"), message.toString());
        assertThat(signed.exitCode()).as(signed.err()).isZero();
        return Files.write(message, signed.stdout());
    }

    private static String mailauth(Path dns, JsonNode dmarcCase, Path message) throws Exception {
        Oracles.Result result = Oracles.run("mailauth_oracle.py", "--dns", dns.toString(), "--ip", text(dmarcCase, "ip"),
            "--helo", HELO, "--sender", text(dmarcCase, "mailfrom"), "--json", message.toString());
        JsonNode dmarc = JSON.readTree(result.output()).path("dmarc");
        String status = dmarc.path("status").path("result").asText();
        return "dmarc=" + status + " policy=" + (status.equals("fail") ? dmarc.path("policy").asText() : "none");
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).asText();
    }
}
