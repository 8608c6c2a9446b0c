package org.postwarden.dkim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.postwarden.dkim.DkimTestSupport.bytes;
import static org.postwarden.dkim.DkimTestSupport.resource;
import static org.postwarden.dkim.DkimTestSupport.resourceText;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.postwarden.dns.StaticZone;

/** Third-party vectors; see src/test/resources/dkim/README.md for their provenance. */
class DkimVectorsTest {
    private static final String RFC8463 = "rfc8463-appendix-a/";
    private static final Instant RFC8463_TIME = Instant.ofEpochSecond(1528637909L);
    /** Stalwart's resources/dkim messages all pass at this time (one of them carries x=). */
    private static final Clock STALWART_TIME = Clock.fixed(Instant.ofEpochSecond(1667843664L), ZoneOffset.UTC);

    @Test
    void rfc8463ExampleShouldPassBothSignatures() {
        List<DkimResult> results = rfc8463Verifier().verify(resource(RFC8463 + "message-signed.eml"));

        assertThat(results).extracting(DkimResult::status).containsExactly(DkimResult.Status.PASS, DkimResult.Status.PASS);
        assertThat(results).extracting(r -> r.headerA().orElseThrow()).containsExactly("ed25519-sha256", "rsa-sha256");
        assertThat(results.get(0).headerB()).contains("/gCrinpc");
    }

    @Test
    void signerShouldReproduceTheRfc8463Ed25519SignatureByteForByte() {
        DkimPrivateKey key = DkimKeys.parsePrivateKey(resourceText(RFC8463 + "ed25519-brisbane.seed.b64"));

        assertThat(stripBase64(resignRfc8463(key, "brisbane"))).endsWith(
            "b=/gCrinpcQOoIfuHNQIbq4pgh9kyIK3AQUdt9OdqQehSwhEIug4D11BusFa3bT3FY5OsU7ZbnKELq+eXdp1Q1Dw==");
    }

    @Test
    void signerShouldReproduceTheRfc8463RsaSignatureByteForByte() {
        DkimPrivateKey key = DkimKeys.parsePrivateKey(resourceText(RFC8463 + "rsa-test.pem"));

        assertThat(stripBase64(resignRfc8463(key, "test"))).endsWith("b=F45dVWDfMbQDGHJFlXUNB2HKfbCeLRyhDXgFpEL8Gwps"
            + "Re0IeIixNTe3DhCVlUrSjV4BwcVcOF6+FF3Zo9Rpo1tFOeS9mPYQTnGdaSGsgeefOsk2JzdA+L10TeYt9BgDfQNZtKdN1WO//KgIqXP7"
            + "OdEFE4LjFYNcUxZQ4FADY+8=");
    }

    @Test
    void rfc8463KeysShouldRenderThePublishedKeyRecords() {
        DkimPrivateKey key = DkimKeys.parsePrivateKey(resourceText(RFC8463 + "ed25519-brisbane.seed.b64"));

        assertThat(key.publicKey().dnsRecord()).isEqualTo("v=DKIM1; k=ed25519; p=11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=");
        assertThat(resourceText(RFC8463 + "dns.txt")).contains(
            DkimKeys.parsePrivateKey(resourceText(RFC8463 + "rsa-test.pem")).publicKey().dnsRecord());
    }

    @ParameterizedTest
    @ValueSource(strings = {"001", "002", "003", "004", "005", "006"})
    void stalwartMessagesShouldPass(String name) {
        String text = resourceText("stalwart-mail-auth/" + name + ".txt");
        int blank = text.indexOf("\n\n");
        StaticZone zone = DkimTestSupport.zoneFromLines(text.substring(0, blank)).build();

        List<DkimResult> results = new DkimVerifier(zone, STALWART_TIME).verify(bytes(text.substring(blank + 2)));

        assertThat(results).isNotEmpty().allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(DkimResult.Status.PASS));
    }

    @Test
    void mailauthFixtureShouldPass() throws Exception {
        StaticZone zone = mailauthZone(resourceText("mailauth/dkim__ec__fixtures__dns.json"));

        List<DkimResult> results = new DkimVerifier(zone, Clock.fixed(RFC8463_TIME, ZoneOffset.UTC))
            .verify(resource("mailauth/dkim__ec__fixtures__signed.eml"));

        assertThat(results).extracting(DkimResult::status).containsExactly(DkimResult.Status.PASS, DkimResult.Status.PASS);
    }

    @Test
    void mailauthKeysShouldSignWhatTheirPublicHalvesVerify() {
        for (String pair : List.of("ed25519", "rsa")) {
            DkimPrivateKey key = DkimKeys.parsePrivateKey(resourceText("mailauth/fixtures__private-" + pair + ".pem"));
            String publicPem = resourceText("mailauth/fixtures__public-" + pair + ".pem");
            byte[] spki = Base64.getMimeDecoder().decode(publicPem.replaceAll("-----[A-Z ]+-----", ""));

            // SubjectPublicKeyInfo ends with the key itself: the raw 32 octets for Ed25519, the whole thing for RSA.
            assertThat(spki).endsWith(key.publicKey().encoded());
            assertThat(key.publicKey().verify(bytes("data"), key.sign(bytes("data")))).isTrue();
        }
    }

    private static String resignRfc8463(DkimPrivateKey key, String selector) {
        // README.txt: c=relaxed/relaxed, i=@football.example.com, t=1528637909, this h= list.
        return DkimSigner.withKey(key).domain("football.example.com").selector(selector)
            .headers(List.of("from", "to", "subject", "date", "message-id", "from", "subject", "date"))
            .identity("@football.example.com")
            .timestamp(RFC8463_TIME)
            .build()
            .sign(bytes(DkimTestSupport.MESSAGE));
    }

    private static DkimVerifier rfc8463Verifier() {
        StaticZone zone = DkimTestSupport.zoneFromLines(resourceText(RFC8463 + "dns.txt")).build();
        return new DkimVerifier(zone, Clock.fixed(RFC8463_TIME, ZoneOffset.UTC));
    }

    private static String stripBase64(String field) {
        return field.replace("\r\n\t", "");
    }

    /** mailauth's fixture form: {name: {"TXT": [[chunk, ...], ...]}}. */
    private static StaticZone mailauthZone(String json) throws Exception {
        StaticZone.Builder zone = StaticZone.builder();
        for (Iterator<Map.Entry<String, JsonNode>> names = new ObjectMapper().readTree(json).fields(); names.hasNext(); ) {
            Map.Entry<String, JsonNode> name = names.next();
            for (JsonNode record : name.getValue().path("TXT")) {
                List<String> chunks = new ArrayList<>();
                record.forEach(chunk -> chunks.add(chunk.asText()));
                zone.txt(name.getKey(), chunks.toArray(String[]::new));
            }
        }
        return zone.build();
    }
}
