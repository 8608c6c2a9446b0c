package org.postwarden.spf;

import com.google.common.net.InetAddresses;
import java.util.function.UnaryOperator;
import org.apache.james.jspf.core.DNSService;
import org.apache.james.jspf.core.MacroData;
import org.apache.james.jspf.core.MacroExpand;
import org.apache.james.jspf.core.exceptions.PermErrorException;

/**
 * jSPF's macro expansion (RFC 7208 §7) with two of its outputs put right around it, jSPF itself unchanged:
 * <ul>
 * <li>%{c} of an IPv6 client is RFC 5952 text ({@code cafe:babe::1}), where jSPF writes every group out;</li>
 * <li>an upper-case macro letter URL-escapes what RFC 3986 reserves, and "~" is unreserved, where jSPF's
 * {@code URLEncoder} gives {@code %7E}. Each "~" of the macro values goes through jSPF's expansion as a
 * private-use stand-in, and comes back as "~" whether jSPF escaped it or not.</li>
 * </ul>
 */
final class Rfc7208MacroExpand extends MacroExpand {
    private static final String TILDE = "~";
    private static final String STANDIN = "\uE000";
    private static final String STANDIN_ESCAPED = "%EE%80%80";

    Rfc7208MacroExpand(DNSService dns) {
        super(dns);
    }

    @Override
    public String expand(String input, MacroData macroData, boolean isExplanation) throws PermErrorException {
        if (mentions(macroData, STANDIN)) {
            return super.expand(input, new Corrected(macroData, UnaryOperator.identity()), isExplanation);
        }
        String expanded = super.expand(input, new Corrected(macroData, value -> value.replace(TILDE, STANDIN)),
            isExplanation);
        return expanded == null ? null : expanded.replace(STANDIN_ESCAPED, TILDE).replace(STANDIN, TILDE);
    }

    private static boolean mentions(MacroData data, String text) {
        for (String value : new String[] {data.getCurrentSenderPart(), data.getMailFrom(), data.getHostName(),
            data.getCurrentDomain(), data.getClientDomain(), data.getSenderDomain(), data.getReceivingDomain()}) {
            if (value != null && value.contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** The session's macro values, with %{c} in RFC 5952 form and each text value passed through {@code text}. */
    private record Corrected(MacroData data, UnaryOperator<String> text) implements MacroData {
        private String t(String value) {
            return value == null ? null : text.apply(value);
        }

        @Override
        public String getCurrentSenderPart() {
            return t(data.getCurrentSenderPart());
        }

        @Override
        public String getMailFrom() {
            return t(data.getMailFrom());
        }

        @Override
        public String getHostName() {
            return t(data.getHostName());
        }

        @Override
        public String getCurrentDomain() {
            return t(data.getCurrentDomain());
        }

        @Override
        public String getInAddress() {
            return data.getInAddress();
        }

        @Override
        public String getClientDomain() {
            return t(data.getClientDomain());
        }

        @Override
        public String getSenderDomain() {
            return t(data.getSenderDomain());
        }

        @Override
        public String getMacroIpAddress() {
            return data.getMacroIpAddress();
        }

        @Override
        public long getTimeStamp() {
            return data.getTimeStamp();
        }

        /** RFC 7208 §7.3: %{c} is the address in its usual text form, RFC 5952 for IPv6. */
        @Override
        public String getReadableIP() {
            String ip = data.getReadableIP();
            return ip != null && InetAddresses.isInetAddress(ip) ? InetAddresses.toAddrString(InetAddresses.forString(ip))
                : ip;
        }

        @Override
        public String getReceivingDomain() {
            return t(data.getReceivingDomain());
        }
    }
}
