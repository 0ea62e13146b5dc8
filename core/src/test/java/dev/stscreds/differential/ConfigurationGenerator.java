package dev.stscreds.differential;

import dev.stscreds.differential.GeneratedCase.Feature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates configurations from a seed: profile files with sections, keys in any case, comments, blank lines,
 * continuation and sub-property lines, duplicates, {@code [sso-session]} and {@code [services]} sections; chains
 * of profiles (keys, credential_process, roles by source_profile or credential_source, web identity, SSO); and
 * environments (keys, a profile choice, web identity, a container endpoint, instance metadata). The same seed
 * gives the same cases.
 */
final class ConfigurationGenerator {
    private static final List<String> NAMES = List.of("default", "dev", "ops", "base", "ci", "prod");

    /** What the local world offers: keys STS knows, roles, files, endpoints. */
    record World(List<String[]> userKeys, List<String> rolesTrustingUsers, String roleTrustingAccount, String webRole,
                 Path webToken, List<Path> processOutputs, String stsEndpoint, String containerUri, String imdsEndpoint) {}

    private enum Kind { STATIC, PROCESS, ROLE_SOURCE, ROLE_CREDENTIAL_SOURCE, WEB_IDENTITY, SSO, REGION_ONLY,
        STATIC_AND_ROLE, STATIC_AND_PROCESS }

    /** Sources that can answer come more often than those that only fail here (SSO has no login). */
    private static final List<Kind> WEIGHTED_KINDS = List.of(
            Kind.STATIC, Kind.STATIC, Kind.STATIC, Kind.PROCESS, Kind.PROCESS, Kind.ROLE_SOURCE, Kind.ROLE_SOURCE,
            Kind.ROLE_SOURCE, Kind.ROLE_CREDENTIAL_SOURCE, Kind.WEB_IDENTITY, Kind.SSO, Kind.REGION_ONLY,
            Kind.STATIC_AND_ROLE, Kind.STATIC_AND_ROLE, Kind.STATIC_AND_PROCESS, Kind.STATIC_AND_PROCESS);

    private final World world;
    private final Random random;

    ConfigurationGenerator(World world, long seed) {
        this.world = world;
        this.random = new Random(seed);
    }

    GeneratedCase next(int id, Path home) {
        Set<Feature> features = GeneratedCase.none();
        List<String> names = new ArrayList<>(NAMES);
        java.util.Collections.shuffle(names, random);
        int count = 1 + random.nextInt(4);
        if (random.nextInt(3) > 0 && !names.subList(0, count).contains("default")) names.set(0, "default");
        List<String> profiles = names.subList(0, count);

        Sections config = new Sections(features);
        Sections credentials = new Sections(features);
        for (String name : profiles) {
            Kind kind = WEIGHTED_KINDS.get(random.nextInt(WEIGHTED_KINDS.size()));
            String configHeader = name.equals("default") && random.nextInt(4) > 0 ? "default" : "profile " + name;
            List<String[]> inConfig = new ArrayList<>();
            List<String[]> inCredentials = new ArrayList<>();
            boolean keysInCredentials = random.nextInt(10) < 6;
            List<String[]> keyTarget = keysInCredentials ? inCredentials : inConfig;
            switch (kind) {
                case STATIC -> addKeys(keyTarget);
                case PROCESS -> addProcess(inConfig);
                case ROLE_SOURCE -> {
                    addRole(inConfig, features);
                    inConfig.add(kv("source_profile", sourceName(name, profiles)));
                }
                case ROLE_CREDENTIAL_SOURCE -> {
                    addRole(inConfig, features);
                    inConfig.add(kv("credential_source", pick("Environment", "EcsContainer", "Ec2InstanceMetadata")));
                }
                case WEB_IDENTITY -> {
                    inConfig.add(kv("role_arn", world.webRole()));
                    inConfig.add(kv("web_identity_token_file", world.webToken().toString()));
                    if (random.nextBoolean()) inConfig.add(kv("role_session_name", "gen-" + id));
                }
                case SSO -> {
                    inConfig.add(kv("sso_session", "corp"));
                    inConfig.add(kv("sso_account_id", "123456789012"));
                    inConfig.add(kv("sso_role_name", "Dev"));
                    config.ensure("sso-session corp", List.of(kv("sso_start_url", "https://corp.awsapps.com/start"),
                            kv("sso_region", "us-east-1")));
                    features.add(Feature.EXTRA_SECTIONS);
                }
                case REGION_ONLY -> inConfig.add(kv("region", "us-west-2"));
                case STATIC_AND_ROLE -> {
                    addKeys(keyTarget);
                    addRole(inConfig, features);
                    inConfig.add(kv("source_profile", sourceName(name, profiles)));
                    features.add(Feature.SOURCE_WITH_KEYS_AND_ROLE);
                }
                case STATIC_AND_PROCESS -> {
                    addKeys(keyTarget);
                    addProcess(inConfig);
                    features.add(Feature.KEYS_AND_PROCESS);
                }
            }
            if (kind != Kind.REGION_ONLY && random.nextInt(4) == 0) inConfig.add(kv("region", pick("us-east-1", "eu-west-1")));
            if (random.nextInt(6) == 0) (random.nextBoolean() ? inConfig : keyTarget).add(kv("aws_account_id", "210987654321"));
            if (random.nextInt(8) == 0) {
                inConfig.add(kv("services", "local"));
                config.ensure("services local", List.<String[]>of(kv("sts", "\n  endpoint_url = " + world.stsEndpoint())));
                features.add(Feature.EXTRA_SECTIONS);
            }
            if (!inConfig.isEmpty() || inCredentials.isEmpty()) config.add(configHeader, inConfig);
            if (!inCredentials.isEmpty()) credentials.add(name, inCredentials);
        }

        Map<String, String> env = environment(id, home, profiles, features);
        return new GeneratedCase(id, config.render(), credentials.render(), env, features);
    }

    private Map<String, String> environment(int id, Path home, List<String> profiles, Set<Feature> features) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("HOME", home.toString());
        env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
        env.put("AWS_ENDPOINT_URL_STS", world.stsEndpoint());
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("BOTO_CONFIG", home.resolve("no-boto-config").toString());
        if (random.nextInt(8) == 0) {
            env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", world.imdsEndpoint());
            features.add(Feature.IMDS);
        } else {
            env.put("AWS_EC2_METADATA_DISABLED", "true");
        }
        if (random.nextInt(8) == 0) {
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", world.containerUri());
            features.add(Feature.CONTAINER);
        }
        if (random.nextInt(6) == 0) {
            String[] key = world.userKeys().get(random.nextInt(world.userKeys().size()));
            env.put("AWS_ACCESS_KEY_ID", key[0]);
            env.put("AWS_SECRET_ACCESS_KEY", key[1]);
            features.add(Feature.ENV_KEYS);
        }
        if (random.nextInt(12) == 0) {
            env.put("AWS_ROLE_ARN", world.webRole());
            env.put("AWS_WEB_IDENTITY_TOKEN_FILE", world.webToken().toString());
            features.add(Feature.ENV_WEB_IDENTITY);
        }
        int choice = random.nextInt(10);
        if (choice < 4) env.put("AWS_PROFILE", profiles.get(random.nextInt(profiles.size())));
        else if (choice == 4) env.put("AWS_PROFILE", "missing-" + id);
        return env;
    }

    private void addKeys(List<String[]> target) {
        String[] key = world.userKeys().get(random.nextInt(world.userKeys().size()));
        target.add(kv("aws_access_key_id", key[0]));
        target.add(kv("aws_secret_access_key", key[1]));
    }

    private void addProcess(List<String[]> target) {
        Path output = world.processOutputs().get(random.nextInt(world.processOutputs().size()));
        target.add(kv("credential_process", "cat " + output));
    }

    private void addRole(List<String[]> target, Set<Feature> features) {
        String arn;
        int r = random.nextInt(20);
        if (r == 0) {
            arn = "arn:aws-cn:iam::123456789012:role/Other";
            features.add(Feature.ODD_ROLE_ARN);
        } else if (r == 1) {
            arn = "arn:aws:iam::1234:role/Short";
            features.add(Feature.ODD_ROLE_ARN);
        } else if (r < 8) {
            arn = world.roleTrustingAccount();
        } else {
            arn = world.rolesTrustingUsers().get(random.nextInt(world.rolesTrustingUsers().size()));
        }
        target.add(kv("role_arn", arn));
    }

    private String sourceName(String self, List<String> profiles) {
        int r = random.nextInt(20);
        if (r == 0) return self;
        if (r == 1) return "nowhere";
        return profiles.get(random.nextInt(profiles.size()));
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private static String[] kv(String key, String value) {
        return new String[] {key, value};
    }

    /** The sections of one file, rendered with the generator's layout choices. */
    private final class Sections {
        private final Map<String, List<String[]>> sections = new LinkedHashMap<>();
        private final Set<Feature> features;

        Sections(Set<Feature> features) {
            this.features = features;
        }

        void add(String header, List<String[]> keys) {
            sections.computeIfAbsent(header, h -> new ArrayList<>()).addAll(keys);
        }

        void ensure(String header, List<String[]> keys) {
            sections.putIfAbsent(header, new ArrayList<>(keys));
        }

        String render() {
            StringBuilder text = new StringBuilder();
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? "# generated\n" : "; generated\n");
                features.add(Feature.LAYOUT);
            }
            List<String> headers = new ArrayList<>(sections.keySet());
            String repeated = !headers.isEmpty() && random.nextInt(30) == 0 ? headers.get(random.nextInt(headers.size())) : null;
            for (String header : headers) {
                List<String[]> keys = sections.get(header);
                if (repeated != null && header.equals(repeated) && keys.size() > 1) {
                    // The section in two parts: the Java, Go and Rust SDKs merge them; botocore refuses the file.
                    int cut = 1 + random.nextInt(keys.size() - 1);
                    renderSection(text, header, keys.subList(0, cut));
                    renderSection(text, header, keys.subList(cut, keys.size()));
                    features.add(Feature.DUPLICATE_SECTION);
                } else {
                    renderSection(text, header, keys);
                }
            }
            return text.toString();
        }

        private void renderSection(StringBuilder text, String header, List<String[]> keys) {
            text.append('[').append(header).append("]\n");
            for (String[] kv : keys) {
                if (random.nextInt(12) == 0) {
                    text.append(random.nextBoolean() ? "# note\n" : "; note\n");
                    features.add(Feature.LAYOUT);
                }
                if (random.nextInt(80) == 0) {
                    // The same key earlier with another value (in another case, sometimes): the later one must win.
                    text.append(keyName(kv[0])).append(" = stale-value\n");
                    features.add(Feature.DUPLICATE_KEY);
                }
                text.append(keyName(kv[0])).append(separator()).append(kv[1]).append('\n');
            }
            if (random.nextInt(6) == 0) {
                text.append("s3 =\n  max_concurrent_requests = 10\n  Addressing_Style = path\n");
                features.add(Feature.LAYOUT);
            }
            if (random.nextInt(8) == 0) {
                // A value continued on indented lines (no source reads this key).
                text.append("description = first line\n  second line\n\tthird line\n");
                features.add(Feature.LAYOUT);
            }
            if (random.nextInt(6) == 0) {
                text.append("output = json # a comment no source reads\n");
                features.add(Feature.LAYOUT);
            }
            if (random.nextInt(3) == 0) text.append('\n');
        }

        private String keyName(String key) {
            int r = random.nextInt(10);
            if (r == 0) {
                features.add(Feature.KEY_CASE);
                return key.toUpperCase(Locale.ROOT);
            }
            if (r == 1) {
                features.add(Feature.KEY_CASE);
                StringBuilder title = new StringBuilder();
                for (String part : key.split("_")) {
                    if (title.length() > 0) title.append('_');
                    title.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
                }
                return title.toString();
            }
            return key;
        }

        private String separator() {
            return switch (random.nextInt(4)) {
                case 0 -> "=";
                case 1 -> " =\t";
                default -> " = ";
            };
        }
    }
}
