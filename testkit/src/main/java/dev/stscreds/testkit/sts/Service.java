package dev.stscreds.testkit.sts;

/** The two Query-protocol services the local endpoint answers, told apart by the SigV4 scope. */
enum Service {
    STS("sts", "2011-06-15", "https://sts.amazonaws.com/doc/2011-06-15/", 400),
    IAM("iam", "2010-05-08", "https://iam.amazonaws.com/doc/2010-05-08/", 403);

    final String signingName;
    final String version;
    final String namespace;
    /** STS answers an expired session token with 400, IAM with 403. */
    final int expiredTokenStatus;

    Service(String signingName, String version, String namespace, int expiredTokenStatus) {
        this.signingName = signingName;
        this.version = version;
        this.namespace = namespace;
        this.expiredTokenStatus = expiredTokenStatus;
    }

    static Service bySigningName(String name) {
        for (Service s : values()) if (s.signingName.equals(name)) return s;
        return null;
    }
}
