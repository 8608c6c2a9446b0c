package org.postwarden.server.config;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name, the default of the names the server announces. */
public final class MachineName {
    private MachineName() {
    }

    public static String canonical() {
        try {
            return InetAddress.getLocalHost().getCanonicalHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
