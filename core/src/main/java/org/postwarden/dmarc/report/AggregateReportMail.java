package org.postwarden.dmarc.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * The mail that carries an aggregate report (RFC 7489 §7.2.1.1): Subject {@code Report Domain: <policy-domain>
 * Submitter: <receiver> Report-ID: <id>}, a short text part and the gzip'd XML as an {@code application/gzip}
 * attachment named {@code <receiver>!<policy-domain>!<begin>!<end>.xml.gz}.
 */
public final class AggregateReportMail {
    private static final String CRLF = "\r\n";

    private AggregateReportMail() {
    }

    /**
     * @param receiver the reporting domain (ours), the Submitter of the subject
     * @param from the reporting address
     * @param to the verified destinations
     */
    public static byte[] build(AggregateReport report, String receiver, String from, List<String> to, Instant date) {
        AggregateReport.Metadata metadata = report.metadata();
        String policyDomain = report.policy().domain();
        String boundary = "=_dmarc_report_" + Integer.toHexString(metadata.reportId().hashCode()) + "_" + date.toEpochMilli();
        String filename = filename(receiver, policyDomain, metadata.begin(), metadata.end());
        StringBuilder message = new StringBuilder()
            .append("From: ").append(from).append(CRLF)
            .append("To: ").append(String.join(", ", to)).append(CRLF)
            .append("Subject: ").append(subject(policyDomain, receiver, metadata.reportId())).append(CRLF)
            .append("Date: ").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(date.atOffset(ZoneOffset.UTC))).append(CRLF)
            .append("Message-ID: <").append(metadata.reportId()).append('>').append(CRLF)
            .append("MIME-Version: 1.0").append(CRLF)
            .append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append('"').append(CRLF)
            .append(CRLF)
            .append("--").append(boundary).append(CRLF)
            .append("Content-Type: text/plain; charset=us-ascii").append(CRLF)
            .append("Content-Transfer-Encoding: 7bit").append(CRLF)
            .append(CRLF)
            .append("DMARC aggregate report (RFC 7489) from ").append(metadata.orgName()).append(" for ").append(policyDomain)
            .append(", ").append(report.messageCount()).append(" messages from ").append(metadata.begin())
            .append(" to ").append(metadata.end()).append('.').append(CRLF)
            .append("--").append(boundary).append(CRLF)
            .append("Content-Type: application/gzip; name=\"").append(filename).append('"').append(CRLF)
            .append("Content-Transfer-Encoding: base64").append(CRLF)
            .append("Content-Disposition: attachment; filename=\"").append(filename).append('"').append(CRLF)
            .append(CRLF)
            .append(Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII))
                .encodeToString(AggregateReportXml.gzip(report))).append(CRLF)
            .append("--").append(boundary).append("--").append(CRLF);
        return message.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code Report Domain: <policy-domain> Submitter: <receiver> Report-ID: <<id>>} (§7.2.1.1). */
    public static String subject(String policyDomain, String receiver, String reportId) {
        return "Report Domain: " + policyDomain + " Submitter: " + receiver + " Report-ID: <" + reportId + ">";
    }

    /** {@code receiver "!" policy-domain "!" begin-timestamp "!" end-timestamp ".xml.gz"} (§7.2.1.1). */
    public static String filename(String receiver, String policyDomain, Instant begin, Instant end) {
        return receiver + "!" + policyDomain + "!" + begin.getEpochSecond() + "!" + end.getEpochSecond() + ".xml.gz";
    }
}
