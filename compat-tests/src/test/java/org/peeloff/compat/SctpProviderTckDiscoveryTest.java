/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.peeloff.Capabilities;
import org.peeloff.PeeloffOption;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;

/**
 * The TCK as a provider module sees it: its groups and cases are found through a one-line subclass,
 * every case carries the {@code kernel} tag (so surefire never runs them on a host), and a provider
 * that is not available fails the whole TCK with its cause, which the report shows.
 */
class SctpProviderTckDiscoveryTest {

    /** A provider that is never available (no native part at all). */
    static final class UnavailableProvider implements SctpProvider {
        // @formatter:off
        @Override public String id() { return "stand-in"; }
        @Override public boolean matchesCurrentOs() { return false; }
        @Override public int priority() { return 0; }
        @Override public boolean isAvailable() { return false; }
        @Override public Throwable unavailabilityCause() { return new UnsupportedOperationException("no native part"); }
        @Override public Capabilities capabilities() { throw new IllegalStateException("not available"); }
        @Override public int socket(ProtocolFamily family, SocketStyle style) { throw new UnsupportedOperationException(); }
        @Override public void bind(int fd, InetSocketAddress address) { throw new UnsupportedOperationException(); }
        @Override public void bindx(int fd, List<InetSocketAddress> addresses, boolean add) { throw new UnsupportedOperationException(); }
        @Override public void listen(int fd, int backlog) { throw new UnsupportedOperationException(); }
        @Override public void connect(int fd, InetSocketAddress remote) { throw new UnsupportedOperationException(); }
        @Override public int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid, boolean unordered, boolean dontWait) { throw new UnsupportedOperationException(); }
        @Override public boolean receive(int fd, ByteBuffer dst, ReceiveInfo info, boolean dontWait) { throw new UnsupportedOperationException(); }
        @Override public int[] associations(int fd) { throw new UnsupportedOperationException(); }
        @Override public int peeloff(int fd, int assocId, Set<PeeloffOption> options) { throw new UnsupportedOperationException(); }
        @Override public boolean poll(int fd, boolean write, int timeoutMillis) { throw new UnsupportedOperationException(); }
        @Override public void setBlocking(int fd, boolean blocking) { throw new UnsupportedOperationException(); }
        @Override public boolean isBlocking(int fd) { throw new UnsupportedOperationException(); }
        @Override public boolean isCloseOnExec(int fd) { throw new UnsupportedOperationException(); }
        @Override public void setCloseOnExec(int fd, boolean closeOnExec) { throw new UnsupportedOperationException(); }
        @Override public int getOption(int fd, SocketOption option) { throw new UnsupportedOperationException(); }
        @Override public void setOption(int fd, SocketOption option, int value) { throw new UnsupportedOperationException(); }
        @Override public List<InetSocketAddress> localAddresses(int fd) { throw new UnsupportedOperationException(); }
        @Override public List<InetSocketAddress> peerAddresses(int fd, int assocId) { throw new UnsupportedOperationException(); }
        @Override public void close(int fd) { throw new UnsupportedOperationException(); }
        // @formatter:on
    }

    /** What a provider module writes: one line of substance. */
    static class StandInTck extends SctpProviderTck {
        @Override
        protected SctpProvider provider() {
            return new UnavailableProvider();
        }

        @Override
        protected Provenance provenance() {
            return Provenance.PURE_JAVA;
        }
    }

    @Test
    void every_group_and_case_is_found_through_the_subclass_and_tagged_kernel() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(StandInTck.class)).build();
        TestPlan plan = LauncherFactory.create().discover(request);

        Set<TestIdentifier> roots = plan.getRoots();
        List<TestIdentifier> tests = roots.stream().flatMap(r -> plan.getDescendants(r).stream())
                .filter(TestIdentifier::isTest).toList();
        List<String> groups = roots.stream().flatMap(r -> plan.getDescendants(r).stream())
                .filter(t -> t.isContainer() && t.getUniqueId().contains("nested-class"))
                .map(TestIdentifier::getDisplayName).sorted().toList();

        assertEquals(List.of("AssociationControlCases", "BadInput", "BlockingWaits", "Concurrency", "DeliveryFailures", "EventLoop", "EventLoopOnPoll",
                "EventLoopScale", "Flags", "Independence", "MultiHoming", "NothingLost", "Notifications", "PeelOff", "PeerAbort", "RawCalls", "Receiving", "ResourceUse", "Sending",
                "TypedOptions"),
                groups);
        // a group may extend another (EventLoopOnPoll runs EventLoop's cases on another backend) or a
        // contract class of its own file (EventLoopScale): count the cases of every superclass
        long declared = java.util.Arrays.stream(SctpProviderTck.class.getDeclaredClasses())
                .flatMap(c -> java.util.stream.Stream.<Class<?>>iterate(c, k -> k != null && k != Object.class, Class::getSuperclass))
                .flatMap(c -> java.util.Arrays.stream(c.getDeclaredMethods()))
                .filter(m -> m.isAnnotationPresent(Test.class)).count();
        assertEquals(declared, tests.size(), "every case of every group");
        assertTrue(tests.size() >= 35, "cases: " + tests.size());
        for (TestIdentifier t : tests) {
            assertTrue(t.getTags().contains(TestTag.create("kernel")), t.getDisplayName() + " is tagged kernel");
            assertTrue(t.getType() == TestDescriptor.Type.TEST);
        }
    }

    @Test
    void an_unavailable_provider_fails_the_tck_with_its_cause_and_the_report_says_so(@TempDir Path root) throws IOException {
        String old = System.getProperty(SemanticsReportWriter.ROOT_PROPERTY);
        EngineExecutionResults results;
        try {
            System.setProperty(SemanticsReportWriter.ROOT_PROPERTY, root.toString());
            results = EngineTestKit.engine("junit-jupiter").selectors(selectClass(StandInTck.class)).execute();
        } finally {
            if (old == null) {
                System.clearProperty(SemanticsReportWriter.ROOT_PROPERTY);
            } else {
                System.setProperty(SemanticsReportWriter.ROOT_PROPERTY, old);
            }
        }

        assertEquals(0, results.testEvents().succeeded().count(), "no case passes without a provider");
        assertEquals(1, results.containerEvents().failed().count(), "the TCK class fails as a whole");
        Path dir = root.resolve("target").resolve("peeloff-semantics");
        @SuppressWarnings("unchecked")
        Map<String, Object> rows = (Map<String, Object>) Json.parse(Files.readString(dir.resolve("rows-stand-in-pure-java.json")));
        assertTrue(String.valueOf(rows.get("containerError")).contains("no native part"), String.valueOf(rows));
        assertTrue(Files.readString(dir.resolve(SemanticsReportWriter.MARKDOWN)).contains("could not run the TCK"));
    }
}
