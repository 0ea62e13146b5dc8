package dev.stscreds.sdkv2;

import software.amazon.awssdk.services.sts.StsClient;

/** The README's example, verbatim between the markers; {@link ReadmeExampleTest} runs it in a JVM of its own. */
public final class ReadmeExample {
    private ReadmeExample() {}

    public static void main(String[] args) {
        // README begin
        StsClient sts = StsClient.builder()
                .credentialsProvider(StscredsCredentialsProvider.profile("dev"))
                .build();
        // README end
        System.out.println(sts.getCallerIdentity().arn());
        sts.close();
    }
}
