package org.postwarden.e2e.outbound;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.dkim.DkimCrypto;
import org.postwarden.dkim.DkimResult;
import org.postwarden.dkim.DkimVerifier;
import org.postwarden.dns.StaticZone;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.Oracles;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.SmtpSink;

import io.restassured.path.json.JsonPath;

/** Keys managed over webadmin, published in DNS, and mail leaving with signatures that independent verifiers accept. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DkimSigningTest {
    private static final String DOMAIN = "signing.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String PASSWORD = "secret";
    private static final String KEYS = "/postwarden/dkim/domains/" + DOMAIN + "/keys";
    private static final Map<String, String> PUBLISHED = new LinkedHashMap<>();

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @TempDir
    static Path work;

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
    }

    private static JsonPath generate(String algorithm) {
        return given(server.webAdmin().spec()).body("{\"algorithm\": \"" + algorithm + "\"}").post(KEYS)
            .then().statusCode(201).body("state", equalTo("pending")).extract().jsonPath();
    }

    private static void publish(JsonPath key) throws Exception {
        PUBLISHED.put(key.getString("dnsName"), key.getString("dnsRecord"));
        server.publishZone(zoneJson());
    }

    private static SmtpSink.ReceivedMail sendAndReceive(String subject) {
        server.sink().clear();
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            submission.authenticate(ALICE, PASSWORD);
            submission.send(ALICE, "friend@remote.example", Messages.simple(ALICE, "friend@remote.example", subject));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> !server.sink().received().isEmpty());
        return server.sink().received().get(0);
    }

    @Test
    @Order(0)
    void theServerShouldSignThroughTheNativeProviderItShipsWith() {
        // The server runs in this JVM, on the classpath that the distribution's lib/ mirrors: its signers and
        // verifiers use this choice, made once per JVM.
        assertThat(DkimCrypto.active().description()).isEqualTo("AmazonCorrettoCryptoProvider 2.5.0 (native)");
    }

    @Test
    @Order(1)
    void aKeyShouldBecomeActiveOnlyOnceItsDnsRecordIsPublished() throws Exception {
        JsonPath rsa = generate("rsa");
        String selector = rsa.getString("selector");
        assertThat(rsa.getString("dnsRecord")).startsWith("v=DKIM1; k=rsa; p=");
        assertThat(rsa.getInt("bits")).isEqualTo(2048);

        given(server.webAdmin().spec()).get(KEYS + "/" + selector + "/dns-check").then().statusCode(200).body("status", equalTo("MISSING"));
        given(server.webAdmin().spec()).post(KEYS + "/" + selector + "?action=activate").then().statusCode(409);

        publish(rsa);
        given(server.webAdmin().spec()).get(KEYS + "/" + selector + "/dns-check").then().statusCode(200).body("status", equalTo("MATCH"));
        given(server.webAdmin().spec()).post(KEYS + "/" + selector + "?action=activate").then().statusCode(200).body("state", equalTo("active"));

        JsonPath ed25519 = generate("ed25519");
        publish(ed25519);
        given(server.webAdmin().spec()).post(KEYS + "/" + ed25519.getString("selector") + "?action=activate").then().statusCode(200);

        given(server.webAdmin().spec()).get(KEYS).then().statusCode(200)
            .body("state", hasItems("active", "active"))
            .body("findAll { it.privateKey != null }.size()", equalTo(0));
    }

    @Test
    @Order(2)
    void submittedMailShouldLeaveDualSignedAndVerifiable() throws Exception {
        SmtpSink.ReceivedMail relayed = sendAndReceive("dual signed");
        byte[] message = relayed.data().getBytes(StandardCharsets.ISO_8859_1);

        assertThat(relayed.data()).contains("a=rsa-sha256").contains("a=ed25519-sha256");
        List<DkimResult> ours = new DkimVerifier(StaticZone.fromJson(zoneJson()), Clock.systemUTC()).verify(message);
        assertThat(ours).extracting(DkimResult::status).containsExactly(DkimResult.Status.PASS, DkimResult.Status.PASS);

        Oracles oracles = Oracles.find().orElse(null);
        Assumptions.assumeTrue(oracles != null, "the oracles of ../shared are not installed");
        Path file = work.resolve("relayed.eml");
        Files.write(file, message);
        Path dns = Oracles.dnsFile(work, PUBLISHED);
        assertThat(oracles.run("dkimpy_oracle.py", "verify", "--dns", dns.toString(), file.toString()).exitCode()).isZero();
        Oracles.Run mailauth = oracles.run("mailauth_oracle.py", "--dns", dns.toString(), file.toString());
        assertThat(mailauth.output().lines().filter(line -> line.startsWith("dkim[")))
            .hasSize(2)
            .allSatisfy(line -> assertThat(line.strip()).endsWith(": pass"));
        Oracles.Run mailDkim = oracles.run("maildkim_oracle.pl", "verify", "--dns", dns.toString(), file.toString());
        assertThat(mailDkim.output()).contains("pass");
    }

    @Test
    @Order(3)
    void rotationShouldRetireTheOldKeyAndSurviveARestart() throws Exception {
        String oldRsa = given(server.webAdmin().spec()).get(KEYS).then().extract().jsonPath()
            .getString("find { it.algorithm == 'rsa-sha256' && it.state == 'active' }.selector");
        JsonPath newRsa = given(server.webAdmin().spec()).body("{\"algorithm\": \"rsa\", \"selector\": \"rotated\"}").post(KEYS)
            .then().statusCode(201).extract().jsonPath();
        publish(newRsa);
        given(server.webAdmin().spec()).post(KEYS + "/rotated?action=activate").then().statusCode(200);

        server.restart();

        given(server.webAdmin().spec()).get(KEYS + "/" + oldRsa).then().statusCode(200).body("state", equalTo("retiring"));
        given(server.webAdmin().spec()).get(KEYS + "/rotated").then().statusCode(200).body("state", equalTo("active"));
        assertThat(sendAndReceive("after rotation").data()).contains("s=rotated;").doesNotContain("s=" + oldRsa + ";");
    }

    @Test
    @Order(4)
    void badRequestsShouldGetClearErrors() {
        given(server.webAdmin().spec()).body("{\"algorithm\": \"dsa\"}").post(KEYS)
            .then().statusCode(400).body("message", equalTo("Unknown algorithm 'dsa': use rsa or ed25519"));
        given(server.webAdmin().spec()).body("{\"algorithm\": \"rsa\"}").post("/postwarden/dkim/domains/unknown.example/keys")
            .then().statusCode(404);
        given(server.webAdmin().spec()).body("{\"algorithm\": \"rsa\", \"selector\": \"rotated\"}").post(KEYS)
            .then().statusCode(409);
    }

    private static String zoneJson() {
        StringBuilder zone = new StringBuilder("{");
        PUBLISHED.forEach((name, record) -> zone.append(zone.length() > 1 ? "," : "")
            .append('"').append(name).append("\": [{\"TXT\": \"").append(record).append("\"}]"));
        return zone.append('}').toString();
    }
}
