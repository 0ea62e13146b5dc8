package dev.stscreds.vault.secretservice;

import java.util.Objects;

/** A D-Bus variant: a value with its own single-type signature. */
final class Variant {
    private final String signature;
    private final Object value;

    Variant(String signature, Object value) {
        this.signature = Objects.requireNonNull(signature, "signature");
        this.value = Objects.requireNonNull(value, "value");
    }

    String signature() {
        return signature;
    }

    Object value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Variant && ((Variant) o).signature.equals(signature) && ((Variant) o).value.equals(value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(signature, value);
    }

    @Override
    public String toString() {
        return "Variant[" + signature + "]";
    }
}
