package dev.stscreds;

/** Masking of secret and semi-secret values for messages, logs and explanations. */
public final class Secrets {
    private Secrets() {}

    /** {@code AKIAIOSFODNN7EXAMPLE} → {@code AKIA…MPLE}; short or null values are masked whole. */
    public static String maskKeyId(String accessKeyId) {
        if (accessKeyId == null) return "null";
        if (accessKeyId.length() < 12) return "****";
        return accessKeyId.substring(0, 4) + "…" + accessKeyId.substring(accessKeyId.length() - 4);
    }

    /** A secret is never shown, only whether it is there. */
    public static String maskSecret(String secret) {
        return secret == null || secret.isEmpty() ? "(empty)" : "****";
    }
}
