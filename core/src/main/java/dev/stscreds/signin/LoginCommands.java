package dev.stscreds.signin;

/** The command that signs a profile in again, for hints. */
final class LoginCommands {
    private LoginCommands() {}

    static String login(String profile) {
        return profile.equals("default") ? "stscreds login" : "stscreds login --profile " + profile;
    }
}
