package dev.stscreds.differential;

import dev.stscreds.differential.GeneratedCase.Feature;
import java.util.Optional;

/**
 * The differences from botocore that stscreds keeps on purpose, each with its reason (the README lists the
 * same). A difference that matches none of these fails the differential suite.
 */
enum DeliberateDifference {
    DUPLICATES_ARE_READ("botocore's INI reader refuses a whole file in which a key or a section is written twice;"
            + " stscreds reads it as the Java, Go and Rust SDKs do (the later key wins, sections merge) and warns"
    ) {
        @Override
        boolean matches(GeneratedCase c, Outcome botocore, Outcome stscreds) {
            return (c.has(Feature.DUPLICATE_KEY) || c.has(Feature.DUPLICATE_SECTION))
                    && !botocore.ok() && "ConfigParseError".equals(botocore.error());
        }
    },
    ENVIRONMENT_BEFORE_A_MISSING_PROFILE("with AWS_PROFILE naming a profile that does not exist, botocore fails"
            + " even when the environment holds keys or web identity (it reads the profile's settings before asking any"
            + " source); stscreds, like the Java and Go SDKs, takes the environment's, which come first in the chain") {
        @Override
        boolean matches(GeneratedCase c, Outcome botocore, Outcome stscreds) {
            return !botocore.ok() && "ProfileNotFound".equals(botocore.error()) && stscreds.ok()
                    && (stscreds.method().equals("env")
                            || (c.has(Feature.ENV_WEB_IDENTITY) && stscreds.method().equals("assume-role-with-web-identity")));
        }
    };

    private final String reason;

    DeliberateDifference(String reason) {
        this.reason = reason;
    }

    String reason() {
        return reason;
    }

    abstract boolean matches(GeneratedCase c, Outcome botocore, Outcome stscreds);

    static Optional<DeliberateDifference> explain(GeneratedCase c, Outcome botocore, Outcome stscreds) {
        for (DeliberateDifference d : values()) {
            if (d.matches(c, botocore, stscreds)) return Optional.of(d);
        }
        return Optional.empty();
    }
}
