package dev.stscreds.vault.secretservice;

import java.io.IOException;

/** The user closed the keyring's unlock (or confirm) dialog. */
class PromptDismissedException extends IOException {
    PromptDismissedException(String message) {
        super(message);
    }
}
