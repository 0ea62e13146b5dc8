package dev.stscreds.vault.secretservice;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmarshals D-Bus wire data (either byte order) into the Java values {@link WireWriter} takes.
 * Every length is checked against the data, so malformed input gives a {@link BusProtocolException},
 * never an endless loop or a huge allocation.
 */
final class WireReader {
    private static final int MAX_DEPTH = 64;

    private final ByteBuffer data;
    private final int origin;

    /** @param origin the offset in {@code data} from which alignment is counted (a message start) */
    WireReader(byte[] data, int origin, ByteOrder order) {
        this.data = ByteBuffer.wrap(data).order(order);
        this.origin = origin;
    }

    void seek(int offset) {
        data.position(offset);
    }

    int position() {
        return data.position();
    }

    /** Reads one value per complete type of {@code signature}. */
    List<Object> read(String signature) throws BusProtocolException {
        List<Object> values = new ArrayList<>();
        try {
            for (String type : Signatures.split(signature)) values.add(read(type, 0));
        } catch (IllegalArgumentException e) {
            throw new BusProtocolException("bad signature: " + e.getMessage());
        }
        return values;
    }

    void align(int boundary) throws BusProtocolException {
        int misalignment = (data.position() - origin) % boundary;
        if (misalignment != 0) skip(boundary - misalignment);
    }

    private Object read(String type, int depth) throws BusProtocolException {
        if (depth > MAX_DEPTH) throw new BusProtocolException("values nested deeper than " + MAX_DEPTH);
        char code = type.charAt(0);
        align(Signatures.alignment(code));
        switch (code) {
            case 'y': need(1); return data.get();
            case 'b': {
                need(4);
                int v = data.getInt();
                if (v != 0 && v != 1) throw new BusProtocolException("boolean is " + v);
                return v == 1;
            }
            case 'n': case 'q': need(2); return data.getShort();
            case 'i': case 'u': case 'h': need(4); return data.getInt();
            case 'x': case 't': need(8); return data.getLong();
            case 'd': need(8); return data.getDouble();
            case 's': case 'o': need(4); return readString(data.getInt());
            case 'g': return readSignature();
            case 'v': {
                String signature = readSignature();
                if (Signatures.split(signature).size() != 1) {
                    throw new BusProtocolException("variant signature is not one type: " + signature);
                }
                return new Variant(signature, read(signature, depth + 1));
            }
            case 'a': return readArray(type.substring(1), depth);
            case '(': {
                List<Object> fields = new ArrayList<>();
                for (String member : Signatures.members(type)) fields.add(read(member, depth + 1));
                return fields;
            }
            default: throw new BusProtocolException("cannot read type " + type);
        }
    }

    private Object readArray(String elementType, int depth) throws BusProtocolException {
        need(4);
        long length = data.getInt() & 0xffffffffL;
        align(Signatures.alignment(elementType.charAt(0)));
        if (length > data.remaining()) throw new BusProtocolException("array of " + length + " bytes runs past the end");
        int end = data.position() + (int) length;
        if (elementType.equals("y")) {
            byte[] bytes = new byte[(int) length];
            data.get(bytes);
            return bytes;
        }
        if (elementType.charAt(0) == '{') {
            List<String> members = Signatures.members(elementType);
            Map<Object, Object> map = new LinkedHashMap<>();
            while (data.position() < end) {
                align(8);
                Object key = read(members.get(0), depth + 1);
                map.put(key, read(members.get(1), depth + 1));
            }
            checkEnd(end);
            return map;
        }
        List<Object> list = new ArrayList<>();
        while (data.position() < end) list.add(read(elementType, depth + 1));
        checkEnd(end);
        return list;
    }

    private void checkEnd(int end) throws BusProtocolException {
        if (data.position() != end) throw new BusProtocolException("array elements overrun the array's length");
    }

    private String readString(int length) throws BusProtocolException {
        if (length < 0 || length >= data.remaining()) throw new BusProtocolException("string runs past the end");
        byte[] bytes = new byte[length];
        data.get(bytes);
        if (data.get() != 0) throw new BusProtocolException("string is not nul-terminated");
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private String readSignature() throws BusProtocolException {
        need(1);
        int length = data.get() & 0xff;
        need(length + 1);
        byte[] bytes = new byte[length];
        data.get(bytes);
        if (data.get() != 0) throw new BusProtocolException("signature is not nul-terminated");
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private void skip(int n) throws BusProtocolException {
        need(n);
        data.position(data.position() + n);
    }

    private void need(int n) throws BusProtocolException {
        if (data.remaining() < n) throw new BusProtocolException("message ends early");
    }
}
