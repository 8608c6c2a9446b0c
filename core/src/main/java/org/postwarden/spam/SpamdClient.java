package org.postwarden.spam;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.common.base.Preconditions;

/**
 * A client of SpamAssassin's spamd, speaking the SPAMC/1.5 protocol of {@code spamc} (SpamAssassin's
 * {@code spamd/PROTOCOL}). One connection per message:
 * <pre>
 * request  = command SP "SPAMC/1.5" CRLF "Content-length: " 1*DIGIT CRLF CRLF message
 * response = "SPAMD/" version SP code SP text CRLF *(header CRLF) CRLF [body]
 * header   = "Content-length: " 1*DIGIT | "Spam: " ("True" | "False") " ; " score " / " threshold | ...
 * </pre>
 * Code 0 ({@code EX_OK}) is an answer; any other code ({@code 76 EX_PROTOCOL}, {@code 74 EX_IOERR}, ...), a
 * connection or a timeout failure is a {@link SpamdUnavailableException}. A configured threshold replaces
 * spamd's {@code required_score}: spam is {@code score >= threshold}.
 */
public final class SpamdClient {
    /** {@code REPORT}: the rule report as the body; {@code SYMBOLS}: the names of the rules that hit. */
    public enum Command { REPORT, SYMBOLS }

    public static final int DEFAULT_PORT = 783;
    private static final Pattern STATUS = Pattern.compile("SPAMD/(\\d+\\.\\d+) +(\\d+) *(.*)");
    private static final Pattern SPAM = Pattern.compile("(True|False|Yes|No) *; *(-?\\d+(?:\\.\\d+)?) */ *(-?\\d+(?:\\.\\d+)?)",
        Pattern.CASE_INSENSITIVE);
    private static final int MAX_LINE = 8 * 1024;
    private static final int MAX_BODY = 1024 * 1024;

    private final InetSocketAddress address;
    private final Duration timeout;
    private final OptionalDouble threshold;

    public SpamdClient(String host, int port, Duration timeout) {
        this(host, port, timeout, OptionalDouble.empty());
    }

    public SpamdClient(String host, int port, Duration timeout, OptionalDouble threshold) {
        Preconditions.checkArgument(port > 0 && port < 65536, "spamd port out of range: %s", port);
        Preconditions.checkArgument(!timeout.isNegative() && !timeout.isZero(), "spamd timeout must be positive");
        this.address = InetSocketAddress.createUnresolved(host, port);
        this.timeout = timeout;
        this.threshold = threshold;
    }

    public SpamVerdict check(byte[] message) throws SpamdUnavailableException {
        return check(message, Command.REPORT);
    }

    public SpamVerdict check(byte[] message, Command command) throws SpamdUnavailableException {
        int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address.getHostString(), address.getPort()), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write((command.name() + " SPAMC/1.5\r\nContent-length: " + message.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            out.write(message);
            out.flush();
            socket.shutdownOutput();
            SpamVerdict verdict = read(new BufferedInputStream(socket.getInputStream()));
            return threshold.isPresent() ? verdict.withThreshold(threshold.getAsDouble()) : verdict;
        } catch (IOException e) {
            throw new SpamdUnavailableException("spamd at " + address.getHostString() + ":" + address.getPort()
                + " did not answer: " + e, e);
        }
    }

    private SpamVerdict read(InputStream in) throws IOException, SpamdUnavailableException {
        String statusLine = readLine(in);
        Matcher status = STATUS.matcher(statusLine);
        if (!status.matches()) {
            throw new SpamdUnavailableException("not a spamd answer: " + statusLine);
        }
        if (!status.group(2).equals("0")) {
            throw new SpamdUnavailableException("spamd refused the check: " + statusLine);
        }
        int contentLength = -1;
        Matcher spam = null;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                throw new SpamdUnavailableException("bad spamd header: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (name.equals("content-length")) {
                contentLength = parseLength(value);
            } else if (name.equals("spam")) {
                spam = SPAM.matcher(value);
                if (!spam.matches()) {
                    throw new SpamdUnavailableException("bad spamd Spam header: " + value);
                }
            }
        }
        if (spam == null) {
            throw new SpamdUnavailableException("spamd answered without a Spam header: " + statusLine);
        }
        String body = new String(readBody(in, contentLength), StandardCharsets.UTF_8);
        boolean isSpam = spam.group(1).equalsIgnoreCase("True") || spam.group(1).equalsIgnoreCase("Yes");
        return new SpamVerdict(isSpam, Double.parseDouble(spam.group(2)), Double.parseDouble(spam.group(3)), body);
    }

    private static int parseLength(String value) throws SpamdUnavailableException {
        try {
            int length = Integer.parseInt(value);
            if (length < 0 || length > MAX_BODY) {
                throw new SpamdUnavailableException("spamd Content-length out of range: " + value);
            }
            return length;
        } catch (NumberFormatException e) {
            throw new SpamdUnavailableException("bad spamd Content-length: " + value, e);
        }
    }

    /** Content-length bytes, or up to the end of the stream when spamd sent none (CHECK-style answers). */
    private static byte[] readBody(InputStream in, int contentLength) throws IOException, SpamdUnavailableException {
        if (contentLength >= 0) {
            byte[] body = in.readNBytes(contentLength);
            if (body.length < contentLength) {
                throw new SpamdUnavailableException("spamd answer cut short: " + body.length + " of " + contentLength + " bytes");
            }
            return body;
        }
        byte[] body = in.readNBytes(MAX_BODY + 1);
        if (body.length > MAX_BODY) {
            throw new SpamdUnavailableException("spamd answer longer than " + MAX_BODY + " bytes");
        }
        return body;
    }

    /** A line ended by LF (CR LF from spamd); fails at the end of the stream or past {@value #MAX_LINE} bytes. */
    private static String readLine(InputStream in) throws IOException, SpamdUnavailableException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new SpamdUnavailableException("spamd closed the connection mid-answer");
            }
            if (line.size() >= MAX_LINE) {
                throw new SpamdUnavailableException("spamd answer line longer than " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
