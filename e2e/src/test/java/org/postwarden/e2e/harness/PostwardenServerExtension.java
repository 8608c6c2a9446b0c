package org.postwarden.e2e.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.apache.james.GuiceJamesServer;
import org.apache.james.server.core.configuration.Configuration;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postwarden.server.PostwardenServerMain;

import com.google.inject.Module;

/**
 * Boots the real Postwarden server in the test JVM once per test class, in a {@link ServerDirectory} with its own
 * {@link SmtpSink}. Register it as a static field with {@code @RegisterExtension}.
 */
public final class PostwardenServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final String zoneJson;
    private final ConfEdits extraEdits;
    private final Module overrides;
    private ServerDirectory directory;
    private SmtpSink sink;
    private GuiceJamesServer server;

    public PostwardenServerExtension() {
        this("{}", new ConfEdits());
    }

    public PostwardenServerExtension(String zoneJson, ConfEdits extraEdits) {
        this(zoneJson, extraEdits, binder -> { });
    }

    /** {@code overrides} replace bindings of the server, e.g. a controllable {@link java.time.Clock}. */
    public PostwardenServerExtension(String zoneJson, ConfEdits extraEdits, Module overrides) {
        this.zoneJson = zoneJson;
        this.extraEdits = extraEdits;
        this.overrides = overrides;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        sink = SmtpSink.start();
        directory = ServerDirectory.prepare(zoneJson, extraEdits, sink.port());
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
        sink.close();
        directory.delete();
    }

    public void start() throws Exception {
        directory.ports().awaitFree();
        // james-database.properties locates the embedded database under ${sys:working.directory}.
        System.setProperty("working.directory", directory.root().toString());
        server = PostwardenServerMain.createServer(Configuration.builder()
            .workingDirectory(directory.root().toFile())
            .build())
            .overrideWith(overrides);
        server.start();
    }

    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    public void restart() throws Exception {
        stop();
        start();
    }

    public SmtpSink sink() {
        return sink;
    }

    public ServerDirectory.Ports ports() {
        return directory.ports();
    }

    public Path root() {
        return directory.root();
    }

    /** Replaces the zone file; the running server answers from it at once (it watches the file). */
    public void publishZone(String zoneJson) throws IOException {
        Path zone = directory.root().resolve("zone.json");
        Files.writeString(zone, zoneJson, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(zone, FileTime.from(Instant.now()));
    }

    public WebAdminClient webAdmin() {
        return new WebAdminClient(directory.ports().webAdmin());
    }
}
