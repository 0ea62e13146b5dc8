package dev.stscreds.vault.secretservice;

import java.io.IOException;

/** The bus sent something that is not valid D-Bus. */
class BusProtocolException extends IOException {
    BusProtocolException(String message) {
        super(message);
    }
}
