package org.postwarden.e2e.foundation;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.PostwardenServerExtension;

/** The recipe of docs/webadmin.md for exposing webadmin: JWT enabled with a public key in conf/. */
class WebAdminAuthenticationTest {
    private static final KeyPair KEYS = rsaKeyPair();

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension("{}", new ConfEdits()
        .create("jwt_publickey", "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(KEYS.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n")
        .replace("webadmin.properties", "jwt.enabled=false", "jwt.enabled=true\njwt.publickeypem.url=file://conf/jwt_publickey"));

    @Test
    void requestsWithoutATokenShouldBeRefused() {
        given(server.webAdmin().spec()).get("/domains").then().statusCode(401);
    }

    @Test
    void requestsWithAnAdminTokenShouldBeServed() {
        given(server.webAdmin().spec())
            .header("Authorization", "Bearer " + token(KEYS.getPrivate(), true))
            .get("/domains").then().statusCode(200);
    }

    @Test
    void requestsWithANonAdminTokenShouldBeRefused() {
        given(server.webAdmin().spec())
            .header("Authorization", "Bearer " + token(KEYS.getPrivate(), false))
            .get("/domains").then().statusCode(401);
    }

    @Test
    void requestsWithATokenSignedByAnotherKeyShouldBeRefused() {
        given(server.webAdmin().spec())
            .header("Authorization", "Bearer " + token(rsaKeyPair().getPrivate(), true))
            .get("/domains").then().statusCode(401);
    }

    private static String token(PrivateKey key, boolean admin) {
        Base64.Encoder base64Url = Base64.getUrlEncoder().withoutPadding();
        String header = base64Url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64Url.encodeToString(("{\"sub\":\"admin@postwarden.test\",\"admin\":" + admin
            + ",\"exp\":" + Instant.now().plusSeconds(600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
            return header + "." + claims + "." + base64Url.encodeToString(signature.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
