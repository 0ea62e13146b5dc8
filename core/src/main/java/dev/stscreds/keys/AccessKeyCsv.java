package dev.stscreds.keys;

import dev.stscreds.files.BoundedFileReader;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the access-key CSV the IAM console offers for download: a header with
 * {@code Access key ID} and {@code Secret access key} columns (older files also have
 * {@code User name}, {@code Password}, {@code Console login link}), then one row.
 */
public final class AccessKeyCsv {
    private AccessKeyCsv() {}

    public static Credentials read(Path file) {
        List<String> lines;
        try {
            lines = BoundedFileReader.readString(file, BoundedFileReader.DOCUMENT_LIMIT).lines().collect(java.util.stream.Collectors.toCollection(java.util.ArrayList::new));
        } catch (IOException e) {
            throw new CredentialsException("could not read " + file + ": " + e.getMessage(),
                    "give the path of the CSV file the IAM console downloaded");
        }
        lines.removeIf(String::isBlank);
        if (lines.size() < 2) {
            throw new CredentialsException(file + " has no key row under its header",
                    "download the access key's CSV file from the IAM console again");
        }
        List<String> header = fields(stripBom(lines.get(0)));
        int idColumn = column(header, "access key id", file);
        int secretColumn = column(header, "secret access key", file);
        List<String> row = fields(lines.get(1));
        if (row.size() <= Math.max(idColumn, secretColumn)) {
            throw new CredentialsException(file + ":2 has fewer columns than its header", null);
        }
        return Keys.longTerm(row.get(idColumn), row.get(secretColumn), "IAM console CSV " + file);
    }

    private static int column(List<String> header, String name, Path file) {
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).trim().toLowerCase(Locale.ROOT).equals(name)) return i;
        }
        throw new CredentialsException(file + ":1 has no \"" + name + "\" column",
                "this is not an access-key CSV from the IAM console");
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** Splits one CSV line; fields may be quoted with {@code "} and hold {@code ""}. */
    static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        out.add(f.toString());
        return out;
    }
}
