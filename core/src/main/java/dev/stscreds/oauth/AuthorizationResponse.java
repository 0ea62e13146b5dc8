package dev.stscreds.oauth;

import dev.stscreds.CredentialsException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the browser brought back to the redirect URI: a {@code code} and the {@code state}, or an
 * OAuth {@code error}. {@link #toString()} never shows the code.
 */
public record AuthorizationResponse(Optional<String> code, Optional<String> state, Optional<String> error,
                                    Optional<String> errorDescription) {

    /**
     * The code, once the state is the one this login sent and no error came back.
     *
     * @param service names the service in errors, e.g. "the AWS sign-in service"
     * @param again   the command that starts over
     * @throws CredentialsException when the user refused, the state differs (a stale or forged redirect), or there is no code
     */
    public String codeFor(String expectedState, String service, String again) {
        if (error.isPresent()) {
            String what = error.get().equals("access_denied") ? "the sign-in was refused in the browser"
                    : "the sign-in failed at " + service;
            throw new CredentialsException(what + " (" + error.get() + errorDescription.map(d -> ": " + d).orElse("") + ")",
                    "run `" + again + "` again and allow the access");
        }
        if (state.isEmpty() || !MessageDigest.isEqual(state.get().getBytes(StandardCharsets.UTF_8),
                expectedState.getBytes(StandardCharsets.UTF_8))) {
            throw new CredentialsException("the answer that reached the sign-in redirect is not for this sign-in: its state"
                    + " does not match (a stale or replayed link, or another page posing as " + service + "); nothing was saved",
                    "run `" + again + "` again and complete it in the browser window it opens");
        }
        return code.filter(c -> !c.isEmpty()).orElseThrow(() -> new CredentialsException(
                service + " sent the browser back without an authorization code", "run `" + again + "` again"));
    }

    @Override
    public String toString() {
        return "AuthorizationResponse[code=" + (code.isPresent() ? "***" : "-") + ", state=" + state.orElse("-")
                + ", error=" + error.orElse("-") + "]";
    }
}
