/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.peeloff.compat.Associations.links;
import static org.peeloff.compat.Associations.send;
import static org.peeloff.compat.Associations.server;
import static org.peeloff.compat.Associations.text;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.opentest4j.AssertionFailedError;
import org.peeloff.MessageInfo;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpClosedException;
import org.peeloff.SctpData;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSelectionKey;
import org.peeloff.SctpSelector;
import org.peeloff.SctpSocket;
import org.peeloff.compat.Associations.Cleanup;
import org.peeloff.compat.Associations.Link;
import org.peeloff.spi.Poller;
import org.peeloff.spi.SctpProvider;

/**
 * The event loop at scale, for every provider: 10,000 sockets in one {@link SctpSelector}, 1,000
 * virtual threads blocked in {@code receive} on two carriers, and {@code close()} of a socket that
 * 100 threads are blocked on. {@link SctpProviderTck} runs it through its nested group
 * {@code EventLoopScale}; a provider's TCK subclass gets it with the rest (against the real kernel for
 * Linux, through the ABI personalities for illumos and AIX).
 *
 * <p>Selectors come from {@link #openSelector()}, so that a subclass can run the cases over another
 * readiness backend of the same provider.
 *
 * <p>The virtual-thread case needs JDK 21+ ({@code Thread.ofVirtual()}, reached by reflection: the TCK
 * is compiled for Java 17) and a scheduler of exactly two carriers, fixed at JVM start:
 * {@code -Djdk.virtualThreadScheduler.parallelism=2 -Djdk.virtualThreadScheduler.maxPoolSize=2}. It is
 * tagged {@value #VIRTUAL_THREADS_TAG} as well; {@code harness/kernel-tests} runs it on the newest JDK of
 * the machine with those options, and sets {@code -Dpeeloff.tck.virtualThreads=required}, with which a
 * missing JDK 21 API or carrier setting fails the case instead of aborting it.
 */
public abstract class EventLoopScaleContract {
    /** The tag of the case that needs JDK 21+ and two carriers; its runner selects it by this tag. */
    public static final String VIRTUAL_THREADS_TAG = "virtual-threads";
    /** {@code required}: the virtual-thread case fails where it would otherwise abort (JDK 17, carriers unset). */
    public static final String VIRTUAL_THREADS_PROPERTY = "peeloff.tck.virtualThreads";

    private static final int SOCKETS = Integer.getInteger("peeloff.tck.loopSockets", 10_000);
    private static final int VIRTUAL_RECEIVERS = Integer.getInteger("peeloff.tck.virtualReceivers", 1_000);
    private static final int BLOCKED = 100;
    private static final long PROMPT_MILLIS = 2_000;

    /** @return the provider under test (the TCK's own instance) */
    protected abstract SctpProvider provider();

    /**
     * @return a new selector on the provider's readiness backend
     * @throws SctpException when the provider has none
     */
    protected SctpSelector openSelector() throws SctpException {
        return SctpSelector.open(provider());
    }

    // ---------------------------------------------------------------------------------------------
    // 10,000 registered sockets
    // ---------------------------------------------------------------------------------------------

    /**
     * Proves that one selector holds 10,000 registered one-to-many sockets beside a few busy ones (a
     * server and peeled sockets with associations), that every select among them reports exactly the
     * sockets that have something queued (never an idle or cancelled one), and that cancelling half
     * of the keys, closing the other half's sockets and closing the selector leaves the process's
     * descriptor table exactly as it was.
     */
    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void ten_thousand_registered_sockets_report_exactly_the_busy_ones_and_leave_no_descriptor(Observed o)
            throws Exception {
        tenThousand(o, this::openSelector);
    }

    /**
     * The same 10,000 registered sockets on the portable {@code poll(2)} backend, which every provider
     * offers ({@code SctpSelector.open(provider, "poll")}): one {@code pollfd} per registered socket,
     * rebuilt for each select, must report exactly the busy ones too and leave no descriptor.
     */
    @Test
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void ten_thousand_registered_sockets_on_the_poll_backend_report_exactly_the_busy_ones_and_leave_no_descriptor(
            Observed o) throws Exception {
        tenThousand(o, () -> SctpSelector.open(provider(), Poller.POLL));
    }

    /** Opens the selector of one run of the 10,000-socket case. */
    private interface SelectorSource {
        SctpSelector open() throws SctpException;
    }

    private void tenThousand(Observed o, SelectorSource selectors) throws Exception {
        SctpProvider p = provider();
        Descriptors.assumeCountable();
        int idleCount = SOCKETS;
        requireDescriptors(idleCount + 200);
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            List<Link> ls = links(r, p, server, 6);
            server.configureBlocking(false);
            List<SctpSocket> peeled = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                peeled.add(r.add(server.peelOff(ls.get(i).serverSide(), PeeloffOption.NONBLOCK)));
            }
            // ls.get(4) and ls.get(5) stay on the server
            drainNow(server::receive);
            for (SctpSocket s : peeled) {
                drainNow(s::receive);
            }

            SortedSet<Integer> before = Descriptors.open();
            long t0 = System.nanoTime();
            SctpSelector selector = selectors.open();
            o.note("readiness backend: " + selector.backend());
            List<SctpMultiSocket> idle = new ArrayList<>(idleCount);
            List<SctpSelectionKey> idleKeys = new ArrayList<>(idleCount);
            List<SctpSelectionKey> busyKeys = new ArrayList<>();
            try {
                for (int i = 0; i < idleCount; i++) {
                    if (i == idleCount / 2) { // the busy ones in the middle of the token table
                        busyKeys.add(selector.register(server, SctpSelectionKey.OP_READ, "server"));
                        for (int k = 0; k < peeled.size(); k++) {
                            busyKeys.add(selector.register(peeled.get(k), SctpSelectionKey.OP_READ, "peeled-" + k));
                        }
                    }
                    SctpMultiSocket s = SctpMultiSocket.open(p, StandardProtocolFamily.INET);
                    idle.add(s);
                    idleKeys.add(selector.register(s, SctpSelectionKey.OP_READ, i));
                }
                long registered = System.nanoTime();
                assertEquals(idleCount + busyKeys.size(), selector.keyCount(), "every registration holds");
                assertEquals(0, selector.selectNow(), "nothing queued anywhere: nothing selected");
                long t1 = System.nanoTime();
                assertEquals(0, selector.selectNow(), "still nothing");
                long oneSelect = System.nanoTime() - t1;

                SctpSelectionKey serverKey = busyKeys.get(0);
                // peeled 1 and 3
                exactly(selector, Set.of(busyKeys.get(2), busyKeys.get(4)), () -> {
                    send(ls.get(1).client(), ls.get(1).clientSide(), 0, text("to peeled 1"));
                    send(ls.get(3).client(), ls.get(3).clientSide(), 0, text("to peeled 3"));
                }, "peeled sockets 1 and 3 after a message each");
                assertEquals(1, drainNow(peeled.get(1)::receive));
                assertEquals(1, drainNow(peeled.get(3)::receive));
                assertEquals(0, selector.selectNow(), "read: nothing selected");
                // the server (an association still on it) and peeled 0
                exactly(selector, Set.of(serverKey, busyKeys.get(1)), () -> {
                    send(ls.get(5).client(), ls.get(5).clientSide(), 0, text("to the server"));
                    send(ls.get(0).client(), ls.get(0).clientSide(), 0, text("to peeled 0"));
                }, "the server and peeled socket 0 after a message each");
                assertEquals(1, drainNow(server::receive));
                assertEquals(1, drainNow(peeled.get(0)::receive));
                assertEquals(0, selector.selectNow(), "read: nothing selected");

                // half cancelled, half closed
                long c0 = System.nanoTime();
                for (int i = 0; i < idleCount; i += 2) {
                    idleKeys.get(i).cancel();
                }
                for (int i = 1; i < idleCount; i += 2) {
                    idle.get(i).close();
                }
                long cancelled = System.nanoTime() - c0;
                for (SctpSelectionKey k : idleKeys) {
                    assertFalse(k.isValid(), "cancelled, or its socket closed: " + k);
                }
                assertEquals(busyKeys.size(), selector.keyCount(), "only the busy ones left");
                busyKeys.get(1).cancel();
                busyKeys.get(3).cancel();
                exactly(selector, Set.of(busyKeys.get(2)), () -> {
                    send(ls.get(0).client(), ls.get(0).clientSide(), 0, text("to the cancelled peeled 0"));
                    send(ls.get(2).client(), ls.get(2).clientSide(), 0, text("to the cancelled peeled 2"));
                    send(ls.get(1).client(), ls.get(1).clientSide(), 0, text("to peeled 1 again"));
                }, "only peeled 1: peeled 0 and 2 have queued data but their keys are cancelled");
                o.note(String.format(java.util.Locale.ROOT, "%d idle + %d busy sockets opened and registered in %d ms;"
                                + " a select over all of them %.2f ms; %d cancels and %d closes in %d ms",
                        idleCount, busyKeys.size(), TimeUnit.NANOSECONDS.toMillis(registered - t0), oneSelect / 1e6,
                        (idleCount + 1) / 2, idleCount / 2, TimeUnit.NANOSECONDS.toMillis(cancelled)));
            } finally {
                for (SctpMultiSocket s : idle) {
                    s.close();
                }
                selector.close();
            }
            assertEquals(0, selector.keyCount(), "a closed selector holds no key");
            for (SctpSelectionKey k : busyKeys) {
                assertFalse(k.isValid(), "closing the selector cancelled " + k);
            }
            SortedSet<Integer> after = Descriptors.open();
            assertEquals(before, after, "open descriptors before the selector and its " + idleCount
                    + " sockets, and after they were closed; new: " + difference(after, before)
                    + ", gone: " + difference(before, after));
            o.note(before.size() + " descriptors open before and after");
        }
    }

    /**
     * Runs {@code action}, then selects until one select reports exactly {@code expected}; every select
     * on the way may report only keys of {@code expected} (readiness arrives one message at a time).
     */
    private static void exactly(SctpSelector selector, Set<SctpSelectionKey> expected, Action action, String what)
            throws Exception {
        action.run();
        long end = System.nanoTime() + Associations.WAIT.toNanos();
        while (System.nanoTime() - end < 0) {
            int n = selector.select(200);
            Set<SctpSelectionKey> got = new HashSet<>(selector.selectedKeys());
            assertEquals(n, got.size(), "select's count and the selected set");
            for (SctpSelectionKey k : got) {
                if (!expected.contains(k)) {
                    throw new AssertionFailedError("a key was selected that has nothing queued: " + k
                            + " (attachment " + k.attachment() + "), awaiting " + what);
                }
                assertTrue(k.isReadable(), "selected for reading: " + k);
            }
            if (got.equals(expected)) {
                return;
            }
        }
        throw new AssertionFailedError("never selected together: " + what);
    }

    /** Something that may fail. */
    private interface Action {
        void run() throws Exception;
    }

    /** A receive call of one socket. */
    private interface Receive {
        SctpReceived receive(ByteBuffer buf) throws SctpException;
    }

    /** Receives without waiting until nothing is queued; counts data messages. */
    private static int drainNow(Receive receive) throws SctpException {
        ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);
        int data = 0;
        for (SctpReceived got; (got = receive.receive(buf.clear())) != null; ) {
            if (got instanceof SctpData) {
                data++;
            }
        }
        return data;
    }

    private static Set<Integer> difference(Set<Integer> a, Set<Integer> b) {
        Set<Integer> d = new TreeSet<>(a);
        d.removeAll(b);
        return d;
    }

    /**
     * Fails, naming the limit, when this process may not open {@code needed} descriptors: a too low
     * {@code RLIMIT_NOFILE} is the environment's fault, not the provider's, but the case cannot run
     * without it (inside {@code harness/linux-vm} the JVM has 65,536).
     */
    private static void requireDescriptors(int needed) {
        OptionalLong limit = openFilesLimit();
        if (limit.isPresent() && limit.getAsLong() < needed) {
            throw new AssertionFailedError("this case needs " + needed + " descriptors and this process may open only "
                    + limit.getAsLong() + " (RLIMIT_NOFILE, /proc/self/limits); raise it (ulimit -n) to run the TCK");
        }
    }

    /** @return the soft "Max open files" of {@code /proc/self/limits} (Linux), else empty */
    private static OptionalLong openFilesLimit() {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.isReadable(limits)) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(limits)) {
                if (line.startsWith("Max open files")) {
                    String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                    return "unlimited".equals(f[0]) ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(f[0]));
                }
            }
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    // ---------------------------------------------------------------------------------------------
    // 1,000 virtual threads on two carriers
    // ---------------------------------------------------------------------------------------------

    /**
     * Proves that a virtual thread blocked in {@code receive} parks instead of holding its carrier:
     * 1,000 virtual threads, scheduled on exactly two carriers, each block in {@code receive} on its own
     * peeled socket, and every one of them must reach its wait (with a pinned carrier at most two could);
     * then eight more virtual threads on the same two carriers send three numbered messages to every
     * association (with both carriers pinned they could not run at all). Every message must arrive
     * exactly once, on its own association's socket, and nothing more be queued afterwards.
     */
    @Test
    @Tag(VIRTUAL_THREADS_TAG)
    @Timeout(value = 900, unit = TimeUnit.SECONDS)
    void virtual_threads_blocked_in_receive_on_1000_peeled_sockets_leave_two_carriers_free(Observed o)
            throws Exception {
        SctpProvider p = provider();
        ThreadFactory virtual = virtualThreads("tck-vt-");
        int n = VIRTUAL_RECEIVERS;
        int perAssociation = 3;
        int senders = 8;
        requireDescriptors(3 * n + 200);
        o.note("Java " + Runtime.version() + ", " + n + " virtual receivers on "
                + System.getProperty("jdk.virtualThreadScheduler.parallelism") + " carriers");
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, p);
            long s0 = System.nanoTime();
            List<Link> ls = links(r, p, server, n);
            List<SctpSocket> peeled = new ArrayList<>(n);
            for (Link l : ls) {
                peeled.add(r.add(server.peelOff(l.serverSide())));
            }
            long setUp = System.nanoTime() - s0;

            AtomicIntegerArray arrived = new AtomicIntegerArray(n * perAssociation);
            AtomicInteger misdelivered = new AtomicInteger();
            List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            Set<String> carriers = ConcurrentHashMap.newKeySet();
            List<Thread> receivers = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                SctpSocket own = peeled.get(i);
                Thread t = virtual.newThread(() -> {
                    carriers.add(carrierOf(Thread.currentThread()));
                    ByteBuffer buf = ByteBuffer.allocateDirect(256);
                    try {
                        int got = 0;
                        while (got < perAssociation) {
                            SctpReceived rcv = own.receive(buf.clear());
                            carriers.add(carrierOf(Thread.currentThread()));
                            if (!(rcv instanceof SctpData d)) {
                                continue; // a notification
                            }
                            buf.flip();
                            if (d.bytes() != 8) {
                                failures.add("receiver " + index + ": a message of " + d.bytes() + " bytes");
                                return;
                            }
                            int to = buf.getInt();
                            int seq = buf.getInt();
                            if (to != index || seq < 0 || seq >= perAssociation) {
                                misdelivered.incrementAndGet();
                            } else {
                                arrived.incrementAndGet(to * perAssociation + seq);
                            }
                            got++;
                        }
                    } catch (Throwable e) {
                        failures.add("receiver " + index + ": " + e);
                    }
                });
                receivers.add(t);
            }
            long b0 = System.nanoTime();
            for (Thread t : receivers) {
                t.start();
            }
            int parked = awaitParked(receivers, "org.peeloff.Readiness", "await");
            long blocked = System.nanoTime() - b0;
            if (parked < n) {
                throw new AssertionFailedError("only " + parked + " of " + n + " virtual threads reached their wait in"
                        + " receive within " + Associations.WAIT.toSeconds() + " s: a blocked receive holds its carrier"
                        + " (carriers seen: " + carriers + "); failures: " + first(failures));
            }
            assertTrue(carriers.size() <= 2, "the receivers ran on at most two carriers: " + carriers);

            List<Thread> sending = new ArrayList<>();
            long m0 = System.nanoTime();
            for (int k = 0; k < senders; k++) {
                int first = k;
                Thread t = virtual.newThread(() -> {
                    carriers.add(carrierOf(Thread.currentThread()));
                    ByteBuffer msg = ByteBuffer.allocateDirect(8);
                    try {
                        for (int seq = 0; seq < perAssociation; seq++) {
                            for (int i = first; i < n; i += senders) {
                                msg.clear().putInt(i).putInt(seq).flip();
                                Link l = ls.get(i);
                                if (l.client().send(msg, MessageInfo.to(l.clientSide(), 0)) != 8) {
                                    failures.add("sender " + first + ": message " + seq + " to " + i + " not sent whole");
                                }
                            }
                        }
                    } catch (Throwable e) {
                        failures.add("sender " + first + ": " + e);
                    }
                });
                sending.add(t);
                t.start();
            }
            long end = System.nanoTime() + Associations.WAIT.toNanos();
            int stuckSenders = joinAll(sending, end);
            int stuckReceivers = joinAll(receivers, end);
            long delivered = System.nanoTime() - m0;
            if (stuckSenders > 0 || stuckReceivers > 0) {
                throw new AssertionFailedError(stuckSenders + " of " + senders + " sending virtual threads and "
                        + stuckReceivers + " of " + n + " receivers did not finish within " + Associations.WAIT.toSeconds()
                        + " s (carriers pinned?); carriers seen: " + carriers + "; failures: " + first(failures));
            }
            assertEquals(List.of(), failures, "no receiver or sender failed");
            assertEquals(0, misdelivered.get(), "messages that arrived on another association's socket");
            List<String> wrong = new ArrayList<>();
            for (int i = 0; i < n * perAssociation; i++) {
                if (arrived.get(i) != 1 && wrong.size() < 10) {
                    wrong.add("association " + (i / perAssociation) + " message " + (i % perAssociation) + ": "
                            + arrived.get(i) + " times");
                }
            }
            assertEquals(List.of(), wrong, "every message exactly once");
            int extra = 0;
            for (SctpSocket s : peeled) {
                s.configureBlocking(false);
                extra += drainNow(s::receive);
            }
            assertEquals(0, extra, "nothing more queued on the peeled sockets (no message twice)");
            assertTrue(carriers.size() <= 2, "every virtual thread ran on one of at most two carriers: " + carriers);
            o.note(String.format(java.util.Locale.ROOT, "%d associations set up and peeled off in %d ms; %d virtual"
                            + " receivers parked in %d ms; %d messages delivered in %d ms; carriers %s",
                    n, TimeUnit.NANOSECONDS.toMillis(setUp), n, TimeUnit.NANOSECONDS.toMillis(blocked),
                    n * perAssociation, TimeUnit.NANOSECONDS.toMillis(delivered), new TreeSet<>(carriers)));
        }
    }

    /**
     * A factory of virtual threads on JDK 21+, reached by reflection ({@code Thread.ofVirtual()}), after
     * checking the scheduler has exactly two carriers. Aborts (or fails, when the runner requires the
     * case) otherwise.
     */
    private static ThreadFactory virtualThreads(String prefix) {
        boolean required = "required".equals(System.getProperty(VIRTUAL_THREADS_PROPERTY));
        String why = null;
        ThreadFactory f = null;
        try {
            Method ofVirtual = Thread.class.getMethod("ofVirtual");
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Object b = ofVirtual.invoke(null);
            b = builder.getMethod("name", String.class, long.class).invoke(b, prefix, 0L);
            f = (ThreadFactory) builder.getMethod("factory").invoke(b);
        } catch (NoSuchMethodException | ClassNotFoundException e) {
            why = "needs JDK 21+ for virtual threads (Thread.ofVirtual()); this is Java " + Runtime.version()
                    + " (harness/kernel-tests runs this case again on the newest JDK it finds)";
        } catch (IllegalAccessException | InvocationTargetException e) {
            why = "cannot create virtual threads: " + e;
        }
        if (why == null) {
            String parallelism = System.getProperty("jdk.virtualThreadScheduler.parallelism");
            String maxPool = System.getProperty("jdk.virtualThreadScheduler.maxPoolSize");
            if (!"2".equals(parallelism) || !"2".equals(maxPool)) {
                why = "needs exactly two carriers, fixed at JVM start: -Djdk.virtualThreadScheduler.parallelism=2"
                        + " -Djdk.virtualThreadScheduler.maxPoolSize=2 (given: " + parallelism + ", " + maxPool + ")";
            }
        }
        if (why != null) {
            if (required) {
                throw new AssertionFailedError(why + "; -D" + VIRTUAL_THREADS_PROPERTY + "=required");
            }
            Assumptions.abort(why);
        }
        return f;
    }

    /** @return the carrier a virtual thread runs on, from its {@code toString()} ("...@ForkJoinPool-1-worker-1") */
    private static String carrierOf(Thread t) {
        String s = t.toString();
        int at = s.lastIndexOf('@');
        return at < 0 ? "?" + s : s.substring(at + 1);
    }

    /**
     * Waits until every thread is parked ({@code WAITING}) inside {@code type.method}.
     *
     * @return how many are
     */
    private static int awaitParked(List<Thread> threads, String type, String method) throws InterruptedException {
        long end = System.nanoTime() + Associations.WAIT.toNanos();
        int parked = 0;
        while (System.nanoTime() - end < 0) {
            parked = 0;
            for (Thread t : threads) {
                if (t.getState() == Thread.State.WAITING) {
                    parked++;
                }
            }
            if (parked == threads.size()) {
                break;
            }
            Thread.sleep(20);
        }
        if (parked < threads.size()) {
            return parked;
        }
        int inside = 0;
        for (Thread t : threads) {
            for (StackTraceElement e : t.getStackTrace()) {
                if (e.getClassName().equals(type) && e.getMethodName().equals(method)) {
                    inside++;
                    break;
                }
            }
        }
        if (inside < threads.size()) {
            throw new AssertionFailedError((threads.size() - inside) + " of " + threads.size()
                    + " parked threads are not waiting in " + type + "." + method);
        }
        return parked;
    }

    /** @return how many threads were still alive at {@code end} */
    private static int joinAll(List<Thread> threads, long end) throws InterruptedException {
        int alive = 0;
        for (Thread t : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
            if (left > 0) {
                t.join(left);
            }
            if (t.isAlive()) {
                alive++;
            }
        }
        return alive;
    }

    private static String first(List<String> failures) {
        return failures.isEmpty() ? "none" : failures.subList(0, Math.min(5, failures.size())).toString();
    }

    // ---------------------------------------------------------------------------------------------
    // close wakes 100 blocked threads
    // ---------------------------------------------------------------------------------------------

    /**
     * Proves that {@code close()} of a peeled socket on which 100 platform threads are blocked in
     * {@code receive} wakes every one of them with {@link SctpClosedException}, all within 2 s (a bound,
     * not a timing target), and that only the socket's own descriptor is gone afterwards.
     */
    @Test
    void close_wakes_100_threads_blocked_in_receive_on_a_peeled_socket_and_leaks_no_descriptor(Observed o)
            throws Exception {
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket server = server(r, provider());
            Link link = Associations.link(r, provider(), server);
            SctpSocket victim = r.add(server.peelOff(link.serverSide()));
            closeWakesBlocked(victim.rawDescriptor(), victim::receive, victim::close, o);
        }
    }

    /**
     * As for a peeled socket, on a one-to-many socket with an association: 100 platform threads blocked
     * in {@code receive} all get {@link SctpClosedException} within 2 s, and only its descriptor is gone.
     */
    @Test
    void close_wakes_100_threads_blocked_in_receive_on_a_one_to_many_socket_and_leaks_no_descriptor(Observed o)
            throws Exception {
        try (Cleanup r = new Cleanup()) {
            SctpMultiSocket victim = server(r, provider());
            Associations.link(r, provider(), victim);
            Associations.drain(victim);
            closeWakesBlocked(victim.rawDescriptor(), victim::receive, victim::close, o);
        }
    }

    private static void closeWakesBlocked(int fd, Receive receive, Action close, Observed o) throws Exception {
        Descriptors.assumeCountable();
        List<Thread> threads = new ArrayList<>();
        List<AtomicReference<Object>> outcomes = new ArrayList<>();
        java.util.concurrent.atomic.AtomicLongArray wokenAt = new java.util.concurrent.atomic.AtomicLongArray(BLOCKED);
        for (int i = 0; i < BLOCKED; i++) {
            AtomicReference<Object> outcome = new AtomicReference<>();
            int index = i;
            Thread t = new Thread(() -> {
                try {
                    outcome.set(receive.receive(ByteBuffer.allocate(256)));
                } catch (Throwable e) {
                    wokenAt.set(index, System.nanoTime());
                    outcome.set(e);
                }
            }, "tck-blocked-" + i);
            t.setDaemon(true);
            outcomes.add(outcome);
            threads.add(t);
            t.start();
        }
        int parked = awaitParked(threads, "org.peeloff.Readiness", "await");
        assertEquals(BLOCKED, parked, "every receiver blocked (parked in the readiness wait)");
        // the readiness thread and its backend exist now: the table only loses the socket's descriptor
        SortedSet<Integer> before = Descriptors.open();
        assertTrue(before.contains(fd), "the socket's descriptor " + fd + " is open");
        long t0 = System.nanoTime();
        close.run();
        long end = System.nanoTime() + Associations.WAIT.toNanos();
        int alive = joinAll(threads, end);
        long joined = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertEquals(0, alive, "threads still blocked after close()");
        long last = t0;
        for (int i = 0; i < BLOCKED; i++) {
            last = Math.max(last, wokenAt.get(i));
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(last - t0);
        Associations.assertAllClosed(BLOCKED, outcomes);
        assertTrue(ms < PROMPT_MILLIS, "the last of " + BLOCKED + " had its SctpClosedException " + ms
                + " ms after close() (bound " + PROMPT_MILLIS + " ms)");
        SortedSet<Integer> after = Descriptors.open();
        SortedSet<Integer> expected = new TreeSet<>(before);
        expected.remove(fd);
        assertEquals(expected, after, "open descriptors: before the close less the socket's own; new: "
                + difference(after, before) + ", gone: " + difference(before, after));
        o.note(BLOCKED + " blocked receivers had their SctpClosedException within " + ms + " ms of close() (all joined in "
                + joined + " ms); descriptor " + fd
                + " closed, no other descriptor opened or closed");
    }
}
