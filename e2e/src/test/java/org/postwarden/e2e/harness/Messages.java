package org.postwarden.e2e.harness;

import java.util.UUID;

/** Small RFC 5322 messages for tests, each with a unique Message-ID and subject to find it again. */
public final class Messages {

    private Messages() {
    }

    public static String simple(String from, String to, String subject) {
        return "From: <" + from + ">\r\n"
            + "To: <" + to + ">\r\n"
            + "Subject: " + subject + "\r\n"
            + "Date: Sun, 22 Nov 2026 10:00:00 +0000\r\n"
            + "Message-ID: <" + UUID.randomUUID() + "@postwarden.test>\r\n"
            + "MIME-Version: 1.0\r\n"
            + "Content-Type: text/plain; charset=us-ascii\r\n"
            + "\r\n"
            + "Hello from the Postwarden end-to-end tests.\r\n";
    }
}
