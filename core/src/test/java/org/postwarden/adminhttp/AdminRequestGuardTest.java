package org.postwarden.adminhttp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AdminRequestGuardTest {
    private static final AdminRequestGuard GUARD = new AdminRequestGuard(AdminGuardConfig.DEFAULT);
    private static final String HOST = "127.0.0.1:8000";

    private static AdminRequest request(String method, String host, String origin, String referer, String site,
                                        String contentType, String body) {
        return new AdminRequest(method, "http", Optional.ofNullable(host), Optional.ofNullable(origin),
            Optional.ofNullable(referer), Optional.ofNullable(site), Optional.ofNullable(contentType), Optional.ofNullable(body));
    }

    private static int status(AdminRequestGuard guard, AdminRequest request) {
        AdminVerdict verdict = guard.check(request);
        return verdict.allowed() ? 200 : verdict.status();
    }

    private static int status(AdminRequest request) {
        return status(GUARD, request);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8000", "localhost:8000", "LOCALHOST", "[::1]:8000", "192.0.2.10", "admin.localhost:8000"})
    void loopbackNamesAndAddressLiteralsShouldBeServed(String host) {
        assertThat(status(request("GET", host, null, null, null, null, null))).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"evil.example", "evil.example:8000", "localhost.evil.example", "127.0.0.1.nip.io:8000", "localhost."})
    void otherHostNamesShouldBeRefusedEvenForReads(String host) {
        assertThat(status(request("GET", host, null, null, null, null, null))).isEqualTo(421);
    }

    @Test
    void allowedHostsShouldBeServed() {
        AdminRequestGuard guard = new AdminRequestGuard(AdminGuardConfig.from(Map.of("allowed.hosts", "Mail.Example.COM, admin.example")));

        assertThat(status(guard, request("GET", "mail.example.com:8000", null, null, null, null, null))).isEqualTo(200);
        assertThat(status(guard, request("GET", "admin.example", null, null, null, null, null))).isEqualTo(200);
        assertThat(status(guard, request("GET", "other.example", null, null, null, null, null))).isEqualTo(421);
    }

    @Test
    void preflightsShouldBeRefusedWhileCorsIsOff() {
        assertThat(status(request("OPTIONS", HOST, "http://evil.example", null, null, null, null))).isEqualTo(403);
        AdminRequestGuard cors = new AdminRequestGuard(AdminGuardConfig.from(Map.of("cors.enable", "true", "cors.origin", "https://ui.example")));
        assertThat(status(cors, request("OPTIONS", HOST, "https://ui.example", null, null, null, null))).isEqualTo(200);
    }

    @Test
    void writesFromAnotherOriginShouldBeRefused() {
        assertThat(status(request("PUT", HOST, "http://evil.example", null, null, null, null))).isEqualTo(403);
        assertThat(status(request("PUT", HOST, "http://127.0.0.1:3000", null, null, null, null))).isEqualTo(403);
        assertThat(status(request("PUT", HOST, "null", null, null, null, null))).isEqualTo(403);
        assertThat(status(request("DELETE", HOST, null, "http://evil.example/page", null, null, null))).isEqualTo(403);
        assertThat(status(request("DELETE", HOST, null, "not a url", null, null, null))).isEqualTo(403);
        assertThat(status(request("PATCH", HOST, null, null, "cross-site", null, null))).isEqualTo(403);
        assertThat(status(request("PUT", HOST, null, null, "same-site", null, null))).isEqualTo(403);
    }

    @Test
    void writesFromTheOwnOriginOrNoBrowserShouldBeServed() {
        assertThat(status(request("PUT", HOST, "http://127.0.0.1:8000", null, "same-origin", null, null))).isEqualTo(200);
        assertThat(status(request("PUT", "localhost", "http://LOCALHOST:80/", null, null, null, null))).isEqualTo(200);
        assertThat(status(request("DELETE", HOST, null, "http://127.0.0.1:8000/ui/page?x=1", null, null, null))).isEqualTo(200);
        assertThat(status(request("DELETE", HOST, null, null, "none", null, null))).isEqualTo(200);
        assertThat(status(request("PUT", HOST, null, null, null, null, null))).isEqualTo(200);
    }

    @Test
    void theCorsOriginShouldWriteOnlyWhenCorsIsOn() {
        AdminRequestGuard cors = new AdminRequestGuard(AdminGuardConfig.from(Map.of("cors.enable", "true", "cors.origin", "https://ui.example")));

        assertThat(status(cors, request("PUT", HOST, "https://ui.example", null, "cross-site", "application/json", "{}"))).isEqualTo(200);
        assertThat(status(cors, request("PUT", HOST, "https://evil.example", null, "cross-site", "application/json", "{}"))).isEqualTo(403);
        assertThat(status(request("PUT", HOST, "https://ui.example", null, "cross-site", "application/json", "{}"))).isEqualTo(403);
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "TEXT/PLAIN; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"})
    void formAndTextTypesShouldNeverWrite(String type) {
        assertThat(status(request("POST", HOST, null, null, null, type, "{}"))).isEqualTo(415);
        assertThat(status(request("PUT", HOST, null, null, null, type, "{}"))).isEqualTo(415);
        assertThat(status(request("GET", HOST, null, null, null, type, null))).isEqualTo(200);
    }

    @Test
    void aPostShouldSayItIsJson() {
        assertThat(status(request("POST", HOST, null, null, null, null, null))).isEqualTo(415);
        assertThat(status(request("POST", HOST, null, null, null, "application/octet-stream", "{}"))).isEqualTo(415);
        assertThat(status(request("POST", HOST, null, null, null, "application/json", null))).isEqualTo(200);
        assertThat(status(request("POST", HOST, null, null, null, "application/json; charset=UTF-8", "{}"))).isEqualTo(200);
        assertThat(status(request("PUT", HOST, null, null, null, "application/sieve", "require \"fileinto\";"))).isEqualTo(200);
    }

    @Test
    void aJsonNullBodyShouldBeBadInput() {
        AdminVerdict verdict = GUARD.check(request("PUT", HOST, null, null, null, "application/json", " null\n"));

        assertThat(verdict.status()).isEqualTo(400);
        assertThat(verdict.message()).contains("null");
    }

    @Test
    void corsEnableShouldBeTrueOrFalse() {
        assertThat(AdminGuardConfig.from(Map.of()).corsEnabled()).isFalse();
        assertThat(AdminGuardConfig.from(Map.of("cors.enable", "true")).corsOrigin()).contains("*");
        assertThatThrownBy(() -> AdminGuardConfig.from(Map.of("cors.enable", "maybe")))
            .hasMessageContaining("webadmin.properties").hasMessageContaining("cors.enable").hasMessageContaining("maybe");
    }
}
