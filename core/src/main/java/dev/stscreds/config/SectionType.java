package dev.stscreds.config;

/** What a section header introduces. */
enum SectionType {
    PROFILE("profile"),
    SSO_SESSION("sso-session"),
    SERVICES("services");

    private final String word;

    SectionType(String word) {
        this.word = word;
    }

    /** The header word ({@code profile}, {@code sso-session}, {@code services}). */
    String word() {
        return word;
    }

    /** {@code profile 'dev'}, for messages. */
    String describe(String name) {
        return word + " '" + name + "'";
    }
}
