package dev.stscreds.resolve;

import dev.stscreds.config.Property;
import dev.stscreds.config.ProfileFileException;
import java.util.Locale;

/** The values of a profile's {@code credential_source} key (SPEC §3). */
public enum CredentialSource {
    ENVIRONMENT("Environment"),
    EC2_INSTANCE_METADATA("Ec2InstanceMetadata"),
    ECS_CONTAINER("EcsContainer");

    private final String profileValue;

    CredentialSource(String profileValue) {
        this.profileValue = profileValue;
    }

    /** The value as written in a profile. */
    public String profileValue() {
        return profileValue;
    }

    /** Reads the key's value, case-insensitively; anything else is an error naming file:line. */
    static CredentialSource from(Property property) {
        String v = property.value().trim().toLowerCase(Locale.ROOT);
        for (CredentialSource s : values()) {
            if (s.profileValue.toLowerCase(Locale.ROOT).equals(v)) return s;
        }
        throw new ProfileFileException(property.location(),
                "credential_source = " + property.value() + " is not a known source",
                "use Environment, Ec2InstanceMetadata or EcsContainer");
    }
}
