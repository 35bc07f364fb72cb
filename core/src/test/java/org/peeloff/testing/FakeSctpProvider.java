/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.testing;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.peeloff.Capabilities;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpException;
import org.peeloff.SctpNotification;
import org.peeloff.spi.EmulatedPeeloffFlags;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.PortableErrors;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;

/**
 * An in-memory {@link SctpProvider} that loads nothing native and records every "native" call it
 * receives, in order, with its descriptor and arguments. It can be scripted to fail the next call of
 * a given name with a given errno, to have no room for sending, and to hold threads inside
 * {@code poll()}. It also watches the descriptor discipline the public API promises and records a
 * violation for any call on a descriptor after its native close, a close while another call is still
 * using the descriptor, and a second close of the same descriptor.
 *
 * <p>Like a real idle socket, {@code receive(.., dontWait=true)} returns false when nothing is
 * queued, and {@code poll()} returns false after waiting its timeout (a delivered message wakes it
 * at once).
 *
 * <p>Calls to {@link #id()}, {@link #priority()}, {@link #matchesCurrentOs()}, {@link #isAvailable()},
 * {@link #unavailabilityCause()} and {@link #capabilities()} are not native calls and are not recorded
 * as such ({@link #availabilityChecks()} counts the loading attempts).
 */
public class FakeSctpProvider implements SctpProvider {
    /** The {@code os.name} this fake reports in the errors it builds. */
    public static final String OS = "FakeOS";

    /** Whether an event is the start or the end of a native call. */
    public enum Phase { ENTER, EXIT }

    /**
     * One step of a native call.
     *
     * @param seq    position in the log (strictly increasing)
     * @param phase  start or end of the call
     * @param call   the SPI method name ({@code send}, {@code close}, ...)
     * @param fd     the descriptor it was made on (-1 for {@code socket})
     * @param args   the other arguments, as received
     * @param thread the calling thread's name
     */
    public record Event(long seq, Phase phase, String call, int fd, List<Object> args, String thread) {
        @Override
        public String toString() {
            return seq + " " + phase + " " + call + "(fd=" + fd + ", " + args + ") on " + thread;
        }
    }

    /**
     * A message waiting to be received.
     *
     * @param payload      its bytes
     * @param assocId      the association id the receive reports
     * @param stream       its stream
     * @param ppid         its payload protocol id
     * @param unordered    whether it was sent unordered
     * @param notification the parsed notification (null for data)
     * @param notificationFlag true when the message is a notification ({@code MSG_NOTIFICATION})
     */
    public record Message(byte[] payload, int assocId, int stream, int ppid, boolean unordered,
                          SctpNotification notification, boolean notificationFlag) {
        /**
         * @return a data message
         */
        public static Message data(byte[] payload, int assocId, int stream, int ppid, boolean unordered) {
            return new Message(payload, assocId, stream, ppid, unordered, null, false);
        }

        /**
         * @return a notification message
         */
        public static Message notification(int length, int assocId, SctpNotification parsed) {
            return new Message(new byte[length], assocId, 0, 0, false, parsed, true);
        }
    }

    private final String id;
    private final int priority;
    private final boolean matchesOs;
    private volatile boolean available = true;
    private volatile Throwable cause;
    private volatile Capabilities.FlagSupport flagSupport = Capabilities.FlagSupport.ATOMIC;
    private final AtomicInteger availabilityChecks = new AtomicInteger();

    private final AtomicInteger nextFd = new AtomicInteger(100);
    private final List<Event> log = new ArrayList<>();
    private long seq;
    private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
    private final Map<Integer, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    private final Set<Integer> closed = ConcurrentHashMap.newKeySet();
    private final Map<String, Queue<Exception>> failures = new ConcurrentHashMap<>();

    private final Object readiness = new Object();
    private final Map<Integer, Queue<Message>> queues = new ConcurrentHashMap<>();
    private final Set<Integer> noRoom = ConcurrentHashMap.newKeySet();
    private final Map<Integer, Integer> waitLimits = new ConcurrentHashMap<>();
    private volatile boolean kernelWait;
    private volatile CountDownLatch pollGate;

    private final Map<Integer, Boolean> blocking = new ConcurrentHashMap<>();
    private final Map<Integer, Boolean> closeOnExec = new ConcurrentHashMap<>();
    private final Map<Integer, Map<SocketOption, Integer>> options = new ConcurrentHashMap<>();
    private final Map<Integer, List<InetSocketAddress>> locals = new ConcurrentHashMap<>();
    private volatile List<InetSocketAddress> peers = List.of();
    private volatile int[] associations = new int[0];

    /** A fake with id {@code fake}, priority 0, made for this OS, available. */
    public FakeSctpProvider() {
        this("fake", 0, true);
    }

    /**
     * @param id        its id
     * @param priority  its priority
     * @param matchesOs what its OS check answers
     */
    public FakeSctpProvider(String id, int priority, boolean matchesOs) {
        this.id = id;
        this.priority = priority;
        this.matchesOs = matchesOs;
    }

    // ---- scripting ---------------------------------------------------------------------------

    /**
     * Makes {@link #isAvailable()} false with the given cause.
     *
     * @param why the cause (may be null, to model a provider that gives none)
     * @return this
     */
    public FakeSctpProvider unavailable(Throwable why) {
        this.available = false;
        this.cause = why;
        return this;
    }

    /**
     * Makes {@link #peeloff} apply the flags the way an OS without {@code sctp_peeloff_flags} does:
     * {@link EmulatedPeeloffFlags#checkStrict} before the native call, {@link EmulatedPeeloffFlags#apply}
     * after it, and a new descriptor that inherited non-blocking mode and close-on-exec.
     *
     * @return this
     */
    public FakeSctpProvider emulatingPeeloffFlags() {
        this.flagSupport = Capabilities.FlagSupport.EMULATED;
        return this;
    }

    /**
     * The next call named {@code call} fails with this errno, mapped by {@link PortableErrors}.
     *
     * @param call      the SPI method name, e.g. {@code peeloff}, {@code setBlocking}
     * @param errnoName the symbolic errno
     * @param errno     its number
     * @return the exception that call will throw
     */
    public SctpException failNext(String call, String errnoName, int errno) {
        SctpException e = PortableErrors.exception(nativeCall(call), call + "(fake)", errno, errnoName, OS);
        failNext(call, e);
        return e;
    }

    /**
     * The next call named {@code call} throws this exception ({@link SctpException} or runtime).
     *
     * @param call the SPI method name
     * @param e    what to throw
     */
    public void failNext(String call, Exception e) {
        if (!(e instanceof SctpException) && !(e instanceof RuntimeException)) {
            throw new IllegalArgumentException("a provider can only throw SctpException or runtime exceptions");
        }
        failures.computeIfAbsent(call, k -> new ConcurrentLinkedQueue<>()).add(e);
    }

    /**
     * Queues a message on a descriptor; a thread waiting in {@code poll} for it wakes at once.
     *
     * @param fd      the descriptor
     * @param message the message
     */
    public void deliver(int fd, Message message) {
        queue(fd).add(message);
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }

    /**
     * @param fd   the descriptor
     * @param room false: {@code send(.., dontWait=true)} returns -1 and {@code poll(write)} waits
     */
    public void setRoomToSend(int fd, boolean room) {
        if (room) {
            noRoom.remove(fd);
        } else {
            noRoom.add(fd);
        }
        synchronized (readiness) {
            readiness.notifyAll();
        }
    }

    /**
     * From now on {@code poll} holds every caller until the returned latch is counted down (as a
     * thread that sits in the kernel until it is scheduled again), then answers as usual.
     *
     * @return the gate to open
     */
    public CountDownLatch holdPolls() {
        CountDownLatch gate = new CountDownLatch(1);
        pollGate = gate;
        return gate;
    }

    /**
     * @param ids what {@code associations} returns
     */
    public void setAssociations(int... ids) {
        associations = ids.clone();
    }

    /**
     * @param addresses what {@code peerAddresses} returns
     */
    public void setPeers(List<InetSocketAddress> addresses) {
        peers = List.copyOf(addresses);
    }

    /**
     * A descriptor the fake knows, made without any recorded call (one "obtained elsewhere").
     *
     * @param isBlocking  its initial blocking mode
     * @param isCloexec   its initial close-on-exec
     * @return the descriptor
     */
    public int descriptorFromElsewhere(boolean isBlocking, boolean isCloexec) {
        int fd = nextFd.getAndIncrement();
        blocking.put(fd, isBlocking);
        closeOnExec.put(fd, isCloexec);
        return fd;
    }

    // ---- observation -------------------------------------------------------------------------

    /** @return every event so far, in order */
    public List<Event> events() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    /** @return the native calls so far (their ENTER events), in order */
    public List<Event> calls() {
        return events().stream().filter(e -> e.phase() == Phase.ENTER).toList();
    }

    /**
     * @param call the SPI method name
     * @return the calls of that name, in order
     */
    public List<Event> calls(String call) {
        return calls().stream().filter(e -> e.call().equals(call)).toList();
    }

    /**
     * @param fd the descriptor
     * @return every event on it, in order
     */
    public List<Event> eventsOn(int fd) {
        return events().stream().filter(e -> e.fd() == fd).toList();
    }

    /**
     * @param fd the descriptor
     * @return how many times it was closed natively
     */
    public long closesOf(int fd) {
        return calls("close").stream().filter(e -> e.fd() == fd).count();
    }

    /** Forgets the recorded events (not the descriptor state nor the violations). */
    public void forgetCalls() {
        synchronized (log) {
            log.clear();
        }
    }

    /** @return the broken rules seen so far: calls after close, close while in use, double close */
    public List<String> violations() {
        synchronized (violations) {
            return List.copyOf(violations);
        }
    }

    /**
     * Waits, without sleeping blindly, until a call of that name has started on that descriptor.
     *
     * @param call    the SPI method name
     * @param fd      the descriptor
     * @param timeout how long at most
     * @return true when it has
     * @throws InterruptedException when interrupted
     */
    public boolean awaitCall(String call, int fd, Duration timeout) throws InterruptedException {
        return awaitEvents(events -> events.stream().anyMatch(
                e -> e.phase() == Phase.ENTER && e.call().equals(call) && e.fd() == fd), timeout);
    }

    /**
     * Waits until the recorded events satisfy the condition, woken by each new event.
     *
     * @param condition checked on the events so far, under the log's lock
     * @param timeout   how long at most
     * @return true when the condition holds
     * @throws InterruptedException when interrupted
     */
    public boolean awaitEvents(Predicate<List<Event>> condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (log) {
            while (!condition.test(log)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(log, left);
            }
            return true;
        }
    }

    /** @return how many times {@link #isAvailable()} was asked */
    public int availabilityChecks() {
        return availabilityChecks.get();
    }

    /**
     * @param fd the descriptor
     * @return its blocking mode as the fake's fcntl state has it
     */
    public boolean blockingState(int fd) {
        return blocking.getOrDefault(fd, true);
    }

    /**
     * @param fd the descriptor
     * @return its close-on-exec flag as the fake's fcntl state has it
     */
    public boolean closeOnExecState(int fd) {
        return closeOnExec.getOrDefault(fd, false);
    }

    // ---- recording machinery -----------------------------------------------------------------

    private void enter(String call, int fd, Object... args) throws SctpException {
        if (fd >= 0) {
            inFlight.computeIfAbsent(fd, k -> new AtomicInteger()).incrementAndGet();
            // counted before looking, so a racing close sees this call or this call sees the close
            if (closed.contains(fd)) {
                violations.add(call + " on fd " + fd + " after its native close");
            }
        }
        record(Phase.ENTER, call, fd, args);
        Queue<Exception> q = failures.get(call);
        Exception e = q == null ? null : q.poll();
        if (e != null) {
            exit(call, fd);
            if (e instanceof SctpException se) {
                throw se;
            }
            throw (RuntimeException) e;
        }
    }

    private void exit(String call, int fd) {
        record(Phase.EXIT, call, fd);
        if (fd >= 0) {
            inFlight.get(fd).decrementAndGet();
        }
    }

    private void record(Phase phase, String call, int fd, Object... args) {
        List<Object> list = Collections.unmodifiableList(new ArrayList<>(Arrays.asList(args)));
        synchronized (log) {
            log.add(new Event(seq++, phase, call, fd, list, Thread.currentThread().getName()));
            log.notifyAll();
        }
    }

    private static NativeCall nativeCall(String call) {
        return switch (call) {
            case "socket" -> NativeCall.SOCKET;
            case "bind" -> NativeCall.BIND;
            case "bindx" -> NativeCall.BINDX;
            case "listen" -> NativeCall.LISTEN;
            case "connect" -> NativeCall.CONNECT;
            case "send" -> NativeCall.SEND;
            case "receive" -> NativeCall.RECEIVE;
            case "peeloff" -> NativeCall.PEELOFF;
            case "poll" -> NativeCall.POLL;
            case "setBlocking", "isBlocking", "setCloseOnExec", "isCloseOnExec" -> NativeCall.FCNTL;
            case "getOption", "associations" -> NativeCall.GETSOCKOPT;
            case "setOption", "setBlockingWaitLimit" -> NativeCall.SETSOCKOPT;
            case "localAddresses", "peerAddresses" -> NativeCall.ADDRESSES;
            case "close" -> NativeCall.CLOSE;
            default -> throw new IllegalArgumentException("no such call: " + call);
        };
    }

    private Queue<Message> queue(int fd) {
        return queues.computeIfAbsent(fd, k -> new ConcurrentLinkedQueue<>());
    }

    private boolean ready(int fd, boolean write) {
        return write ? !noRoom.contains(fd) : !queue(fd).isEmpty();
    }

    // ---- SctpProvider: identity --------------------------------------------------------------

    @Override
    public String id() {
        return id;
    }

    @Override
    public boolean matchesCurrentOs() {
        return matchesOs;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public boolean isAvailable() {
        availabilityChecks.incrementAndGet();
        return available;
    }

    @Override
    public Throwable unavailabilityCause() {
        return available ? null : cause;
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(id, OS, "in-memory fake", flagSupport, true, true, List.of(), List.of(), Map.of());
    }

    // ---- SctpProvider: native operations -----------------------------------------------------

    @Override
    public int socket(ProtocolFamily family, SocketStyle style) throws SctpException {
        enter("socket", -1, family, style);
        try {
            return descriptorFromElsewhere(true, true);
        } finally {
            exit("socket", -1);
        }
    }

    @Override
    public void bind(int fd, InetSocketAddress address) throws SctpException {
        enter("bind", fd, address);
        try {
            InetSocketAddress bound = address.getPort() == 0 ? new InetSocketAddress(address.getAddress(), 40000) : address;
            locals.computeIfAbsent(fd, k -> Collections.synchronizedList(new ArrayList<>())).add(bound);
        } finally {
            exit("bind", fd);
        }
    }

    @Override
    public void bindx(int fd, List<InetSocketAddress> addresses, boolean add) throws SctpException {
        enter("bindx", fd, addresses, add);
        try {
            List<InetSocketAddress> mine = locals.computeIfAbsent(fd, k -> Collections.synchronizedList(new ArrayList<>()));
            if (add) {
                mine.addAll(addresses);
            } else {
                mine.removeAll(addresses);
            }
        } finally {
            exit("bindx", fd);
        }
    }

    @Override
    public void listen(int fd, int backlog) throws SctpException {
        enter("listen", fd, backlog);
        exit("listen", fd);
    }

    @Override
    public void connect(int fd, InetSocketAddress remote) throws SctpException {
        enter("connect", fd, remote);
        exit("connect", fd);
    }

    @Override
    public int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
                    boolean unordered, boolean dontWait) throws SctpException {
        enter("send", fd, src.remaining(), assocId, to, stream, ppid, unordered, dontWait);
        try {
            if (noRoom.contains(fd)) {
                if (dontWait) {
                    return -1;
                }
                if (!kernelWaitOn(fd)) {
                    throw new UnsupportedOperationException("the fake waits in send only with a wait limit set");
                }
                if (!waitInKernel(() -> !noRoom.contains(fd))) {
                    return -1; // the wait limit ran out: nothing sent
                }
            }
            int n = src.remaining();
            src.position(src.limit());
            return n;
        } finally {
            exit("send", fd);
        }
    }

    @Override
    public boolean receive(int fd, ByteBuffer dst, ReceiveInfo info, boolean dontWait) throws SctpException {
        enter("receive", fd, dontWait);
        try {
            if (!dontWait) {
                if (!kernelWaitOn(fd)) {
                    throw new UnsupportedOperationException("the fake waits in receive only with a wait limit set");
                }
                waitInKernel(() -> !queue(fd).isEmpty());
            }
            Message m = queue(fd).poll();
            if (m == null) {
                return false;
            }
            int n = Math.min(dst.remaining(), m.payload().length);
            dst.put(m.payload(), 0, n);
            info.bytes = n;
            info.assocId = m.assocId();
            info.stream = m.stream();
            info.ppid = m.ppid();
            info.unordered = m.unordered();
            info.complete = n == m.payload().length;
            info.isNotification = m.notificationFlag();
            info.notification = m.notification();
            return true;
        } finally {
            exit("receive", fd);
        }
    }

    @Override
    public int[] associations(int fd) throws SctpException {
        enter("associations", fd);
        try {
            return associations.clone();
        } finally {
            exit("associations", fd);
        }
    }

    @Override
    public int peeloff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        Objects.requireNonNull(options, "options");
        boolean emulated = flagSupport == Capabilities.FlagSupport.EMULATED;
        if (emulated) {
            EmulatedPeeloffFlags.checkStrict(this, fd, assocId, options);
        }
        int newFd;
        enter("peeloff", fd, assocId, options);
        try {
            newFd = emulated
                    ? descriptorFromElsewhere(false, true) // what an OS might let it inherit
                    : descriptorFromElsewhere(!options.contains(PeeloffOption.NONBLOCK),
                            options.contains(PeeloffOption.CLOEXEC));
        } finally {
            exit("peeloff", fd);
        }
        return emulated ? EmulatedPeeloffFlags.apply(this, newFd, options) : newFd;
    }

    /**
     * Offers {@link #setBlockingWaitLimit}: a receive or send without {@code dontWait} then waits, as a
     * kernel would, at most {@link #KERNEL_WAIT_MILLIS} for a message or room, and says nothing came
     * after it. Without this (or on a descriptor without a limit) such a call fails the test.
     *
     * @return this
     */
    public FakeSctpProvider withKernelWait() {
        kernelWait = true;
        return this;
    }

    /** How long the fake's bounded wait lasts, whatever limit was set (a clock tick of a kernel). */
    public static final int KERNEL_WAIT_MILLIS = 4;

    /**
     * @param fd the descriptor
     * @return the wait limit set on it in microseconds, 0 when none (cleared or never set)
     */
    public int waitLimit(int fd) {
        return waitLimits.getOrDefault(fd, 0);
    }

    private boolean kernelWaitOn(int fd) {
        return kernelWait && waitLimit(fd) > 0;
    }

    private boolean waitInKernel(java.util.function.BooleanSupplier ready) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(KERNEL_WAIT_MILLIS);
        synchronized (readiness) {
            while (!ready.getAsBoolean()) {
                long left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                try {
                    readiness.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ready.getAsBoolean();
                }
            }
        }
        return true;
    }

    @Override
    public boolean setBlockingWaitLimit(int fd, int micros) throws SctpException {
        enter("setBlockingWaitLimit", fd, micros);
        try {
            if (!kernelWait) {
                return false;
            }
            waitLimits.put(fd, micros);
            return true;
        } finally {
            exit("setBlockingWaitLimit", fd);
        }
    }

    @Override
    public boolean poll(int fd, boolean write, int timeoutMillis) throws SctpException {
        enter("poll", fd, write, timeoutMillis);
        try {
            CountDownLatch gate = pollGate;
            if (gate != null) {
                // a safety bound only: a test opens the gate long before
                if (!gate.await(60, TimeUnit.SECONDS)) {
                    violations.add("poll gate on fd " + fd + " was never opened");
                }
                return ready(fd, write);
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            synchronized (readiness) {
                while (!ready(fd, write)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    TimeUnit.NANOSECONDS.timedWait(readiness, left);
                }
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            exit("poll", fd);
        }
    }

    @Override
    public void setBlocking(int fd, boolean isBlocking) throws SctpException {
        enter("setBlocking", fd, isBlocking);
        try {
            blocking.put(fd, isBlocking);
        } finally {
            exit("setBlocking", fd);
        }
    }

    @Override
    public boolean isBlocking(int fd) throws SctpException {
        enter("isBlocking", fd);
        try {
            return blockingState(fd);
        } finally {
            exit("isBlocking", fd);
        }
    }

    @Override
    public boolean isCloseOnExec(int fd) throws SctpException {
        enter("isCloseOnExec", fd);
        try {
            return closeOnExecState(fd);
        } finally {
            exit("isCloseOnExec", fd);
        }
    }

    @Override
    public void setCloseOnExec(int fd, boolean cloexec) throws SctpException {
        enter("setCloseOnExec", fd, cloexec);
        try {
            closeOnExec.put(fd, cloexec);
        } finally {
            exit("setCloseOnExec", fd);
        }
    }

    @Override
    public int getOption(int fd, SocketOption option) throws SctpException {
        enter("getOption", fd, option);
        try {
            return options.getOrDefault(fd, Map.of()).getOrDefault(option, 65536);
        } finally {
            exit("getOption", fd);
        }
    }

    @Override
    public void setOption(int fd, SocketOption option, int value) throws SctpException {
        enter("setOption", fd, option, value);
        try {
            options.computeIfAbsent(fd, k -> new ConcurrentHashMap<>()).put(option, value);
        } finally {
            exit("setOption", fd);
        }
    }

    @Override
    public List<InetSocketAddress> localAddresses(int fd) throws SctpException {
        enter("localAddresses", fd);
        try {
            List<InetSocketAddress> mine = locals.getOrDefault(fd, List.of());
            synchronized (mine) {
                return List.copyOf(mine);
            }
        } finally {
            exit("localAddresses", fd);
        }
    }

    @Override
    public List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException {
        enter("peerAddresses", fd, assocId);
        try {
            return peers;
        } finally {
            exit("peerAddresses", fd);
        }
    }

    // ---- readiness backend ------------------------------------------------------------------

    private volatile boolean offersPoller;
    private final Map<Integer, int[]> watched = new ConcurrentHashMap<>(); // fd -> {events, token}
    private final AtomicInteger pollerWaits = new AtomicInteger();

    /**
     * From now on {@link #openPoller()} gives an in-memory backend (level-triggered over the same
     * readiness as {@code poll}); without this call the fake has none, as a provider written before
     * backends existed.
     *
     * @return this
     */
    public FakeSctpProvider withPoller() {
        offersPoller = true;
        return this;
    }

    /** @return the descriptors the backends watch now */
    public Set<Integer> watched() {
        return Set.copyOf(watched.keySet());
    }

    /** @return how many times a backend's wait returned */
    public int pollerWaits() {
        return pollerWaits.get();
    }

    @Override
    public org.peeloff.spi.Poller openPoller() throws SctpException {
        if (!offersPoller) {
            return SctpProvider.super.openPoller();
        }
        return new FakePoller();
    }

    private final class FakePoller implements org.peeloff.spi.Poller {
        private boolean woken;

        @Override
        public String name() {
            return "fake";
        }

        private void check(String op, int fd) {
            if (closed.contains(fd)) {
                violations.add("poller " + op + " of fd " + fd + " after its native close");
            }
        }

        @Override
        public void add(int fd, int events, int token) throws SctpException {
            check("add", fd);
            if (watched.putIfAbsent(fd, new int[] {events, token}) != null) {
                throw SctpException.rejected(org.peeloff.SctpError.INVALID_ARGUMENT, "add(fd=" + fd + ")", "watched already");
            }
            signal();
        }

        @Override
        public void modify(int fd, int events, int token) throws SctpException {
            check("modify", fd);
            if (watched.replace(fd, new int[] {events, token}) == null) {
                throw SctpException.rejected(org.peeloff.SctpError.INVALID_ARGUMENT, "modify(fd=" + fd + ")", "not watched");
            }
            signal();
        }

        @Override
        public void remove(int fd) {
            check("remove", fd);
            watched.remove(fd);
            signal();
        }

        private void signal() {
            synchronized (readiness) {
                readiness.notifyAll();
            }
        }

        @Override
        public int wait(int[] tokens, int[] events, int timeoutMillis) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, timeoutMillis));
            try {
                synchronized (readiness) {
                    while (true) {
                        int n = 0;
                        for (Map.Entry<Integer, int[]> e : watched.entrySet()) {
                            int fd = e.getKey();
                            int want = e.getValue()[0];
                            int ev = ((want & READ) != 0 && ready(fd, false) ? READ : 0)
                                    | ((want & WRITE) != 0 && ready(fd, true) ? WRITE : 0);
                            if (ev != 0 && n < tokens.length) {
                                tokens[n] = e.getValue()[1];
                                events[n++] = ev;
                            }
                        }
                        if (n > 0 || woken) {
                            woken = false;
                            return n;
                        }
                        if (timeoutMillis == 0) {
                            return 0;
                        }
                        if (timeoutMillis < 0) {
                            readiness.wait();
                        } else {
                            long left = deadline - System.nanoTime();
                            if (left <= 0) {
                                return 0;
                            }
                            TimeUnit.NANOSECONDS.timedWait(readiness, left);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } finally {
                pollerWaits.incrementAndGet();
            }
        }

        @Override
        public void wakeup() {
            synchronized (readiness) {
                woken = true;
                readiness.notifyAll();
            }
        }

        @Override
        public void close() {
        }
    }

    @Override
    public void close(int fd) throws SctpException {
        if (watched.containsKey(fd)) {
            violations.add("native close of fd " + fd + " while a readiness backend still watches it");
        }
        enter("close", fd);
        try {
            // marked before counting, so a racing call sees the close or this close sees the call
            if (!closed.add(fd)) {
                violations.add("second native close of fd " + fd);
            }
            int others = inFlight.get(fd).get() - 1; // this close is one of the calls in flight
            if (others > 0) {
                violations.add("close of fd " + fd + " while " + others + " other call(s) still use it");
            }
        } finally {
            exit("close", fd);
        }
    }
}
