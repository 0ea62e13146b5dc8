package dev.stscreds.console;

import java.net.URI;
import java.util.Optional;

/** The federation endpoint and console home of the partition a region is in. */
final class SigninEndpoints {
    private SigninEndpoints() {}

    static URI federation(Optional<String> region) {
        return URI.create("https://" + signinHost(region.orElse("")) + "/federation");
    }

    /** The console home of the region ({@code https://REGION.console.aws.amazon.com/console/home?region=REGION}), or the global one. */
    static URI consoleHome(Optional<String> region) {
        if (region.isEmpty() || !region.get().matches("[a-z0-9-]+")) return URI.create("https://console.aws.amazon.com/");
        String r = region.get();
        if (r.startsWith("cn-")) return URI.create("https://console.amazonaws.cn/console/home?region=" + r);
        if (r.startsWith("us-gov-")) return URI.create("https://console.amazonaws-us-gov.com/console/home?region=" + r);
        return URI.create("https://" + r + ".console.aws.amazon.com/console/home?region=" + r);
    }

    private static String signinHost(String region) {
        if (region.startsWith("cn-")) return "signin.amazonaws.cn";
        if (region.startsWith("us-gov-")) return "signin.amazonaws-us-gov.com";
        return "signin.aws.amazon.com";
    }
}
