package org.postwarden.mtasts;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP answer to a policy request, accepted only as RFC 8461 §3.3 allows. */
final class PolicyResponse {
    /** §3.3 suggests 64 KiB as the most a sender reads. */
    static final int MAX_BODY = 64 * 1024;
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_HEADERS = 100;
    private static final Pattern STATUS = Pattern.compile("HTTP/1\\.[01] (\\d{3})( .*)?");

    private final String body;

    private PolicyResponse(String body) {
        this.body = body;
    }

    String body() {
        return body;
    }

    static PolicyResponse read(InputStream in, long deadlineNanos) throws IOException, MtaStsException {
        BoundedReader reader = new BoundedReader(in, deadlineNanos);
        String statusLine = reader.line();
        Matcher status = STATUS.matcher(statusLine);
        if (!status.matches()) {
            throw new MtaStsException("not an HTTP response: " + statusLine);
        }
        Map<String, String> headers = headers(reader);
        int code = Integer.parseInt(status.group(1));
        if (code != 200) {
            // 3xx included: §3.3 forbids following redirects.
            throw new MtaStsException("HTTP " + code + " instead of 200");
        }
        String contentType = headers.getOrDefault("content-type", "");
        if (!contentType.split(";", 2)[0].strip().equalsIgnoreCase("text/plain")) {
            throw new MtaStsException("content type \"" + contentType + "\" instead of text/plain");
        }
        byte[] body;
        if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked(reader);
        } else if (headers.containsKey("content-length")) {
            body = reader.bytes(contentLength(headers.get("content-length")));
        } else {
            body = reader.rest();
        }
        return new PolicyResponse(new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, String> headers(BoundedReader reader) throws IOException, MtaStsException {
        Map<String, String> headers = new HashMap<>();
        for (int count = 0; ; count++) {
            String line = reader.line();
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || count >= MAX_HEADERS) {
                throw new MtaStsException("malformed HTTP header: " + line);
            }
            headers.putIfAbsent(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
    }

    private static int contentLength(String value) throws MtaStsException {
        try {
            long length = Long.parseLong(value);
            if (length < 0 || length > MAX_BODY) {
                throw new MtaStsException("policy of " + value + " bytes exceeds " + MAX_BODY);
            }
            return (int) length;
        } catch (NumberFormatException e) {
            throw new MtaStsException("invalid Content-Length " + value);
        }
    }

    private static byte[] chunked(BoundedReader reader) throws IOException, MtaStsException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = reader.line().split(";", 2)[0].strip();
            int length;
            try {
                length = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                throw new MtaStsException("invalid chunk size " + size);
            }
            if (length == 0) {
                return body.toByteArray();
            }
            if (length < 0 || body.size() + length > MAX_BODY) {
                throw new MtaStsException("policy exceeds " + MAX_BODY + " bytes");
            }
            body.write(reader.bytes(length));
            reader.line();
        }
    }

    /** Reads lines and bytes with a limit on each and an overall deadline against slow servers. */
    private static final class BoundedReader {
        private final InputStream in;
        private final long deadlineNanos;

        BoundedReader(InputStream in, long deadlineNanos) {
            this.in = in;
            this.deadlineNanos = deadlineNanos;
        }

        String line() throws IOException, MtaStsException {
            StringBuilder line = new StringBuilder();
            while (true) {
                int b = next();
                if (b == -1) {
                    throw new MtaStsException("connection closed in the HTTP headers");
                }
                if (b == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                if (line.length() >= MAX_LINE) {
                    throw new MtaStsException("HTTP line longer than " + MAX_LINE);
                }
                line.append((char) b);
            }
        }

        byte[] bytes(int length) throws IOException, MtaStsException {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                int b = next();
                if (b == -1) {
                    throw new MtaStsException("connection closed after " + i + " of " + length + " bytes");
                }
                bytes[i] = (byte) b;
            }
            return bytes;
        }

        byte[] rest() throws IOException, MtaStsException {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int b = next(); b != -1; b = next()) {
                if (body.size() >= MAX_BODY) {
                    throw new MtaStsException("policy exceeds " + MAX_BODY + " bytes");
                }
                body.write(b);
            }
            return body.toByteArray();
        }

        private int next() throws IOException {
            if (System.nanoTime() > deadlineNanos) {
                throw new SocketTimeoutException("policy fetch took too long");
            }
            return in.read();
        }
    }
}
