package dev.stscreds.vault.secretservice;

import java.io.IOException;

/** The bus or a service did not answer before the deadline. */
class BusTimeoutException extends IOException {
    BusTimeoutException(String message) {
        super(message);
    }
}
