package org.postwarden.dmarc.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.postwarden.dmarc.Alignment;
import org.postwarden.dmarc.report.DmarcEvaluation.DkimAuth;
import org.postwarden.dmarc.report.DmarcEvaluation.PolicyOverride;
import org.postwarden.dmarc.report.DmarcEvaluation.PublishedPolicy;

/**
 * Writes an aggregate report as the XML of RFC 7489 Appendix C (no namespace, version 1.0, as the RFC's examples),
 * plain or gzip'd (§7.2.1.1).
 */
public final class AggregateReportXml {
    private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

    private AggregateReportXml() {
    }

    public static byte[] xml(AggregateReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        write(report, bytes);
        return bytes.toByteArray();
    }

    public static byte[] gzip(AggregateReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            write(report, gzip);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void write(AggregateReport report, OutputStream out) {
        try {
            XMLStreamWriter xml = FACTORY.createXMLStreamWriter(out, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            xml.writeStartElement("feedback");
            element(xml, "version", "1.0");
            metadata(xml, report.metadata());
            policy(xml, report.policy());
            for (AggregateReport.Row row : report.rows()) {
                record(xml, row);
            }
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot write the aggregate report " + report.metadata().reportId(), e);
        }
    }

    private static void metadata(XMLStreamWriter xml, AggregateReport.Metadata metadata) throws XMLStreamException {
        xml.writeStartElement("report_metadata");
        element(xml, "org_name", metadata.orgName());
        element(xml, "email", metadata.email());
        element(xml, "report_id", metadata.reportId());
        xml.writeStartElement("date_range");
        element(xml, "begin", String.valueOf(metadata.begin().getEpochSecond()));
        element(xml, "end", String.valueOf(metadata.end().getEpochSecond()));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static void policy(XMLStreamWriter xml, PublishedPolicy policy) throws XMLStreamException {
        xml.writeStartElement("policy_published");
        element(xml, "domain", policy.domain());
        element(xml, "adkim", alignment(policy.adkim()));
        element(xml, "aspf", alignment(policy.aspf()));
        element(xml, "p", policy.p().keyword());
        element(xml, "sp", policy.sp().keyword());
        element(xml, "pct", String.valueOf(policy.pct()));
        element(xml, "fo", policy.fo());
        xml.writeEndElement();
    }

    private static void record(XMLStreamWriter xml, AggregateReport.Row row) throws XMLStreamException {
        xml.writeStartElement("record");
        xml.writeStartElement("row");
        element(xml, "source_ip", row.sourceIp());
        element(xml, "count", String.valueOf(row.count()));
        xml.writeStartElement("policy_evaluated");
        element(xml, "disposition", row.evaluated().disposition().keyword());
        element(xml, "dkim", row.evaluated().dkimAligned() ? "pass" : "fail");
        element(xml, "spf", row.evaluated().spfAligned() ? "pass" : "fail");
        for (PolicyOverride reason : row.evaluated().reasons()) {
            xml.writeStartElement("reason");
            element(xml, "type", reason.keyword());
            xml.writeEndElement();
        }
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeStartElement("identifiers");
        element(xml, "envelope_from", row.envelopeFrom());
        element(xml, "header_from", row.headerFrom());
        xml.writeEndElement();
        xml.writeStartElement("auth_results");
        for (DkimAuth dkim : row.dkim()) {
            xml.writeStartElement("dkim");
            element(xml, "domain", dkim.domain());
            if (!dkim.selector().isEmpty()) {
                element(xml, "selector", dkim.selector());
            }
            element(xml, "result", dkim.result());
            xml.writeEndElement();
        }
        xml.writeStartElement("spf");
        element(xml, "domain", row.spf().domain());
        element(xml, "scope", row.spf().scope());
        element(xml, "result", row.spf().result());
        xml.writeEndElement();
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private static String alignment(Alignment.Mode mode) {
        return mode.name().substring(0, 1).toLowerCase(Locale.ROOT);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }
}
