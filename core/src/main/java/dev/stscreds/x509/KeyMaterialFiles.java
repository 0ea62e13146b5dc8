package dev.stscreds.x509;

import dev.stscreds.files.BoundedFileReader;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads certificate and key files through {@link BoundedFileReader}: regular files only, at most {@value #MAX_BYTES} bytes. */
final class KeyMaterialFiles {
    /** Certificates, chains and keys are a few KiB; a bundle of a hundred certificates fits. */
    static final int MAX_BYTES = 1 << 20;

    private KeyMaterialFiles() {
    }

    static byte[] read(Path file, String what) {
        try {
            return BoundedFileReader.read(file, MAX_BYTES);
        } catch (NoSuchFileException e) {
            throw new X509Exception("the " + what + " " + file + " does not exist", "check the path");
        } catch (BoundedFileReader.UnreadableFileException e) {
            String problem = e.getReason().endsWith("not a regular file") ? "is not a regular file (" + e.getReason() + ")"
                    : "is larger than 1 MiB";
            throw new X509Exception("the " + what + " " + file + " " + problem,
                    "point the setting at the " + what + " file itself");
        } catch (IOException e) {
            throw new X509Exception("could not read the " + what + " " + file + ": " + e.getClass().getSimpleName(),
                    "check that it is a readable file", e);
        }
    }
}
