package dev.stscreds.x509;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough ASN.1 DER to turn the key forms the JDK cannot read (PKCS#1 RSA keys, SEC1 EC keys)
 * into the PKCS#8 form it can: read one element, walk a sequence, write a sequence.
 */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OID = 0x06;
    static final int SEQUENCE = 0x30;

    /** One element: its tag, and where its content lies in {@code data}. */
    record Element(int tag, byte[] data, int start, int contentStart, int end) {
        byte[] content() {
            byte[] out = new byte[end - contentStart];
            System.arraycopy(data, contentStart, out, 0, out.length);
            return out;
        }

        /** The whole element, tag and length included. */
        byte[] encoded() {
            byte[] out = new byte[end - start];
            System.arraycopy(data, start, out, 0, out.length);
            return out;
        }

        /** The elements inside a constructed element. */
        List<Element> children() {
            List<Element> out = new ArrayList<>();
            int at = contentStart;
            while (at < end) {
                Element e = read(data, at, end);
                out.add(e);
                at = e.end();
            }
            return out;
        }
    }

    private Der() {
    }

    /** The element at {@code at}; {@link IllegalArgumentException} when the bytes are not DER. */
    static Element read(byte[] data, int at, int limit) {
        if (at + 2 > limit) throw new IllegalArgumentException("truncated DER");
        int tag = data[at] & 0xff;
        int lengthByte = data[at + 1] & 0xff;
        int contentStart = at + 2;
        long length;
        if (lengthByte < 0x80) {
            length = lengthByte;
        } else {
            int count = lengthByte & 0x7f;
            if (count == 0 || count > 4 || contentStart + count > limit) throw new IllegalArgumentException("bad DER length");
            length = 0;
            for (int i = 0; i < count; i++) length = (length << 8) | (data[contentStart + i] & 0xff);
            contentStart += count;
        }
        if (length > limit - contentStart) throw new IllegalArgumentException("DER element runs past its end");
        int contentEnd = contentStart + (int) length;
        return new Element(tag, data, at, contentStart, contentEnd);
    }

    /** The whole of {@code data} as one element. */
    static Element readWhole(byte[] data) {
        Element e = read(data, 0, data.length);
        if (e.end() != data.length) throw new IllegalArgumentException("bytes after the DER element");
        return e;
    }

    static byte[] sequence(byte[]... parts) {
        return tagged(SEQUENCE, concat(parts));
    }

    static byte[] tagged(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 6);
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else if (n < 0x100) {
            out.write(0x81);
            out.write(n);
        } else if (n < 0x10000) {
            out.write(0x82);
            out.write(n >> 8);
            out.write(n);
        } else {
            out.write(0x83);
            out.write(n >> 16);
            out.write(n >> 8);
            out.write(n);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
