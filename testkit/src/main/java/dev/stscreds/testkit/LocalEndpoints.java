package dev.stscreds.testkit;

import dev.stscreds.testkit.sts.LocalSts;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs the local endpoints for a test class:
 *
 * <pre>{@code
 * @RegisterExtension
 * static LocalEndpoints endpoints = LocalEndpoints.create();
 *
 * @Test void test() {
 *     endpoints.instanceMetadata().faults().next(1, Fault.status(500));
 *     ... endpoints.instanceMetadata().endpoint() ...
 * }
 * }</pre>
 *
 * <p>In a static field the servers start before the first test and stop after the last; in an
 * instance field, around each test. Before every test every server is {@code reset()}, so no
 * fault, counter, setting (or, for STS, user, role or session) leaks from one test into the next.
 * Code outside JUnit uses {@link InstanceMetadataServer}, {@link ContainerCredentialsServer} and
 * {@link LocalSts} directly.
 */
public final class LocalEndpoints implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {
    private final InstanceMetadataServer instanceMetadata = new InstanceMetadataServer();
    private final ContainerCredentialsServer container = new ContainerCredentialsServer();
    private final LocalSts sts = new LocalSts();
    private boolean startedForClass;

    private LocalEndpoints() {}

    public static LocalEndpoints create() {
        return new LocalEndpoints();
    }

    public InstanceMetadataServer instanceMetadata() {
        return instanceMetadata;
    }

    public ContainerCredentialsServer container() {
        return container;
    }

    /** The local STS and IAM endpoint. */
    public LocalSts sts() {
        return sts;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        startedForClass = true;
        start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        start(); // no-op when already running for the class
        instanceMetadata.reset();
        container.reset();
        sts.reset();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (!startedForClass) close();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    private void start() {
        instanceMetadata.start();
        container.start();
        sts.start();
    }

    private void close() {
        try (instanceMetadata; container; sts) {
            // all closed, even if one fails
        }
    }
}
