package dev.stscreds.prompt;

/** One way of asking the user: a terminal, a desktop dialog, a YubiKey, a password manager. */
public interface PromptDriver {
    /** The name {@code STSCREDS_PROMPT} and {@code --prompt} choose it by, e.g. {@code zenity}. */
    String name();

    /**
     * The answer, fresh array (the caller wipes it).
     *
     * @throws InputNeededException when this driver cannot reach the user
     * @throws dev.stscreds.CredentialsException when the user cancelled or the program failed
     */
    char[] ask(Question question);
}
