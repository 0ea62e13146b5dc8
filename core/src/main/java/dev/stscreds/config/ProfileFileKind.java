package dev.stscreds.config;

/**
 * The two kinds of profile file. They differ in how a profile section is named: {@code [profile NAME]}
 * in the config file, {@code [NAME]} in the credentials file ({@code [default]} in both).
 */
public enum ProfileFileKind {
    CONFIG("config file"),
    CREDENTIALS("credentials file");

    private final String description;

    ProfileFileKind(String description) {
        this.description = description;
    }

    /** "config file" or "credentials file", for messages. */
    public String description() {
        return description;
    }

    /** The section header of a profile in this kind of file. */
    public String profileHeader(String profileName) {
        return this == CONFIG && !profileName.equals("default") ? "[profile " + profileName + "]" : "[" + profileName + "]";
    }
}
