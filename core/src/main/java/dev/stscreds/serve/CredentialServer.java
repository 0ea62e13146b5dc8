package dev.stscreds.serve;

import dev.stscreds.CredentialsException;
import dev.stscreds.CredentialsProvider;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/**
 * Serves one profile's credentials on 127.0.0.1 the way the SDKs and the AWS CLI read them from a
 * container endpoint ({@link Mode#ECS}) or from instance metadata ({@link Mode#IMDS}).
 *
 * <p>Every request passes the checks of {@link SecurityChecks} (loopback peer, this server's Host,
 * the container token), is bounded in size and time, and is logged by method, path and status only;
 * a refusal with its reason.
 *
 * <p>Staying available: each connection has a thread of its own (a virtual thread where the JDK has
 * them), at most {@link Limits#maxConnections} connections are open, and a connection must send a
 * whole request within {@link Limits#requestTimeout} of opening. When every slot is taken, the
 * connection that has waited longest without sending a whole request is closed to make room, so
 * connections held open without asking cannot keep out a client that asks. Logging goes through
 * whatever the {@linkplain Builder#log log} consumer does: give it a {@link RequestLog}, which never
 * waits on its sink.
 * The credentials come from the given provider: give it the refresh decorator with
 * {@link dev.stscreds.refresh.RefreshPolicy#serving()}, so that the cached session is served until it
 * really expires while STS fails or hangs, and a {@link dev.stscreds.refresh.RefreshListener} that
 * logs each failed try. The server asks the provider every {@value #KEEP_WARM_SECONDS} s, so that
 * refreshes and their retries happen on that schedule even when no client asks, and no request
 * waits on STS while a session is held.
 *
 * <p>Owns an accept thread, one thread per open connection and a keep-warm timer: close it.
 */
public final class CredentialServer implements AutoCloseable {
    /** How the credentials are served. */
    public enum Mode { ECS, IMDS }

    private final ServerSocket listener;
    private final Mode mode;
    private final Optional<String> authorizationToken;
    private final Optional<Path> authorizationTokenFile;
    private final List<RequestCheck> checks;
    private final Endpoint endpoint;
    private final Limits limits;
    private final Consumer<String> log;
    private final CredentialsProvider credentials;
    private final boolean logAnswered;
    private final ConnectionSlots slots;
    private final ThreadFactory connectionThreads;
    private final ScheduledExecutorService keepWarm;
    private final Thread acceptor;

    /**
     * Size and time bounds: of one request's head and body; the time a request has to arrive whole
     * (from the connection's opening for the first, from its first byte for later ones); how long a
     * kept-alive connection may wait for its next request; how many connections are open at once.
     */
    public record Limits(int maxHeadBytes, long maxBodyBytes, Duration requestTimeout, Duration idleTimeout, int maxConnections) {
        public static final Limits DEFAULT = new Limits(16 * 1024, 1024, Duration.ofSeconds(2), Duration.ofSeconds(5), 512);
    }

    private CredentialServer(Builder b, ServerSocket listener) {
        this.listener = listener;
        this.mode = b.mode;
        this.limits = b.limits;
        this.log = b.log;
        this.credentials = b.credentials;
        this.authorizationTokenFile = Optional.ofNullable(b.authorizationTokenFile);
        int port = listener.getLocalPort();
        List<RequestCheck> all = new ArrayList<>(List.of(SecurityChecks.loopbackPeer(), SecurityChecks.hostIs(port)));
        if (mode == Mode.ECS) {
            this.authorizationToken = Optional.of(b.authorizationToken != null ? b.authorizationToken : newToken(b.random));
            all.add(SecurityChecks.authorization(authorizationToken.get()));
            this.endpoint = new ContainerEndpoint(b.credentials, Optional.ofNullable(b.roles), b.clock);
        } else {
            this.authorizationToken = Optional.empty();
            this.endpoint = new InstanceMetadataEndpoint(b.credentials, b.roleName, new ImdsTokens(b.clock, b.random), b.allowImdsV1, b.clock);
        }
        this.checks = List.copyOf(all);
        this.logAnswered = b.logAnswered;
        this.slots = new ConnectionSlots(limits.maxConnections());
        this.connectionThreads = ConnectionThreads.named("stscreds-serve");
        this.keepWarm = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "stscreds-serve-keep-warm");
            t.setDaemon(true);
            return t;
        });
        this.acceptor = new Thread(this::acceptLoop, "stscreds-serve-accept");
        this.acceptor.setDaemon(true);
    }

    /** A server for {@code credentials}; build it, then {@link #start()} it. */
    public static Builder builder(CredentialsProvider credentials) {
        return new Builder(credentials);
    }

    private CredentialServer start() {
        acceptor.start();
        keepWarm.scheduleWithFixedDelay(this::warm, KEEP_WARM_SECONDS, KEEP_WARM_SECONDS, TimeUnit.SECONDS);
        return this;
    }

    public Mode mode() {
        return mode;
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** {@code http://127.0.0.1:PORT/}. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    /** Where clients read credentials: the container credentials URL, or the instance metadata endpoint. */
    public URI credentialsUri() {
        return mode == Mode.ECS ? URI.create("http://127.0.0.1:" + port() + ContainerEndpoint.PATH) : endpoint();
    }

    /** The container endpoint's token; empty for instance metadata. A secret: print it only where asked. */
    public Optional<String> authorizationToken() {
        return authorizationToken;
    }

    /** The variables that point an SDK or the AWS CLI at this server (for ECS the token, or its file). */
    public Map<String, String> clientEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        if (mode == Mode.ECS) {
            env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", credentialsUri().toString());
            if (authorizationTokenFile.isPresent()) {
                env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", authorizationTokenFile.get().toString());
            } else {
                env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", authorizationToken.orElseThrow());
            }
        } else {
            // With a final slash: some clients join "latest/api/token" to it without one (the AWS CLI v2),
            // others add "/latest/…" and ask for "//latest/…", which the request reader collapses.
            env.put("AWS_EC2_METADATA_SERVICE_ENDPOINT", endpoint().toString());
        }
        return env;
    }

    /** How often the server asks its provider with no client asking. */
    static final int KEEP_WARM_SECONDS = 5;

    /** Asks the provider now: its refresh decorator starts a refresh when the credentials near their expiry. */
    void warm() {
        try {
            credentials.resolve();
        } catch (CredentialsException e) {
            // Said by the refresh decorator's listener, which the server's owner points at the log.
        } catch (RuntimeException e) {
            log.accept("keeping credentials warm failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                if (listener.isClosed()) return;
                log.accept("accept failed: " + e.getMessage());
                continue;
            }
            ConnectionSlots.Admission admission = slots.admit(socket);
            admission.closedToMakeRoom().ifPresent(evicted -> log.accept(peer(evicted)
                    + " closed: it had not sent a whole request and all " + slots.capacity() + " connections were open"));
            if (admission.slot().isEmpty()) {
                log.accept(peer(socket) + " 503 refused: all " + slots.capacity() + " connections are being answered");
                refuseBusy(socket);
                continue;
            }
            try {
                connectionThreads.newThread(() -> serve(socket, admission.slot().get())).start();
            } catch (RuntimeException | OutOfMemoryError e) {
                admission.slot().get().release();
                log.accept(peer(socket) + " 503 refused: no thread for the connection (" + e.getClass().getSimpleName() + ")");
                refuseBusy(socket);
            }
        }
    }

    private void serve(Socket socket, ConnectionSlots.Slot slot) {
        try (socket) {
            socket.setTcpNoDelay(true);
            RequestReader reader = new RequestReader(socket, limits.maxHeadBytes(), limits.maxBodyBytes());
            OutputStream out = new BufferedOutputStream(socket.getOutputStream(), 4096);
            for (boolean first = true; ; first = false) {
                Optional<ServerRequest> next;
                try {
                    next = reader.next(limits.idleTimeout().toMillis(), limits.requestTimeout().toMillis(), first);
                } catch (RequestReader.Refused refused) {
                    log.accept(peer(socket) + " " + refused.response.status() + " refused: " + refused.getMessage());
                    refused.response.writeTo(out, false);
                    return;
                }
                if (next.isEmpty()) {
                    if (first && reader.timedOut()) {
                        log.accept(peer(socket) + " closed: no request within " + limits.requestTimeout().toMillis() + " ms");
                    }
                    return;
                }
                slot.answering();
                ServerRequest request = next.get();
                ServerResponse response = answer(request);
                if (!response.isSuccess()) {
                    log.accept(peer(socket) + " " + request.method() + " " + LogText.of(request.path()) + " " + response.status()
                            + " refused: " + LogText.of(response.note(), 1000));
                } else if (logAnswered) {
                    log.accept(request.method() + " " + LogText.of(request.path()) + " " + response.status());
                }
                boolean keepAlive = request.keepAlive() && response.isSuccess();
                response.writeTo(out, keepAlive);
                if (!keepAlive) return;
                slot.waiting();
            }
        } catch (EOFException | SocketException e) {
            // the client went away, or its connection was closed to make room; nothing to answer
        } catch (IOException e) {
            log.accept(peer(socket) + " connection failed: " + e.getMessage());
        } finally {
            slot.release();
        }
    }

    private static String peer(Socket socket) {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
    }

    /** How many connections are open now (for tests and diagnostics). */
    int openConnections() {
        return slots.open();
    }

    ServerResponse answer(ServerRequest request) {
        for (RequestCheck check : checks) {
            Optional<ServerResponse> refusal = check.refusal(request);
            if (refusal.isPresent()) return refusal.get();
        }
        return endpoint.answer(request);
    }

    private void refuseBusy(Socket socket) {
        try (socket) {
            socket.setSoTimeout(1000);
            ServerResponse.error(503, "Busy", "too many connections; try again").writeTo(socket.getOutputStream(), false);
        } catch (IOException e) {
            // a client we could not even tell is gone
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException e) {
            // closing a listener cannot fail in a way that matters here
        }
        keepWarm.shutdownNow();
        slots.closeAll();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String newToken(RandomGenerator random) {
        byte[] bytes = new byte[32]; // 256 bits
        for (int i = 0; i < bytes.length; i++) bytes[i] = (byte) random.nextInt(256);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** How the server is set up; nothing starts until {@link #start()}. */
    public static final class Builder {
        private final CredentialsProvider credentials;
        private Mode mode = Mode.ECS;
        private int port;
        private String authorizationToken;
        private Path authorizationTokenFile;
        private boolean allowImdsV1;
        private Function<String, CredentialsProvider> roles;
        private String roleName = "stscreds";
        private Clock clock = Clock.systemUTC();
        private RandomGenerator random = new SecureRandom();
        private Limits limits = Limits.DEFAULT;
        private Consumer<String> log = line -> { };
        private boolean logAnswered = true;
        private boolean requireSessionFirst;

        private Builder(CredentialsProvider credentials) {
            this.credentials = Objects.requireNonNull(credentials, "credentials");
        }

        public Builder mode(Mode m) {
            this.mode = Objects.requireNonNull(m);
            return this;
        }

        /** 0 (the default) for a free port. */
        public Builder port(int p) {
            if (p < 0 || p > 65535) throw new IllegalArgumentException("a port is 0 to 65535, not " + p);
            this.port = p;
            return this;
        }

        /** The container endpoint's token; default a new random one of 256 bits. At least 32 characters. */
        public Builder authorizationToken(String token) {
            if (token.length() < 32 || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
                throw new IllegalArgumentException("the token must be at least 32 printable characters, without spaces");
            }
            this.authorizationToken = token;
            return this;
        }

        /**
         * The container endpoint's token is in this file: read when it exists, else a new random one is
         * written there (mode 0600). Clients are then pointed at the file
         * (AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE), not given the token.
         */
        public Builder authorizationTokenFile(Path file) {
            this.authorizationTokenFile = Objects.requireNonNull(file);
            return this;
        }

        /** Instance metadata answers requests without a token too (IMDSv1). Off by default. */
        public Builder allowImdsV1(boolean allow) {
            this.allowImdsV1 = allow;
            return this;
        }

        /** Serves {@code /role-arn/ARN} with the provider this gives for ARN (called once per ARN). Off by default. */
        public Builder roleAssumption(Function<String, CredentialsProvider> providerForRoleArn) {
            this.roles = providerForRoleArn;
            return this;
        }

        /** The role name instance metadata lists. */
        public Builder roleName(String name) {
            if (!name.matches("[\\w+=,.@-]{1,64}")) throw new IllegalArgumentException("not a role name: " + name);
            this.roleName = name;
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** Where tokens come from; a {@link SecureRandom} unless a test needs another. */
        public Builder random(RandomGenerator r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        public Builder limits(Limits l) {
            this.limits = Objects.requireNonNull(l);
            return this;
        }

        /**
         * Where log lines go: one per answered request (method, path, status), one per refusal (the
         * peer, the status and why), and one per connection closed early; never a header or a
         * credential. Called on request threads: give it a {@link RequestLog}, which never waits.
         */
        public Builder log(Consumer<String> lines) {
            this.log = Objects.requireNonNull(lines);
            return this;
        }

        /** False: no line for requests answered with success; refusals and failures are still logged. */
        public Builder logAnsweredRequests(boolean on) {
            this.logAnswered = on;
            return this;
        }

        /**
         * Resolves the credentials before listening, and refuses to start when there are none or only
         * long-term keys: a command line should fail at once, not serve errors. A session without a
         * known expiry is served, with a warning in the log.
         */
        public Builder requireSessionFirst() {
            this.requireSessionFirst = true;
            return this;
        }

        /**
         * Binds 127.0.0.1 and starts serving.
         *
         * @throws CredentialsException when the port is taken, or {@link #requireSessionFirst} found no session
         */
        public CredentialServer start() {
            if (requireSessionFirst) ServedCredentials.requireSession(credentials).ifPresent(log);
            if (authorizationTokenFile != null) authorizationToken(TokenFiles.readOrCreate(authorizationTokenFile, random));
            ServerSocket listener;
            try {
                listener = new ServerSocket();
                listener.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 128);
            } catch (IOException e) {
                throw new CredentialsException("could not listen on 127.0.0.1:" + port + " (" + e.getMessage() + ")",
                        port == 0 ? "check that loopback networking works here" : "choose another port, or 0 for a free one");
            }
            return new CredentialServer(this, listener).start();
        }
    }
}
