package dev.stscreds.vault.secretservice;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Marshals values into the D-Bus wire format, little-endian. Java values by type: {@code y} Byte,
 * {@code b} Boolean, {@code n q} Short, {@code i u} Integer, {@code x t} Long, {@code d} Double,
 * {@code s o g} String, {@code v} {@link Variant}, {@code ay} byte[], {@code a{..}} Map, other
 * arrays List, structs List.
 *
 * <p>Alignment is counted from the first byte written, so a writer must start at a message start
 * or at an 8-aligned offset of it (where a message body starts).
 */
final class WireWriter {
    private static final int MAX_ARRAY_LENGTH = 1 << 26;

    private byte[] buffer = new byte[256];
    private int position;

    /** Writes values, one per complete type of {@code signature}. */
    WireWriter write(String signature, List<?> values) {
        List<String> types = Signatures.split(signature);
        if (types.size() != values.size()) {
            throw new IllegalArgumentException(types.size() + " types in " + signature + " but " + values.size() + " values");
        }
        for (int i = 0; i < types.size(); i++) write(types.get(i), values.get(i));
        return this;
    }

    void align(int boundary) {
        while (position % boundary != 0) put((byte) 0);
    }

    int position() {
        return position;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    /** Overwrites the buffer with zeros: it may have held a secret. */
    void wipe() {
        Arrays.fill(buffer, (byte) 0);
    }

    private void write(String type, Object value) {
        char code = type.charAt(0);
        align(Signatures.alignment(code));
        switch (code) {
            case 'y': put(((Number) value).byteValue()); break;
            case 'b': putInt((Boolean) value ? 1 : 0); break;
            case 'n': case 'q': putShort(((Number) value).shortValue()); break;
            case 'i': case 'u': case 'h': putInt(((Number) value).intValue()); break;
            case 'x': case 't': putLong(((Number) value).longValue()); break;
            case 'd': putLong(Double.doubleToRawLongBits((Double) value)); break;
            case 's': case 'o': writeString((String) value); break;
            case 'g': writeSignature((String) value); break;
            case 'v': {
                Variant variant = (Variant) value;
                writeSignature(variant.signature());
                write(variant.signature(), variant.value());
                break;
            }
            case 'a': writeArray(type.substring(1), value); break;
            case '(': {
                List<String> members = Signatures.members(type);
                List<?> fields = (List<?>) value;
                if (fields.size() != members.size()) throw new IllegalArgumentException("struct " + type + " needs "
                        + members.size() + " fields, not " + fields.size());
                for (int i = 0; i < members.size(); i++) write(members.get(i), fields.get(i));
                break;
            }
            default: throw new IllegalArgumentException("cannot write type " + type);
        }
    }

    private void writeArray(String elementType, Object value) {
        int lengthAt = position;
        putInt(0);
        align(Signatures.alignment(elementType.charAt(0)));
        int start = position;
        if (elementType.equals("y")) {
            for (byte b : (byte[]) value) put(b);
        } else if (elementType.charAt(0) == '{') {
            List<String> members = Signatures.members(elementType);
            for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
                align(8);
                write(members.get(0), entry.getKey());
                write(members.get(1), entry.getValue());
            }
        } else {
            for (Object element : (List<?>) value) write(elementType, element);
        }
        int length = position - start;
        if (length > MAX_ARRAY_LENGTH) throw new IllegalArgumentException("array too long: " + length + " bytes");
        putIntAt(lengthAt, length);
    }

    private void writeString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        putInt(utf8.length);
        for (byte b : utf8) put(b);
        put((byte) 0);
    }

    private void writeSignature(String signature) {
        byte[] ascii = signature.getBytes(StandardCharsets.US_ASCII);
        if (ascii.length > 255) throw new IllegalArgumentException("signature longer than 255 bytes");
        put((byte) ascii.length);
        for (byte b : ascii) put(b);
        put((byte) 0);
    }

    private void put(byte b) {
        if (position == buffer.length) {
            byte[] bigger = Arrays.copyOf(buffer, buffer.length * 2);
            wipe();
            buffer = bigger;
        }
        buffer[position++] = b;
    }

    private void putShort(short v) {
        put((byte) v);
        put((byte) (v >>> 8));
    }

    private void putInt(int v) {
        for (int i = 0; i < 4; i++) put((byte) (v >>> (8 * i)));
    }

    private void putLong(long v) {
        for (int i = 0; i < 8; i++) put((byte) (v >>> (8 * i)));
    }

    private void putIntAt(int at, int v) {
        for (int i = 0; i < 4; i++) buffer[at + i] = (byte) (v >>> (8 * i));
    }
}
