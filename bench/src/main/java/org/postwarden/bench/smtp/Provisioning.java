package org.postwarden.bench.smtp;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Makes a started distribution ready for the load run over webadmin, as an operator would: domains, accounts, the
 * forward, and for the full profile DKIM keys published and activated and the client network past greylisting.
 */
final class Provisioning {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int GREYLIST_PASSES = 6;

    private Provisioning() {
    }

    static void provision(Distribution server, Profile profile, LoadMail mail) throws Exception {
        WebAdmin webAdmin = server.webAdmin();
        webAdmin.put("/domains/" + LoadMail.LOCAL, null);
        webAdmin.put("/domains/" + LoadMail.FORWARDER, null);
        for (int account = 0; account < LoadMail.ACCOUNTS; account++) {
            webAdmin.put("/users/" + LoadMail.account(account), "{\"password\":\"" + LoadMail.PASSWORD + "\"}");
        }
        webAdmin.put("/users/" + LoadMail.LIST, "{\"password\":\"" + LoadMail.PASSWORD + "\"}");
        webAdmin.put("/address/forwards/" + LoadMail.LIST + "/targets/" + LoadMail.TARGET, null);
        if (profile == Profile.FULL) {
            List<String[]> keys = new ArrayList<>();
            keys.add(generate(webAdmin, LoadMail.LOCAL, "{\"algorithm\":\"rsa\"}", mail));
            keys.add(generate(webAdmin, LoadMail.LOCAL, "{\"algorithm\":\"ed25519\"}", mail));
            keys.add(generate(webAdmin, LoadMail.FORWARDER, "{\"algorithm\":\"rsa\",\"selector\":\"arc\"}", mail));
            server.publishZone(mail.zoneJson());
            for (String[] key : keys) {
                activate(webAdmin, key[0], key[1]);
            }
            passGreylisting(server);
        }
    }

    /** Returns {domain, selector} of a new pending key whose record is now in the run's zone. */
    private static String[] generate(WebAdmin webAdmin, String domain, String request, LoadMail mail) throws Exception {
        JsonNode key = JSON.readTree(webAdmin.post("/postwarden/dkim/domains/" + domain + "/keys", request));
        mail.publish(key.get("dnsName").asText(), key.get("dnsRecord").asText());
        return new String[] {domain, key.get("selector").asText()};
    }

    /** The server re-reads the zone file when it changes: activation may need a moment. */
    private static void activate(WebAdmin webAdmin, String domain, String selector) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                webAdmin.post("/postwarden/dkim/domains/" + domain + "/keys/" + selector + "?action=activate", null);
                return;
            } catch (IOException notYetSeen) {
                if (Instant.now().isAfter(deadline)) {
                    throw notYetSeen;
                }
                Thread.sleep(200);
            }
        }
    }

    /**
     * Greylisting lets a client network through at once after {@code autowhitelist.threshold} (5) passed retries:
     * six senders retry after the 1 s delay of the full profile, then a seventh must pass at its first attempt.
     */
    private static void passGreylisting(Distribution server) throws Exception {
        List<String> senders = new ArrayList<>();
        for (int i = 0; i < GREYLIST_PASSES; i++) {
            senders.add("warmup" + i + "@" + LoadMail.ORIGIN);
        }
        for (String sender : senders) {
            rcpt(server, sender);
        }
        Thread.sleep(Duration.ofMillis(1_500).toMillis());
        for (String sender : senders) {
            String reply = rcpt(server, sender);
            if (!reply.startsWith("250")) {
                throw new IllegalStateException("greylisting still defers " + sender + " after the delay: " + reply);
            }
        }
        String probe = rcpt(server, "probe@" + LoadMail.ORIGIN);
        if (!probe.startsWith("250")) {
            throw new IllegalStateException("the client network was not auto-whitelisted: " + probe);
        }
    }

    private static String rcpt(Distribution server, String sender) throws IOException {
        try (SmtpClient client = SmtpClient.open(server.smtpPort, "warmup.client.test")) {
            client.command("MAIL FROM:<" + sender + ">");
            return client.command("RCPT TO:<" + LoadMail.account(0) + ">");
        }
    }
}
