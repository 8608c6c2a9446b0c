package org.postwarden.e2e.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;

import org.apache.commons.net.util.TrustManagerUtils;
import org.apache.james.utils.TestIMAPClient;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.postwarden.e2e.harness.ConfEdits;
import org.postwarden.e2e.harness.Imaps;
import org.postwarden.e2e.harness.Messages;
import org.postwarden.e2e.harness.PostwardenServerExtension;
import org.postwarden.e2e.harness.ServerProcess;
import org.postwarden.e2e.harness.SmtpSession;
import org.postwarden.tls.ServerCertificate;
import org.postwarden.tls.TlsSettings;

/** STARTTLS and implicit TLS on the SMTP and IMAP servers, AUTH only over TLS, and the certificate they present. */
class TlsTest {
    private static final String DOMAIN = "tls.test";
    private static final String ALICE = "alice@" + DOMAIN;
    private static final String BOB = "bob@" + DOMAIN;
    private static final String PASSWORD = "secret";

    @RegisterExtension
    static PostwardenServerExtension server = new PostwardenServerExtension();

    @BeforeAll
    static void provision() {
        server.webAdmin().createDomain(DOMAIN);
        server.webAdmin().createUser(ALICE, PASSWORD);
        server.webAdmin().createUser(BOB, PASSWORD);
    }

    @Test
    void submissionShouldNeitherOfferNorAcceptAuthBeforeStartTls() {
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            assertThat(submission.ehlo()).contains("STARTTLS").doesNotContain("AUTH");
            assertThat(submission.authenticateWithoutTls(ALICE, PASSWORD)).startsWith("538 5.7.11");
            assertThat(submission.mailFrom(ALICE)).startsWith("550 5.7.1");
        }
    }

    @Test
    void submissionAfterStartTlsShouldAuthenticateAndRelay() {
        try (SmtpSession submission = SmtpSession.connect(server.ports().submission())) {
            assertThat(submission.startTls()).contains("AUTH").contains("PLAIN");
            assertThat(submission.authenticate(ALICE, PASSWORD)).startsWith("235");
            submission.send(ALICE, "friend@remote.example", Messages.simple(ALICE, "friend@remote.example", "over-starttls"));
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> server.sink().received().stream()
            .anyMatch(mail -> mail.data().contains("Subject: over-starttls")));
    }

    @Test
    void mxStartTlsShouldBeRecordedInTheReceivedHeader() throws Exception {
        try (SmtpSession smtp = SmtpSession.connect(server.ports().smtp())) {
            assertThat(smtp.ehlo()).contains("STARTTLS").doesNotContain("AUTH");
            smtp.startTls();
            smtp.send("sender@remote.example", BOB, Messages.simple("sender@remote.example", BOB, "mx-over-tls"));
        }

        try (TestIMAPClient imap = Imaps.client()) {
            imap.connect("127.0.0.1", server.ports().imaps()).login(BOB, PASSWORD).select(TestIMAPClient.INBOX)
                .awaitMessage(await().atMost(Duration.ofSeconds(30)));
            String received = imap.readFirstMessage().replace("\r\n\t", " ").replace("\r\n ", " ");
            assertThat(received)
                .containsPattern("Received: from [^\r\n]*\\(using TLSv1\\.[23] with cipher TLS_[A-Z0-9_]+\\)[^\r\n]* with ESMTPS ");
        }
    }

    @Test
    void submissionsPortShouldSpeakTlsFromTheFirstByte() throws Exception {
        try (SSLSocket socket = tlsSocket(server.ports().submissions())) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(reader.readLine()).startsWith("220 ");
            assertThat(socket.getSession().getProtocol()).startsWith("TLSv1.");
        }
        try (SmtpSession submissions = SmtpSession.connectOverTls(server.ports().submissions())) {
            assertThat(submissions.ehlo()).contains("AUTH").doesNotContain("STARTTLS");
            assertThat(submissions.authenticate(ALICE, PASSWORD)).startsWith("235");
        }
    }

    @Test
    void imapShouldRefuseLoginBeforeStartTls() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.ports().imap())) {
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            Writer writer = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.US_ASCII);
            assertThat(reader.readLine()).startsWith("* OK");

            writer.write("a1 CAPABILITY\r\n");
            writer.flush();
            String capabilities = reader.readLine();
            assertThat(capabilities).contains("STARTTLS").contains("LOGINDISABLED");
            assertThat(reader.readLine()).startsWith("a1 OK");

            writer.write("a2 LOGIN " + BOB + " " + PASSWORD + "\r\n");
            writer.flush();
            assertThat(reader.readLine()).startsWith("a2 NO");
        }
    }

    @Test
    void selfSignedCertificateShouldBeGeneratedOnceWithAPrivateKeyAndReusedAfterARestart() throws Exception {
        Path certificate = server.root().resolve("var/tls/self-signed-certificate.pem");
        Path key = server.root().resolve("var/tls/self-signed-key.pem");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        String presented = fingerprint(presentedCertificate(server.ports().submissions()));
        assertThat(presented).isEqualTo(fingerprint(readCertificate(certificate)));

        server.restart();

        assertThat(fingerprint(presentedCertificate(server.ports().submissions()))).isEqualTo(presented);
        assertThat(fingerprint(presentedCertificate(server.ports().imaps()))).isEqualTo(presented);
    }

    @Test
    void aConfiguredCertificateShouldBePresentedInsteadOfASelfSignedOne(@TempDir Path operator) throws Exception {
        ServerCertificate own = ServerCertificate.prepare(
            new TlsSettings(Optional.empty(), Optional.empty(), List.of("mx.operator.test")), operator, Instant.now());
        ConfEdits edits = new ConfEdits()
            .create("operator-certificate.pem", Files.readString(own.certificate()))
            .create("operator-key.pem", Files.readString(own.privateKey()))
            .replace("tls.properties", "certificate=\nprivateKey=\n",
                "certificate=conf/operator-certificate.pem\nprivateKey=conf/operator-key.pem\n");

        try (ServerProcess node = ServerProcess.start("{}", edits)) {
            X509Certificate presented = presentedCertificate(node.ports().submissions());
            assertThat(fingerprint(presented)).isEqualTo(fingerprint(readCertificate(own.certificate())));
            assertThat(presented.getSubjectX500Principal().getName()).contains("CN=mx.operator.test");
            assertThat(fingerprint(presentedCertificate(node.ports().imaps()))).isEqualTo(fingerprint(presented));
        }
    }

    private static X509Certificate presentedCertificate(int port) throws Exception {
        try (SSLSocket socket = tlsSocket(port)) {
            socket.startHandshake();
            Certificate[] chain = socket.getSession().getPeerCertificates();
            return (X509Certificate) chain[0];
        }
    }

    private static SSLSocket tlsSocket(int port) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {TrustManagerUtils.getAcceptAllTrustManager()}, null);
        return (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    }

    private static X509Certificate readCertificate(Path pem) throws Exception {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String fingerprint(X509Certificate certificate) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }
}
