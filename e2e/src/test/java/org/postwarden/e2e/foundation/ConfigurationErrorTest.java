package org.postwarden.e2e.foundation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.james.server.core.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.postwarden.config.ConfigurationError;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.ServerDirectory;
import org.postwarden.server.PostwardenServerMain;
import org.postwarden.server.config.ConfigurationCheck;

/**
 * A misspelled key or a malformed value in any of our .properties files stops the start-up before anything starts,
 * with one line naming the file, the key and the value. The server is created as PostwardenServerMain creates it, on
 * the shipped configuration with one line changed: it fails before a port is opened, so one JVM tries every file.
 */
class ConfigurationErrorTest {

    private static Configuration configuration(ServerDirectory directory) {
        return Configuration.builder().workingDirectory(directory.root().toFile()).build();
    }

    private static void assertStartupFailsWith(String file, String shipped, String written, String line) throws Exception {
        ServerDirectory directory = ServerDirectory.prepare("{}", new ConfEdits().replace(file, shipped, written), 1);
        try {
            assertThatThrownBy(() -> PostwardenServerMain.createServer(configuration(directory)))
                .isInstanceOf(ConfigurationError.class)
                .hasMessageStartingWith(line)
                .hasMessageNotContaining("\n");
        } finally {
            directory.delete();
        }
    }

    @Test
    void theShippedConfigurationShouldReadWithoutErrorOrWarning() throws Exception {
        ServerDirectory directory = ServerDirectory.prepare("{}", new ConfEdits(), 1);
        try {
            List<String> warnings = new ArrayList<>();
            ConfigurationCheck.run(configuration(directory), warnings::add);

            assertThat(warnings).isEmpty();
        } finally {
            directory.delete();
        }
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "auth-guard.properties     | authFailures.delay=1s          | authFailures.dely=1s              | auth-guard.properties: authFailures.dely=1s: unknown key",
        "authentication.properties | temperror=accept               | temperor=accept                   | authentication.properties: temperor=accept: unknown key",
        "deliverability.properties | #heloName=mail.example.com     | heloNme=mail.example.com          | deliverability.properties: heloNme=mail.example.com: unknown key",
        "dkim.properties           | check.interval=10m             | check.intervall=10m               | dkim.properties: check.intervall=10m: unknown key",
        "dmarc-reports.properties  | sendAt=00:30                   | sendat=00:30                      | dmarc-reports.properties: sendat=00:30: unknown key",
        "greylist.properties       | delay=5m                       | dealy=5m                          | greylist.properties: dealy=5m: unknown key",
        "identity.properties       | unauthenticatedLocalSender=spf | unauthenticatedLocalSenders=spf   | identity.properties: unauthenticatedLocalSenders=spf: unknown key",
        "james-database.properties | database.username=app          | database.usrname=app              | james-database.properties: database.usrname=app: unknown key",
        "mta-sts.properties        | timeout=30                     | timeuot=30                        | mta-sts.properties: timeuot=30: unknown key",
        "quarantine.properties     | retention=30d                  | retension=30d                     | quarantine.properties: retension=30d: unknown key",
        "reputation.properties     | minMessages=20                 | minMessage=20                     | reputation.properties: minMessage=20: unknown key",
        "srs.properties            | maxAge=21                      | maxage=21                         | srs.properties: maxage=21: unknown key",
        "throttle.properties       | purge.interval=1h              | purge.intervall=1h                | throttle.properties: purge.intervall=1h: unknown key",
        "throttle.properties       | ip.messages=300/1m             | ip.mesages=300/1m                 | throttle.properties: ip.mesages=300/1m: unknown key",
        "tls.properties            | hostnames=                     | hostname=mx.example               | tls.properties: hostname=mx.example: unknown key"})
    void aMisspelledKeyShouldStopTheStartUpNamingFileKeyAndValue(String file, String shipped, String written, String line)
        throws Exception {
        assertStartupFailsWith(file.trim(), shipped.trim(), written.trim(), line.trim());
    }

    @ParameterizedTest(name = "{0}: {2}")
    @CsvSource(delimiter = '|', value = {
        "auth-guard.properties     | authFailures.delayAfter=3      | authFailures.delayAfter=three     | auth-guard.properties: authFailures.delayAfter=three: expected a whole number",
        "authentication.properties | temperror=accept               | temperror=maybe                   | authentication.properties: temperror=maybe: expected accept or tempfail",
        "deliverability.properties | #outboundIp=192.0.2.25         | outboundIp=192.0.2.256            | deliverability.properties: outboundIp=192.0.2.256: expected an IPv4 or IPv6 address",
        "dkim.properties           | check.interval=10m             | check.interval=10 minutes         | dkim.properties: check.interval=10 minutes: expected a duration",
        "dmarc-reports.properties  | enabled=true                   | enabled=yes                       | dmarc-reports.properties: enabled=yes: expected true or false",
        "greylist.properties       | dryRun=false                   | dryRun=no                         | greylist.properties: dryRun=no: expected true or false",
        "identity.properties       | unauthenticatedLocalSender=spf | unauthenticatedLocalSender=never  | identity.properties: unauthenticatedLocalSender=never: expected allow, spf or reject",
        "james-database.properties | datasource.MaxTotal=20         | datasource.MaxTotal=lots          | james-database.properties: datasource.MaxTotal=lots: expected a whole number of at least 1",
        "mta-sts.properties        | httpsPort=443                  | httpsPort=https                   | mta-sts.properties: httpsPort=https: expected a whole number from 1 to 65535",
        "quarantine.properties     | purge.interval=1h              | purge.interval=hourly             | quarantine.properties: purge.interval=hourly: expected a duration",
        "reputation.properties     | suspend=true                   | suspend=1                         | reputation.properties: suspend=1: expected true or false",
        "srs.properties            | maxAge=21                      | maxAge=3w                         | srs.properties: maxAge=3w: expected a whole number",
        "throttle.properties       | harvest.block=30m              | harvest.block=30 min              | throttle.properties: harvest.block=30 min: expected a duration",
        "tls.properties            | certificate=                   | certificate=conf/missing.pem      | tls.properties: set both certificate and privateKey",
        "webadmin.properties       | cors.enable=false              | cors.enable=off                   | webadmin.properties: cors.enable=off: expected true or false"})
    void aMalformedValueShouldStopTheStartUpNamingFileKeyAndValue(String file, String shipped, String written, String line)
        throws Exception {
        assertStartupFailsWith(file.trim(), shipped.trim(), written.trim(), line.trim());
    }

    /** What the operator sees: PostwardenServerMain exits with 1 after logging the one line, no stack trace. */
    @Test
    void theServerProcessShouldExitWithTheOneLine() throws Exception {
        ServerDirectory directory = ServerDirectory.prepare("{}",
            new ConfEdits().replace("greylist.properties", "delay=5m", "dealy=5m"), 1);
        try {
            Path output = directory.root().resolve("output.log");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-Xmx256m", "-Dworking.directory=" + directory.root(),
                "-Dlogback.configurationFile=" + directory.root().resolve("conf/logback.xml"),
                "-cp", System.getProperty("java.class.path"), PostwardenServerMain.class.getName())
                .directory(directory.root().toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(process.exitValue()).isEqualTo(1);
            String logged = Files.readString(output, StandardCharsets.UTF_8)
                + readIfExists(directory.root().resolve("var/log/postwarden.log"));
            assertThat(logged).contains("Cannot start: greylist.properties: dealy=5m: unknown key;")
                .doesNotContain("\tat org.postwarden");
        } finally {
            directory.delete();
        }
    }

    private static String readIfExists(Path file) throws Exception {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
