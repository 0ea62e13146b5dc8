package dev.stscreds.x509;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/** Reads certificate and key files: regular files only, at most {@value #MAX_BYTES} bytes. */
final class KeyMaterialFiles {
    /** Certificates, chains and keys are a few KiB; a bundle of a hundred certificates fits. */
    static final int MAX_BYTES = 1 << 20;

    private KeyMaterialFiles() {
    }

    static byte[] read(Path file, String what) {
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            if (!a.isRegularFile()) {
                throw new X509Exception("the " + what + " " + file + " is not a regular file",
                        "point the setting at the " + what + " file itself");
            }
            if (a.size() > MAX_BYTES) {
                throw new X509Exception("the " + what + " " + file + " is larger than 1 MiB",
                        "point the setting at the " + what + " file itself");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(MAX_BYTES + 1);
                if (bytes.length > MAX_BYTES) {
                    throw new X509Exception("the " + what + " " + file + " is larger than 1 MiB",
                            "point the setting at the " + what + " file itself");
                }
                return bytes;
            }
        } catch (NoSuchFileException e) {
            throw new X509Exception("the " + what + " " + file + " does not exist", "check the path");
        } catch (IOException e) {
            throw new X509Exception("could not read the " + what + " " + file + ": " + e.getClass().getSimpleName(),
                    "check that it is a readable file", e);
        }
    }
}
