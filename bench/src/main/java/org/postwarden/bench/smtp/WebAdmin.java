package org.postwarden.bench.smtp;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The webadmin calls that provision a load run; any answer outside 2xx fails the run. */
final class WebAdmin {
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    WebAdmin(int port) {
        this.port = port;
    }

    String put(String path, String body) throws IOException, InterruptedException {
        return send("PUT", path, body);
    }

    String post(String path, String body) throws IOException, InterruptedException {
        return send("POST", path, body);
    }

    String get(String path) throws IOException, InterruptedException {
        return send("GET", path, null);
    }

    private String send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
            .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }
}
