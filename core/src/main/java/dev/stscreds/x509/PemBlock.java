package dev.stscreds.x509;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** One {@code -----BEGIN TYPE-----} … {@code -----END TYPE-----} block of a PEM file, decoded. */
record PemBlock(String type, byte[] der) {

    /** Every block in {@code text}, in order; headers such as {@code Proc-Type} are refused (legacy encrypted keys). */
    static List<PemBlock> parseAll(String text, String origin) {
        List<PemBlock> blocks = new ArrayList<>();
        String[] lines = text.split("\r?\n");
        String type = null;
        StringBuilder base64 = null;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (type == null) {
                if (line.startsWith("-----BEGIN ") && line.endsWith("-----")) {
                    type = line.substring(11, line.length() - 5);
                    base64 = new StringBuilder();
                }
                continue;
            }
            if (line.equals("-----END " + type + "-----")) {
                try {
                    blocks.add(new PemBlock(type, Base64.getMimeDecoder().decode(base64.toString())));
                } catch (IllegalArgumentException e) {
                    throw new X509Exception(origin + ": the " + type + " block ending on line " + (i + 1)
                            + " is not valid base64", "check that the file was copied whole");
                }
                type = null;
            } else if (line.contains(":")) {
                throw new X509Exception(origin + ": the " + type + " block has a header on line " + (i + 1)
                        + " (a legacy encrypted PEM key)", "convert it to PKCS#8: openssl pkcs8 -topk8 -in KEY -out KEY.p8");
            } else {
                base64.append(line);
            }
        }
        if (type != null) {
            throw new X509Exception(origin + ": the " + type + " block has no END line", "check that the file was copied whole");
        }
        return blocks;
    }

    /** True when the bytes look like PEM text rather than DER. */
    static boolean looksLikePem(byte[] bytes) {
        return new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.US_ASCII).contains("-----BEGIN ");
    }
}
