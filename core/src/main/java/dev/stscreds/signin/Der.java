package dev.stscreds.signin;

import java.math.BigInteger;
import java.util.Arrays;

/** Just enough DER to read a SEC1 EC private key: definite lengths, a handful of tags. */
final class Der {
    private Der() {}

    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static final class Reader {
        private final byte[] bytes;
        private int at;
        private final int end;

        Reader(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Reader(byte[] bytes, int from, int end) {
            this.bytes = bytes;
            this.at = from;
            this.end = end;
        }

        boolean hasMore() {
            return at < end;
        }

        int peekTag() {
            if (at >= end) throw new Malformed("unexpected end");
            return bytes[at] & 0xff;
        }

        Reader sequence() {
            return adopt(element(0x30));
        }

        Reader tagged() {
            return adopt(element(peekTag()));
        }

        BigInteger integer() {
            int[] e = element(0x02);
            return new BigInteger(Arrays.copyOfRange(bytes, e[0], e[1]));
        }

        byte[] octetString() {
            int[] e = element(0x04);
            return Arrays.copyOfRange(bytes, e[0], e[1]);
        }

        /** A BIT STRING with no unused bits. */
        byte[] bitString() {
            int[] e = element(0x03);
            if (e[1] - e[0] < 1 || bytes[e[0]] != 0) throw new Malformed("bit string with unused bits");
            return Arrays.copyOfRange(bytes, e[0] + 1, e[1]);
        }

        byte[] rest() {
            byte[] out = Arrays.copyOfRange(bytes, at, end);
            at = end;
            return out;
        }

        private Reader adopt(int[] span) {
            return new Reader(bytes, span[0], span[1]);
        }

        /** Reads one element of the tag; returns its content's [start, end). */
        private int[] element(int tag) {
            if (at + 2 > end) throw new Malformed("unexpected end");
            if ((bytes[at] & 0xff) != tag) throw new Malformed("expected tag 0x" + Integer.toHexString(tag));
            at++;
            int length = bytes[at++] & 0xff;
            if (length >= 0x80) {
                int count = length & 0x7f;
                if (count == 0 || count > 3 || at + count > end) throw new Malformed("bad length");
                length = 0;
                for (int i = 0; i < count; i++) length = (length << 8) | (bytes[at++] & 0xff);
            }
            if (at + length > end) throw new Malformed("length past the end");
            int[] span = {at, at + length};
            at += length;
            return span;
        }
    }
}
