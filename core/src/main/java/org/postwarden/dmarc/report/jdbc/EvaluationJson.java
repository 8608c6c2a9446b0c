package org.postwarden.dmarc.report.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import org.postwarden.dmarc.report.AggregateReportStoreException;
import org.postwarden.dmarc.report.DmarcEvaluation;

/** An evaluation as the JSON text of its record components (instants as ISO-8601). */
final class EvaluationJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule());

    private EvaluationJson() {
    }

    static String write(DmarcEvaluation evaluation) {
        try {
            return MAPPER.writeValueAsString(evaluation);
        } catch (JsonProcessingException e) {
            throw new AggregateReportStoreException("cannot write a DMARC evaluation: " + e.getMessage(), e);
        }
    }

    static DmarcEvaluation read(String json) {
        try {
            return MAPPER.readValue(json, DmarcEvaluation.class);
        } catch (JsonProcessingException e) {
            throw new AggregateReportStoreException("unreadable DMARC evaluation in the database: " + e.getMessage(), e);
        }
    }
}
