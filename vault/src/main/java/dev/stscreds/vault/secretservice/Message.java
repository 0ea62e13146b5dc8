package dev.stscreds.vault.secretservice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One D-Bus message: the fixed header, the header fields, and a body. */
final class Message {
    static final byte METHOD_CALL = 1;
    static final byte METHOD_RETURN = 2;
    static final byte ERROR = 3;
    static final byte SIGNAL = 4;
    /** The fixed part of the header plus the header-fields array length. */
    static final int PREFIX_LENGTH = 16;
    private static final int MAX_LENGTH = 1 << 26;

    private static final byte FIELD_PATH = 1;
    private static final byte FIELD_INTERFACE = 2;
    private static final byte FIELD_MEMBER = 3;
    private static final byte FIELD_ERROR_NAME = 4;
    private static final byte FIELD_REPLY_SERIAL = 5;
    private static final byte FIELD_DESTINATION = 6;
    private static final byte FIELD_SIGNATURE = 8;

    private final byte type;
    private final int serial;
    private final Map<Byte, Object> fields;
    private final List<Object> body;

    private Message(byte type, int serial, Map<Byte, Object> fields, List<Object> body) {
        this.type = type;
        this.serial = serial;
        this.fields = fields;
        this.body = body;
    }

    static Message methodCall(int serial, String destination, String path, String iface, String member,
            String signature, List<Object> args) {
        Map<Byte, Object> fields = new TreeMap<>();
        fields.put(FIELD_PATH, new Variant("o", path));
        fields.put(FIELD_INTERFACE, new Variant("s", iface));
        fields.put(FIELD_MEMBER, new Variant("s", member));
        if (destination != null) fields.put(FIELD_DESTINATION, new Variant("s", destination));
        if (!signature.isEmpty()) fields.put(FIELD_SIGNATURE, new Variant("g", signature));
        return new Message(METHOD_CALL, serial, fields, args);
    }

    byte type() {
        return type;
    }

    int serial() {
        return serial;
    }

    List<Object> body() {
        return body;
    }

    String path() {
        return field(FIELD_PATH);
    }

    String iface() {
        return field(FIELD_INTERFACE);
    }

    String member() {
        return field(FIELD_MEMBER);
    }

    String errorName() {
        return field(FIELD_ERROR_NAME);
    }

    /** The serial of the call this message answers; 0 when it answers none. */
    int replySerial() {
        Integer reply = field(FIELD_REPLY_SERIAL);
        return reply == null ? 0 : reply;
    }

    String signature() {
        String signature = field(FIELD_SIGNATURE);
        return signature == null ? "" : signature;
    }

    @SuppressWarnings("unchecked")
    private <T> T field(byte code) {
        Variant v = (Variant) fields.get(code);
        return v == null ? null : (T) v.value();
    }

    /** The message's bytes, little-endian. The body writer is wiped: a body may carry a secret. */
    byte[] encode() {
        WireWriter bodyWriter = new WireWriter().write(signature(), body);
        byte[] bodyBytes = bodyWriter.toByteArray();
        bodyWriter.wipe();
        List<Object> fieldList = new ArrayList<>();
        fields.forEach((code, value) -> fieldList.add(List.of(code, value)));
        WireWriter header = new WireWriter().write("yyyyuua(yv)",
                List.of((byte) 'l', type, (byte) 0, (byte) 1, bodyBytes.length, serial, fieldList));
        header.align(8);
        byte[] headerBytes = header.toByteArray();
        byte[] whole = new byte[headerBytes.length + bodyBytes.length];
        System.arraycopy(headerBytes, 0, whole, 0, headerBytes.length);
        System.arraycopy(bodyBytes, 0, whole, headerBytes.length, bodyBytes.length);
        Arrays.fill(bodyBytes, (byte) 0);
        return whole;
    }

    /** The length of a whole message from its first {@link #PREFIX_LENGTH} bytes. */
    static int totalLength(byte[] prefix) throws BusProtocolException {
        ByteBuffer b = ByteBuffer.wrap(prefix).order(byteOrder(prefix[0]));
        long bodyLength = b.getInt(4) & 0xffffffffL;
        long fieldsLength = b.getInt(12) & 0xffffffffL;
        long headerLength = PREFIX_LENGTH + fieldsLength;
        long total = headerLength + (8 - headerLength % 8) % 8 + bodyLength;
        if (total > MAX_LENGTH) throw new BusProtocolException("message of " + total + " bytes is too long");
        return (int) total;
    }

    static Message decode(byte[] bytes) throws BusProtocolException {
        ByteOrder order = byteOrder(bytes[0]);
        WireReader reader = new WireReader(bytes, 0, order);
        List<Object> fixed = reader.read("yyyyuua(yv)");
        if ((Byte) fixed.get(3) != 1) throw new BusProtocolException("protocol version " + fixed.get(3));
        Map<Byte, Object> fields = new TreeMap<>();
        for (Object f : (List<?>) fixed.get(6)) {
            List<?> field = (List<?>) f;
            fields.put((Byte) field.get(0), field.get(1));
        }
        reader.align(8);
        Message partial = new Message((Byte) fixed.get(1), (Integer) fixed.get(5), fields, List.of());
        List<Object> body = reader.read(partial.signature());
        if (reader.position() != bytes.length) throw new BusProtocolException("body is longer than its signature");
        return new Message(partial.type, partial.serial, fields, body);
    }

    private static ByteOrder byteOrder(byte marker) throws BusProtocolException {
        if (marker == 'l') return ByteOrder.LITTLE_ENDIAN;
        if (marker == 'B') return ByteOrder.BIG_ENDIAN;
        throw new BusProtocolException("unknown byte order marker " + marker);
    }

    @Override
    public String toString() {
        return "Message[type=" + type + ", serial=" + serial + ", " + iface() + "." + member() + "]";
    }
}
