package org.postwarden.dns;

import com.google.common.base.Splitter;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * A UDP DNS server on 127.0.0.1 answering from a {@link DnsResolver}, usually a
 * {@link StaticZone}: TEMPFAIL "timeout" is answered with silence, other TEMPFAILs with SERVFAIL.
 * TXT data is sent in 255-byte character-strings, as real servers split long records.
 * Negative answers carry an SOA so that resolvers cache them.
 */
public final class FakeDnsServer implements AutoCloseable {
    private static final long TTL = 300;
    private static final int MAX_CHARACTER_STRING = 255;
    /** Resolvers cache negative answers only when they carry an SOA (RFC 2308 §5). */
    private static final SOARecord NEGATIVE_CACHING_SOA = new SOARecord(Name.root, DClass.IN, TTL,
        Name.fromConstantString("ns.fake."), Name.fromConstantString("hostmaster.fake."), 1, TTL, TTL, TTL, TTL);

    private final DnsResolver zone;
    private final DatagramSocket socket;

    private FakeDnsServer(DnsResolver zone, DatagramSocket socket) {
        this.zone = zone;
        this.socket = socket;
    }

    public static FakeDnsServer start(DnsResolver zone) throws IOException {
        DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        FakeDnsServer server = new FakeDnsServer(zone, socket);
        Thread thread = new Thread(server::serve, "fake-dns-" + socket.getLocalPort());
        thread.setDaemon(true);
        thread.start();
        return server;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    @Override
    public void close() {
        socket.close();
    }

    private void serve() {
        byte[] buffer = new byte[65535];
        while (!socket.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Optional<Message> response = respond(new Message(Arrays.copyOf(buffer, packet.getLength())));
                if (response.isPresent()) {
                    byte[] wire = response.get().toWire();
                    socket.send(new DatagramPacket(wire, wire.length, packet.getSocketAddress()));
                }
            } catch (IOException e) {
                // Closed socket ends the loop; an unparsable query is dropped like a real server would.
            }
        }
    }

    private Optional<Message> respond(Message query) throws TextParseException {
        Record question = query.getQuestion();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.RA);
        if (query.getHeader().getFlag(Flags.RD)) {
            response.getHeader().setFlag(Flags.RD);
        }
        response.addRecord(question, Section.QUESTION);
        Optional<RecordType> type = Arrays.stream(RecordType.values())
            .filter(t -> t.name().equals(Type.string(question.getType())))
            .findFirst();
        if (type.isEmpty()) {
            response.getHeader().setRcode(Rcode.NOTIMP);
            return Optional.of(response);
        }
        DnsAnswer answer = zone.lookup(question.getName().toString(), type.get());
        switch (answer.status()) {
            case FOUND -> {
                for (DnsRecord record : answer.records()) {
                    response.addRecord(toDnsJava(question.getName(), record), Section.ANSWER);
                }
            }
            case NXDOMAIN -> {
                response.getHeader().setRcode(Rcode.NXDOMAIN);
                response.addRecord(NEGATIVE_CACHING_SOA, Section.AUTHORITY);
            }
            case NODATA -> response.addRecord(NEGATIVE_CACHING_SOA, Section.AUTHORITY);
            case TEMPFAIL -> {
                if (answer.reason().equals("timeout")) {
                    return Optional.empty();
                }
                response.getHeader().setRcode(Rcode.SERVFAIL);
            }
        }
        return Optional.of(response);
    }

    private static Record toDnsJava(Name owner, DnsRecord record) throws TextParseException {
        if (record instanceof AddressRecord address) {
            return address.type() == RecordType.A
                ? new ARecord(owner, DClass.IN, TTL, address.address())
                : new AAAARecord(owner, DClass.IN, TTL, address.address());
        }
        if (record instanceof MxRecord mx) {
            return new MXRecord(owner, DClass.IN, TTL, mx.preference(), absolute(mx.exchange()));
        }
        if (record instanceof TextRecord text) {
            return new TXTRecord(owner, DClass.IN, TTL,
                Splitter.fixedLength(MAX_CHARACTER_STRING).splitToList(text.text()));
        }
        NameRecord name = (NameRecord) record;
        Name target = absolute(name.target());
        return switch (name.type()) {
            case PTR -> new PTRRecord(owner, DClass.IN, TTL, target);
            case CNAME -> new CNAMERecord(owner, DClass.IN, TTL, target);
            default -> new NSRecord(owner, DClass.IN, TTL, target);
        };
    }

    private static Name absolute(String name) throws TextParseException {
        return Name.fromString(name + ".");
    }
}
