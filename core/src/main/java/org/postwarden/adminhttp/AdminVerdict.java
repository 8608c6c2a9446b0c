package org.postwarden.adminhttp;

/** The guard's answer: serve the request, or refuse it with an HTTP status and the reason the client is told. */
public record AdminVerdict(boolean allowed, int status, String message) {
    public static final AdminVerdict ALLOWED = new AdminVerdict(true, 200, "");

    static AdminVerdict refuse(int status, String message) {
        return new AdminVerdict(false, status, message);
    }
}
