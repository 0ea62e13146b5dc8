package dev.stscreds.config;

import java.util.Optional;

/**
 * A setting read from a JVM system property and/or an environment variable (SPEC §1).
 * The system property wins over the environment variable; an empty value counts as unset.
 */
public enum Setting {
    ACCESS_KEY_ID("aws.accessKeyId", "AWS_ACCESS_KEY_ID"),
    SECRET_ACCESS_KEY("aws.secretAccessKey", "AWS_SECRET_ACCESS_KEY"),
    SESSION_TOKEN("aws.sessionToken", "AWS_SESSION_TOKEN"),
    CREDENTIAL_EXPIRATION(null, "AWS_CREDENTIAL_EXPIRATION"),
    ACCOUNT_ID("aws.accountId", "AWS_ACCOUNT_ID"),
    PROFILE("aws.profile", "AWS_PROFILE"),
    CONFIG_FILE("aws.configFile", "AWS_CONFIG_FILE"),
    SHARED_CREDENTIALS_FILE("aws.sharedCredentialsFile", "AWS_SHARED_CREDENTIALS_FILE"),
    REGION("aws.region", "AWS_REGION"),
    DEFAULT_REGION(null, "AWS_DEFAULT_REGION"),
    WEB_IDENTITY_TOKEN_FILE("aws.webIdentityTokenFile", "AWS_WEB_IDENTITY_TOKEN_FILE"),
    ROLE_ARN("aws.roleArn", "AWS_ROLE_ARN"),
    ROLE_SESSION_NAME("aws.roleSessionName", "AWS_ROLE_SESSION_NAME"),
    CONTAINER_CREDENTIALS_RELATIVE_URI("aws.containerCredentialsPath", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"),
    CONTAINER_CREDENTIALS_FULL_URI("aws.containerCredentialsFullUri", "AWS_CONTAINER_CREDENTIALS_FULL_URI"),
    CONTAINER_AUTHORIZATION_TOKEN("aws.containerAuthorizationToken", "AWS_CONTAINER_AUTHORIZATION_TOKEN"),
    CONTAINER_AUTHORIZATION_TOKEN_FILE("aws.containerAuthorizationTokenFile", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"),
    EC2_METADATA_DISABLED("aws.disableEc2Metadata", "AWS_EC2_METADATA_DISABLED"),
    EC2_METADATA_SERVICE_ENDPOINT("aws.ec2MetadataServiceEndpoint", "AWS_EC2_METADATA_SERVICE_ENDPOINT"),
    EC2_METADATA_SERVICE_ENDPOINT_MODE("aws.ec2MetadataServiceEndpointMode", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE"),
    EC2_METADATA_V1_DISABLED("aws.disableEc2MetadataV1", "AWS_EC2_METADATA_V1_DISABLED"),
    METADATA_SERVICE_TIMEOUT(null, "AWS_METADATA_SERVICE_TIMEOUT"),
    METADATA_SERVICE_NUM_ATTEMPTS(null, "AWS_METADATA_SERVICE_NUM_ATTEMPTS"),
    STS_REGIONAL_ENDPOINTS(null, "AWS_STS_REGIONAL_ENDPOINTS"),
    ENDPOINT_URL(null, "AWS_ENDPOINT_URL");

    private final String systemProperty;
    private final String environmentVariable;

    Setting(String systemProperty, String environmentVariable) {
        this.systemProperty = systemProperty;
        this.environmentVariable = environmentVariable;
    }

    /** The JVM system property, if this setting has one. */
    public Optional<String> systemProperty() {
        return Optional.ofNullable(systemProperty);
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    /** How a user would name it in a message: {@code aws.region / AWS_REGION}. */
    public String displayName() {
        return systemProperty == null ? environmentVariable : systemProperty + " / " + environmentVariable;
    }
}
