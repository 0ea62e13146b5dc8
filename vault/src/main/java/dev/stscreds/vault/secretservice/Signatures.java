package dev.stscreds.vault.secretservice;

import java.util.ArrayList;
import java.util.List;

/** D-Bus type signatures: splitting into complete types, and the alignment of each type. */
final class Signatures {
    private Signatures() {}

    /** The complete types of a signature, e.g. {@code "a{sv}ob"} → {@code [a{sv}, o, b]}. */
    static List<String> split(String signature) {
        List<String> types = new ArrayList<>();
        int i = 0;
        while (i < signature.length()) {
            int end = end(signature, i);
            types.add(signature.substring(i, end));
            i = end;
        }
        return types;
    }

    /** The index just after the complete type that starts at {@code start}. */
    static int end(String signature, int start) {
        if (start >= signature.length()) throw new IllegalArgumentException("signature ends inside a type: " + signature);
        char c = signature.charAt(start);
        switch (c) {
            case 'a':
                return end(signature, start + 1);
            case '(':
            case '{': {
                char close = c == '(' ? ')' : '}';
                int i = start + 1;
                while (i < signature.length() && signature.charAt(i) != close) i = end(signature, i);
                if (i >= signature.length()) throw new IllegalArgumentException("unclosed " + c + " in " + signature);
                return i + 1;
            }
            case 'y': case 'b': case 'n': case 'q': case 'i': case 'u': case 'x': case 't':
            case 'd': case 's': case 'o': case 'g': case 'v': case 'h':
                return start + 1;
            default:
                throw new IllegalArgumentException("unknown type '" + c + "' in signature " + signature);
        }
    }

    /** Where values of a type start: a multiple of this many bytes from the message start. */
    static int alignment(char type) {
        switch (type) {
            case 'y': case 'g': case 'v': return 1;
            case 'n': case 'q': return 2;
            case 'x': case 't': case 'd': case '(': case '{': return 8;
            default: return 4; // b i u s o a h
        }
    }

    /** The types inside a struct or dict entry type, e.g. {@code "{sv}"} → {@code [s, v]}. */
    static List<String> members(String containerType) {
        return split(containerType.substring(1, containerType.length() - 1));
    }
}
