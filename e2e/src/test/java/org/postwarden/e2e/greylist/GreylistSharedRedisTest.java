package org.postwarden.e2e.greylist;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.ServerProcess;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.e2e.harness.WebAdminClient;
import org.postwarden.greylist.redis.RedisServer;

/** Two James nodes sharing one real Redis: a triplet greylisted on node A passes on node B; without Redis both accept. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GreylistSharedRedisTest {
    private static final String DOMAIN = "shared.test";
    private static final String BOB = "bob@" + DOMAIN;
    private static final RedisServer REDIS = startRedis();

    @RegisterExtension
    static PostwardenServerExtension nodeA = new PostwardenServerExtension("{}", sharedRedis());
    static ServerProcess nodeB;

    private static RedisServer startRedis() {
        try {
            return RedisServer.isInstalled() ? RedisServer.start() : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static ConfEdits sharedRedis() {
        String uri = REDIS == null ? "redis://127.0.0.1:1" : REDIS.uri();
        return new ConfEdits()
            .replace("greylist.properties", "store=embedded", "store=redis")
            .replace("greylist.properties", "redis.uri=redis://127.0.0.1:6379/0", "redis.uri=" + uri)
            .replace("greylist.properties", "delay=5m", "delay=2s")
            .replace("greylist.properties", "skip.loopback=true", "skip.loopback=false");
    }

    @BeforeAll
    static void startNodeB() throws Exception {
        Assumptions.assumeTrue(REDIS != null, "redis-server is not installed");
        nodeB = ServerProcess.start("{}", sharedRedis());
        for (WebAdminClient webAdmin : List.of(nodeA.webAdmin(), nodeB.webAdmin())) {
            webAdmin.createDomain(DOMAIN);
            webAdmin.createUser(BOB, "secret");
        }
    }

    @AfterAll
    static void stopAll() throws Exception {
        if (nodeB != null) {
            nodeB.close();
        }
        if (REDIS != null) {
            REDIS.close();
        }
    }

    private static String rcpt(int smtpPort, String sender) {
        try (SmtpSession smtp = SmtpSession.connect(smtpPort)) {
            smtp.mailFrom(sender);
            return smtp.rcptTo(BOB);
        }
    }

    @Test
    @Order(1)
    void aRetryOnNodeBShouldPassAfterTheFirstAttemptOnNodeA() throws Exception {
        assertThat(rcpt(nodeA.ports().smtp(), "alice@sender.example")).startsWith("451 4.7.1");

        // Node B never saw this triplet: only the shared store lets it pass.
        Thread.sleep(2_500);

        assertThat(rcpt(nodeB.ports().smtp(), "alice@sender.example")).startsWith("250");
        given(nodeB.webAdmin().spec()).get("/postwarden/greylist/statistics").then().body("store", startsWith("up"));
    }

    @Test
    @Order(2)
    void bothNodesShouldAcceptWhenRedisIsDown() throws Exception {
        REDIS.close();

        assertThat(rcpt(nodeA.ports().smtp(), "carol@other.example")).startsWith("250");
        assertThat(rcpt(nodeB.ports().smtp(), "dave@other.example")).startsWith("250");
        given(nodeA.webAdmin().spec()).get("/postwarden/greylist/statistics")
            .then().body("storeErrors", greaterThanOrEqualTo(1)).body("store", startsWith("down"))
            // One recipient failed open on node A: one store error, not two (issue 17).
            .body("storeErrors", equalTo(1));
        given(nodeA.webAdmin().spec()).get("/postwarden/greylist/triplets").then().statusCode(503)
            .body("type", equalTo("ServerError"))
            .body("message", equalTo("The greylist store is unavailable; the server log tells why"));
    }
}
