package dev.stscreds.rolesanywhere;

import java.net.URI;

/** Where CreateSession is sent: the regional endpoint of the trust anchor's partition. */
public final class RolesAnywhereEndpoints {
    private RolesAnywhereEndpoints() {
    }

    /** {@code https://rolesanywhere.REGION.amazonaws.com}, or the {@code .com.cn} form in China. */
    public static URI forRegion(String region) {
        String suffix = region.startsWith("cn-") ? "amazonaws.com.cn" : "amazonaws.com";
        return URI.create("https://rolesanywhere." + region + "." + suffix);
    }
}
