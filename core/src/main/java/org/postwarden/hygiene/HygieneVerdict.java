package org.postwarden.hygiene;

import java.util.List;

/**
 * What to do with a submitted message: take it as it is ({@link Status#OK}), take it with header fields appended
 * ({@link Status#ADD_FIELDS}, {@link #addedFields()} each without its CRLF), or refuse it
 * ({@link Status#REFUSE}, with an RFC 3463 enhanced status code and a reason for the SMTP reply).
 */
public record HygieneVerdict(Status status, List<String> addedFields, String enhancedCode, String reason) {

    public enum Status { OK, ADD_FIELDS, REFUSE }

    private static final HygieneVerdict OK = new HygieneVerdict(Status.OK, List.of(), "", "");

    public HygieneVerdict {
        addedFields = List.copyOf(addedFields);
    }

    static HygieneVerdict ok() {
        return OK;
    }

    static HygieneVerdict add(List<String> fields) {
        return fields.isEmpty() ? OK : new HygieneVerdict(Status.ADD_FIELDS, fields, "", "");
    }

    static HygieneVerdict refuse(String enhancedCode, String reason) {
        return new HygieneVerdict(Status.REFUSE, List.of(), enhancedCode, reason);
    }
}
