package dev.stscreds.wire;

import dev.stscreds.CredentialsException;

/** A document that should have been JSON of a given shape was not. The message names the document. */
public class JsonFormatException extends CredentialsException {
    public JsonFormatException(String message) {
        super(message);
    }
}
