package org.postwarden.deliverability;

import com.google.common.net.InetAddresses;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The report as the webadmin route and {@code postwarden-auth doctor --json} print it:
 * <pre>
 * {"domain": "example.com", "ip": "192.0.2.10", "helo": "mail.example.com", "status": "warn",
 *  "checks": [{"check": "spf", "status": "pass", "explanation": "..."},
 *             {"check": "dmarc", "status": "warn", "explanation": "...",
 *              "publish": {"name": "_dmarc.example.com", "type": "TXT", "value": "v=DMARC1; ..."}}]}
 * </pre>
 * {@code ip}, {@code helo} and {@code publish} are left out when absent.
 */
public final class ReportJson {
    private ReportJson() {
    }

    /** Maps and lists of strings, for any JSON writer. */
    public static Map<String, Object> of(DeliverabilityReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("domain", report.target().domain());
        report.target().outboundIp().ifPresent(ip -> json.put("ip", InetAddresses.toAddrString(ip)));
        report.target().helo().ifPresent(helo -> json.put("helo", helo));
        json.put("status", report.status().keyword());
        json.put("checks", report.findings().stream().map(ReportJson::finding).toList());
        return json;
    }

    private static Map<String, Object> finding(Finding finding) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("check", finding.check());
        json.put("status", finding.status().keyword());
        json.put("explanation", finding.explanation());
        finding.publish().ifPresent(record -> {
            Map<String, String> publish = new LinkedHashMap<>();
            publish.put("name", record.name());
            publish.put("type", record.type());
            publish.put("value", record.value());
            json.put("publish", publish);
        });
        return json;
    }
}
