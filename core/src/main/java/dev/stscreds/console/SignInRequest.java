package dev.stscreds.console;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a console sign-in may change: the federation endpoint (default: the one of the region's
 * partition), the page to open (default: the region's console home), and how long the console
 * session lasts (900 s to 12 h; default: AWS's, see {@link ConsoleSignIn}).
 */
public record SignInRequest(Optional<URI> federationEndpoint, Optional<URI> destination, Optional<Duration> duration) {
    public static final SignInRequest DEFAULTS = new SignInRequest(Optional.empty(), Optional.empty(), Optional.empty());

    public SignInRequest {
        Objects.requireNonNull(federationEndpoint);
        Objects.requireNonNull(destination);
        Objects.requireNonNull(duration);
    }

    public SignInRequest withFederationEndpoint(URI endpoint) {
        return new SignInRequest(Optional.ofNullable(endpoint), destination, duration);
    }

    public SignInRequest withDestination(URI page) {
        return new SignInRequest(federationEndpoint, Optional.ofNullable(page), duration);
    }

    public SignInRequest withDuration(Duration d) {
        return new SignInRequest(federationEndpoint, destination, Optional.ofNullable(d));
    }
}
