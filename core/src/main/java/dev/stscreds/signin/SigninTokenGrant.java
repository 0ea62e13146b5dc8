package dev.stscreds.signin;

import java.time.Duration;
import java.util.Optional;

/** The answer of the sign-in service's CreateOAuth2Token. {@link #toString()} shows no secret. */
public record SigninTokenGrant(String accessKeyId, String secretAccessKey, String sessionToken, String tokenType,
                               Duration expiresIn, String refreshToken, Optional<String> idToken) {
    @Override
    public String toString() {
        return "SigninTokenGrant[accessKeyId=" + dev.stscreds.Secrets.maskKeyId(accessKeyId) + ", secretAccessKey=***, "
                + "sessionToken=***, tokenType=" + tokenType + ", expiresIn=" + expiresIn + ", refreshToken=***, idToken="
                + (idToken.isPresent() ? "***" : "-") + "]";
    }
}
