package dev.stscreds.rolesanywhere;

import dev.stscreds.wire.endpoints.EndpointOptions;
import dev.stscreds.wire.endpoints.ServiceEndpointRules;
import java.net.URI;

/** Where CreateSession is sent by default: the service's own endpoint rules (FIPS, dual-stack, partition). */
public final class RolesAnywhereEndpoints {
    /** The service id, as {@code AWS_ENDPOINT_URL_ROLESANYWHERE} and {@code [services]} name it. */
    public static final String SERVICE_ID = "RolesAnywhere";

    private RolesAnywhereEndpoints() {
    }

    /** e.g. {@code https://rolesanywhere.eu-west-1.amazonaws.com}, {@code https://rolesanywhere-fips.us-east-1.amazonaws.com}. */
    public static URI forRegion(String region, EndpointOptions options) {
        return ServiceEndpointRules.resolve("rolesanywhere", region, options).uri();
    }
}
