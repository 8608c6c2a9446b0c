package org.postwarden.mtasts;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** One SMTP reply, possibly multi-line (RFC 5321 §4.2): {@code 250-first}, ..., {@code 250 last}. */
record SmtpReply(int code, List<String> lines) {
    private static final int MAX_LINE = 4096;
    private static final int MAX_LINES = 100;

    boolean positive() {
        return code >= 200 && code < 400;
    }

    boolean permanent() {
        return code >= 500;
    }

    String text() {
        return code + " " + String.join(" / ", lines);
    }

    static SmtpReply read(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line(in);
            if (line.length() < 3 || !line.substring(0, 3).chars().allMatch(Character::isDigit)) {
                throw new IOException("malformed SMTP reply: " + line);
            }
            lines.add(line.length() > 4 ? line.substring(4) : "");
            if (line.length() == 3 || line.charAt(3) != '-' || lines.size() >= MAX_LINES) {
                return new SmtpReply(Integer.parseInt(line.substring(0, 3)), lines);
            }
        }
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new IOException("connection closed by the server");
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("SMTP reply line longer than " + MAX_LINE);
            }
            line.append((char) b);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }
}
