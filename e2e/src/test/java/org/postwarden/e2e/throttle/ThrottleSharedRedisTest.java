package org.postwarden.e2e.throttle;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Two James nodes counting in one real Redis: a limit holds across both; without Redis each node limits alone. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThrottleSharedRedisTest {
    private static final String ALICE = "alice@shared-throttle.test";
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
            .replace("throttle.properties", "store=jdbc", "store=redis")
            .replace("throttle.properties", "redis.uri=redis://127.0.0.1:6379/0", "redis.uri=" + uri)
            .replace("throttle.properties", "newAccount.messages=10/1d", "newAccount.messages=4/1h");
    }

    @BeforeAll
    static void startNodeB() throws Exception {
        Assumptions.assumeTrue(REDIS != null, "redis-server is not installed");
        nodeB = ServerProcess.start("{}", sharedRedis());
        for (WebAdminClient webAdmin : List.of(nodeA.webAdmin(), nodeB.webAdmin())) {
            webAdmin.createDomain("shared-throttle.test");
            webAdmin.createUser(ALICE, "secret");
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

    private static String mailFrom(int submissionPort) {
        try (SmtpSession submission = SmtpSession.connect(submissionPort)) {
            submission.authenticate(ALICE, "secret");
            return submission.mailFrom(ALICE);
        }
    }

    @Test
    @Order(1)
    void theLimitShouldHoldAcrossBothNodes() {
        assertThat(mailFrom(nodeA.ports().submission())).startsWith("250");
        assertThat(mailFrom(nodeB.ports().submission())).startsWith("250");
        assertThat(mailFrom(nodeA.ports().submission())).startsWith("250");
        assertThat(mailFrom(nodeB.ports().submission())).startsWith("250");

        assertThat(mailFrom(nodeA.ports().submission())).startsWith("451 4.7.1");
        assertThat(mailFrom(nodeB.ports().submission())).startsWith("451 4.7.1");
    }

    @Test
    @Order(2)
    void withoutRedisEachNodeShouldStillLimitOnItsOwn() throws Exception {
        REDIS.close();

        for (int message = 1; message <= 4; message++) {
            assertThat(mailFrom(nodeA.ports().submission())).startsWith("250");
        }
        assertThat(mailFrom(nodeA.ports().submission())).startsWith("451 4.7.1");
    }
}
