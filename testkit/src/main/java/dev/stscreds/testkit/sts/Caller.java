package dev.stscreds.testkit.sts;

/**
 * Who signed a request, as GetCallerIdentity tells it: an IAM user (with long-term keys or a
 * GetSessionToken session), a role session, or a federated user.
 */
record Caller(Kind kind, String account, String arn, String userId, String name, String roleArn) {
    enum Kind { USER, ASSUMED_ROLE, FEDERATED_USER }

    static Caller user(User u) {
        return new Caller(Kind.USER, u.account(), u.arn(), u.userId(), u.name(), null);
    }

    static Caller assumedRole(Role role, String sessionName) {
        return new Caller(Kind.ASSUMED_ROLE, role.account(),
                "arn:aws:sts::" + role.account() + ":assumed-role/" + role.name() + "/" + sessionName,
                role.roleId() + ":" + sessionName, sessionName, role.arn());
    }

    static Caller federatedUser(String account, String name) {
        return new Caller(Kind.FEDERATED_USER, account, "arn:aws:sts::" + account + ":federated-user/" + name,
                account + ":" + name, name, null);
    }
}
