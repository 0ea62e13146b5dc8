package dev.stscreds.testkit.sts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the local STS and IAM know: users, their access keys and MFA devices, roles, and the
 * sessions handed out. One lock for all of it; every operation is short.
 */
final class Directory {
    static final int MAX_ACCESS_KEYS_PER_USER = 2;

    /** A long-term key and the account of its user. */
    record KeyEntry(String account, AccessKey key) {}

    private final Map<String, User> usersByArn = new HashMap<>();
    private final Map<String, KeyEntry> keysById = new HashMap<>();
    private final Map<String, List<VirtualMfa>> mfaByUserArn = new HashMap<>();
    private final Map<String, Role> rolesByArn = new HashMap<>();
    private final Map<String, Session> sessionsByKeyId = new HashMap<>();

    synchronized void clear() {
        usersByArn.clear();
        keysById.clear();
        mfaByUserArn.clear();
        rolesByArn.clear();
        sessionsByKeyId.clear();
    }

    synchronized void addUser(User user) {
        if (usersByArn.putIfAbsent(user.arn(), user) != null) {
            throw new IllegalStateException("user " + user.name() + " already exists in account " + user.account());
        }
    }

    synchronized Optional<User> user(String account, String name) {
        return Optional.ofNullable(usersByArn.get(User.arn(account, name)));
    }

    /** Adds the key unless its user has {@value #MAX_ACCESS_KEYS_PER_USER} already. */
    synchronized void addAccessKey(String account, AccessKey key) {
        if (accessKeys(account, key.userName()).size() >= MAX_ACCESS_KEYS_PER_USER) {
            throw new AwsError(409, "LimitExceeded", "Cannot exceed quota for AccessKeysPerUser: " + MAX_ACCESS_KEYS_PER_USER);
        }
        keysById.put(key.accessKeyId(), new KeyEntry(account, key));
    }

    synchronized Optional<KeyEntry> accessKey(String accessKeyId) {
        return Optional.ofNullable(keysById.get(accessKeyId));
    }

    synchronized List<AccessKey> accessKeys(String account, String userName) {
        List<AccessKey> keys = new ArrayList<>();
        for (KeyEntry e : keysById.values()) {
            if (e.account().equals(account) && e.key().userName().equals(userName)) keys.add(e.key());
        }
        keys.sort(Comparator.comparing(AccessKey::createDate).thenComparing(AccessKey::accessKeyId));
        return keys;
    }

    /** Changes the status of the user's key; false when the user has no such key. */
    synchronized boolean setStatus(String account, String userName, String accessKeyId, AccessKey.Status status) {
        KeyEntry e = keysById.get(accessKeyId);
        if (e == null || !e.account().equals(account) || !e.key().userName().equals(userName)) return false;
        keysById.put(accessKeyId, new KeyEntry(account, e.key().withStatus(status)));
        return true;
    }

    synchronized boolean deleteAccessKey(String account, String userName, String accessKeyId) {
        KeyEntry e = keysById.get(accessKeyId);
        if (e == null || !e.account().equals(account) || !e.key().userName().equals(userName)) return false;
        keysById.remove(accessKeyId);
        return true;
    }

    synchronized void addMfa(User user, VirtualMfa mfa) {
        mfaByUserArn.computeIfAbsent(user.arn(), k -> new ArrayList<>()).add(mfa);
    }

    synchronized List<VirtualMfa> mfaDevices(User user) {
        return List.copyOf(mfaByUserArn.getOrDefault(user.arn(), List.of()));
    }

    synchronized void addRole(Role role) {
        if (rolesByArn.putIfAbsent(role.arn(), role) != null) {
            throw new IllegalStateException("role " + role.name() + " already exists in account " + role.account());
        }
    }

    synchronized Optional<Role> role(String arn) {
        return Optional.ofNullable(rolesByArn.get(arn));
    }

    synchronized void addSession(Session session) {
        sessionsByKeyId.put(session.credentials().accessKeyId(), session);
    }

    synchronized Optional<Session> session(String accessKeyId) {
        return Optional.ofNullable(sessionsByKeyId.get(accessKeyId));
    }
}
