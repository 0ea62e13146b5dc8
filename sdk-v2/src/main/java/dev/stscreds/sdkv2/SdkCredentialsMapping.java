package dev.stscreds.sdkv2;

import dev.stscreds.Credentials;
import dev.stscreds.CredentialsException;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;

/** stscreds' credentials and errors in the SDK's types. */
final class SdkCredentialsMapping {
    private SdkCredentialsMapping() {}

    static AwsCredentials toSdk(Credentials c, String providerName) {
        if (c.sessionToken().isPresent()) {
            return AwsSessionCredentials.builder()
                    .accessKeyId(c.accessKeyId())
                    .secretAccessKey(c.secretAccessKey())
                    .sessionToken(c.sessionToken().get())
                    .expirationTime(c.expiration().orElse(null))
                    .accountId(c.accountId().orElse(null))
                    .providerName(providerName)
                    .build();
        }
        // Long-term keys have no expiry in the SDK's model: AwsBasicCredentials has no field for it.
        return AwsBasicCredentials.builder()
                .accessKeyId(c.accessKeyId())
                .secretAccessKey(c.secretAccessKey())
                .accountId(c.accountId().orElse(null))
                .providerName(providerName)
                .build();
    }

    /** The SDK's own exception, with stscreds' message and hint (neither holds a secret). */
    static SdkClientException failure(String source, CredentialsException e) {
        String message = "Unable to load credentials from stscreds (" + source + "): " + e.getMessage()
                + e.hint().map(h -> " Hint: " + h).orElse("");
        return SdkClientException.builder().message(message).cause(e).build();
    }
}
