/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SendFlags;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketOption;

/**
 * What both socket styles share: the descriptor's life, blocking mode, buffers, addresses, and the
 * send/receive loops that let {@link #close()} wake a thread waiting in them.
 */
abstract sealed class AbstractSctpSocket implements AutoCloseable permits SctpMultiSocket, SctpSocket {
    /**
     * How long one wait in poll() lasts before checking for close, for a provider without a readiness
     * backend ({@link SctpProvider#openPoller()}); data wakes it at once. With a backend a blocked call
     * parks until its descriptor is ready or the socket is closed, with no periodic wake-up.
     */
    static final int WAIT_SLICE_MILLIS = 50;

    private static final ThreadLocal<ReceiveInfo> INFO = ThreadLocal.withInitial(ReceiveInfo::new);
    /** How long a platform thread polls itself before it parks on the readiness backend. */
    static final int DIRECT_WAIT_MILLIS = 1;
    /**
     * How long a platform thread's blocking {@code recvmsg}/{@code sendmsg} waits in the kernel before it
     * parks on the readiness backend, where the provider bounds that wait
     * ({@link SctpProvider#setBlockingWaitLimit}); the kernel rounds it up to one clock tick (1 to 4 ms on
     * Linux). A message or room that comes within it then costs one system call, as with the JDK.
     */
    static final int KERNEL_WAIT_MICROS = 1000;
    /** {@link #kernelWait}: not set on the descriptor (yet, or cleared). */
    private static final int KERNEL_WAIT_UNSET = 0;
    /** {@link #kernelWait}: set; blocking calls wait in the kernel. */
    private static final int KERNEL_WAIT_SET = 1;
    /** {@link #kernelWait}: the provider does not offer it, or setting it failed: the poll path for good. */
    private static final int KERNEL_WAIT_NONE = -1;
    /** {@code Thread.isVirtual()} (JDK 21+), or null on the JDK 17 this library also runs on. */
    private static final java.lang.invoke.MethodHandle IS_VIRTUAL = isVirtualHandle();

    private static java.lang.invoke.MethodHandle isVirtualHandle() {
        try {
            return java.lang.invoke.MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    java.lang.invoke.MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private static boolean isVirtual(Thread t) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(t);
        } catch (Throwable e) {
            return false;
        }
    }

    final SctpProvider provider;
    final Descriptor descriptor;
    private volatile boolean blocking;
    /** Notifications {@link #receiveWhole0} met inside a message, handed out first by the next receive. */
    private volatile java.util.Queue<SctpReceived> stashed;
    private final Object subscriptionLock = new Object();
    /** Whether the descriptor holds the kernel wait limit ({@code KERNEL_WAIT_*}). */
    private volatile int kernelWait = KERNEL_WAIT_UNSET;

    AbstractSctpSocket(SctpProvider provider, int fd, boolean blocking) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.descriptor = new Descriptor(provider, fd);
        this.blocking = blocking;
    }

    /** @return the provider this socket uses */
    public final SctpProvider provider() {
        return provider;
    }

    /**
     * The native descriptor, for interoperation (for instance a raw {@link SctpProvider} call). It
     * stays owned by this socket: do not close it, and do not use it after {@link #close()}.
     *
     * @return the descriptor number
     */
    public final int rawDescriptor() {
        return descriptor.number();
    }

    /** @return true until {@link #close()} is called */
    public final boolean isOpen() {
        return !descriptor.isClosed();
    }

    /**
     * Sets blocking or non-blocking mode (the descriptor's {@code O_NONBLOCK}).
     *
     * @param block true for blocking
     * @throws SctpException when closed or the native call fails
     */
    public final void configureBlocking(boolean block) throws SctpException {
        int fd = descriptor.acquire("configureBlocking");
        try {
            provider.setBlocking(fd, block);
            blocking = block;
        } finally {
            descriptor.release();
        }
    }

    /** @return true in blocking mode */
    public final boolean isBlocking() {
        return blocking;
    }

    /**
     * @return {@code SO_SNDBUF}
     * @throws SctpException when closed or the native call fails
     */
    public final int getSendBufferSize() throws SctpException {
        return getOption(SocketOption.SEND_BUFFER);
    }

    /**
     * @param bytes the requested {@code SO_SNDBUF} (the OS may round it)
     * @throws SctpException when closed or the native call fails
     */
    public final void setSendBufferSize(int bytes) throws SctpException {
        setOption(SocketOption.SEND_BUFFER, positive(bytes, "send buffer size"));
    }

    /**
     * @return {@code SO_RCVBUF}
     * @throws SctpException when closed or the native call fails
     */
    public final int getReceiveBufferSize() throws SctpException {
        return getOption(SocketOption.RECEIVE_BUFFER);
    }

    /**
     * @param bytes the requested {@code SO_RCVBUF} (the OS may round it)
     * @throws SctpException when closed or the native call fails
     */
    public final void setReceiveBufferSize(int bytes) throws SctpException {
        setOption(SocketOption.RECEIVE_BUFFER, positive(bytes, "receive buffer size"));
    }

    /**
     * @param on true to set {@code SCTP_NODELAY}
     * @throws SctpException when closed or the native call fails
     */
    public final void setNoDelay(boolean on) throws SctpException {
        setOption(SocketOption.NODELAY, on ? 1 : 0);
    }

    /**
     * Reads a typed option ({@link SctpOptions}); on a one-to-many socket the socket-wide value, the
     * default for associations set up later.
     *
     * @param option the option
     * @param <T>    its value type
     * @return the value
     * @throws SctpException {@code UNSUPPORTED} naming the option where the OS lacks it;
     *                       {@code INVALID_ARGUMENT} for a set-only option; when closed or the call fails
     */
    public final <T> T getOption(SctpOption<T> option) throws SctpException {
        return getOption0(option, 0);
    }

    /**
     * Sets a typed option ({@link SctpOptions}); on a one-to-many socket the socket-wide value.
     *
     * @param option the option
     * @param value  the value
     * @param <T>    its value type
     * @throws SctpException {@code UNSUPPORTED} naming the option where the OS lacks it;
     *                       {@code INVALID_ARGUMENT} for a read-only option or a value the OS refuses
     * @throws IllegalArgumentException for a value out of range (SO_LINGER below -1, a buffer size not positive)
     */
    public final <T> void setOption(SctpOption<T> option, T value) throws SctpException {
        setOption0(option, value, 0);
    }

    final <T> T getOption0(SctpOption<T> option, int assocId) throws SctpException {
        java.util.Objects.requireNonNull(option, "option");
        int fd = descriptor.acquire("getOption");
        try {
            return provider.getOption(fd, option, assocId);
        } finally {
            descriptor.release();
        }
    }

    final <T> void setOption0(SctpOption<T> option, T value, int assocId) throws SctpException {
        java.util.Objects.requireNonNull(option, "option");
        java.util.Objects.requireNonNull(value, "value");
        if (option == SctpOptions.SO_LINGER && (Integer) value < -1) {
            throw new IllegalArgumentException("SO_LINGER must be -1 (off) or seconds >= 0: " + value);
        }
        if ((option == SctpOptions.SO_SNDBUF || option == SctpOptions.SO_RCVBUF)) {
            positive((Integer) value, option.name());
        }
        int fd = descriptor.acquire("setOption");
        try {
            provider.setOption(fd, option, value, assocId);
        } finally {
            descriptor.release();
        }
    }

    /**
     * @return the local addresses this socket is bound to
     * @throws SctpException when closed or the native call fails
     */
    public final List<InetSocketAddress> localAddresses() throws SctpException {
        int fd = descriptor.acquire("localAddresses");
        try {
            return provider.localAddresses(fd);
        } finally {
            descriptor.release();
        }
    }

    /**
     * Closes the socket. Idempotent. A thread blocked in {@code receive} or {@code send} on it wakes
     * with {@link SctpClosedException}; the native descriptor is closed once no call is using it.
     *
     * @throws SctpException when the native close fails
     */
    @Override
    public final void close() throws SctpException {
        descriptor.close();
    }

    /** {@code bind()} through the provider, with the descriptor held for the call. */
    final void bind0(InetSocketAddress local) throws SctpException {
        Objects.requireNonNull(local, "local");
        int fd = descriptor.acquire("bind");
        try {
            provider.bind(fd, local);
        } finally {
            descriptor.release();
        }
    }

    /**
     * Binds to several local addresses: the first with {@code bind()}, the others added with
     * {@code sctp_bindx()} on the port the first got (an address given with port 0 takes that port).
     */
    final void bindAll0(List<InetSocketAddress> locals) throws SctpException {
        if (locals.isEmpty()) {
            throw new IllegalArgumentException("no address to bind");
        }
        bind0(locals.get(0));
        if (locals.size() > 1) {
            int port = localAddresses().get(0).getPort();
            List<InetSocketAddress> rest = new ArrayList<>();
            for (InetSocketAddress a : locals.subList(1, locals.size())) {
                rest.add(a.getPort() == 0 ? new InetSocketAddress(a.getAddress(), port) : a);
            }
            bindx0(rest, true);
        }
    }

    /** {@code sctp_bindx()} through the provider (a copy of the list), with the descriptor held for the call. */
    final void bindx0(List<InetSocketAddress> addresses, boolean add) throws SctpException {
        List<InetSocketAddress> copy = List.copyOf(addresses);
        int fd = descriptor.acquire("bindx");
        try {
            provider.bindx(fd, copy, add);
        } finally {
            descriptor.release();
        }
    }

    /** {@code connect()} through the provider, with the descriptor held for the call. */
    final void connect0(InetSocketAddress remote) throws SctpException {
        Objects.requireNonNull(remote, "remote");
        int fd = descriptor.acquire("connect");
        try {
            clearKernelWait(fd);
            provider.connect(fd, remote);
        } finally {
            descriptor.release();
        }
    }

    /**
     * The notification kinds this socket is subscribed to, as the kernel holds them. A new socket has
     * {@link SctpEventType#defaults()}; a peeled-off socket starts with its one-to-many socket's.
     *
     * @return the kinds delivered by {@code receive}
     * @throws SctpException {@code UNSUPPORTED} where the provider cannot read the subscription
     */
    public final Set<SctpEventType> subscriptions() throws SctpException {
        int fd = descriptor.acquire("subscriptions");
        try {
            return provider.events(fd);
        } finally {
            descriptor.release();
        }
    }

    /**
     * Sets the subscription to exactly these kinds: they are delivered by {@code receive}, the others
     * not. Kinds the provider does not deliver on this OS ({@link Capabilities#notifications()}) fail
     * {@link SctpError#UNSUPPORTED} naming them, and the subscription stays as it was.
     *
     * @param types the kinds to deliver (may be empty)
     * @throws SctpException on failure
     */
    public final void setSubscriptions(Set<SctpEventType> types) throws SctpException {
        Objects.requireNonNull(types, "types");
        int fd = descriptor.acquire("setSubscriptions");
        try {
            provider.setEvents(fd, types);
        } finally {
            descriptor.release();
        }
    }

    /**
     * Adds kinds to the subscription (the others stay as they are).
     *
     * @param types the kinds to deliver as well
     * @throws SctpException on failure, e.g. {@code UNSUPPORTED} naming a kind this OS does not deliver
     */
    public final void subscribe(SctpEventType... types) throws SctpException {
        change(true, types);
    }

    /**
     * Removes kinds from the subscription (the others stay as they are).
     *
     * @param types the kinds to stop delivering
     * @throws SctpException on failure
     */
    public final void unsubscribe(SctpEventType... types) throws SctpException {
        change(false, types);
    }

    private void change(boolean on, SctpEventType... types) throws SctpException {
        Objects.requireNonNull(types, "types");
        synchronized (subscriptionLock) {
            change0(on, types);
        }
    }

    /** Read, change, write: two subscribe calls on one socket do not lose each other's kinds. */
    private void change0(boolean on, SctpEventType... types) throws SctpException {
        EnumSet<SctpEventType> asked = EnumSet.noneOf(SctpEventType.class);
        for (SctpEventType t : types) {
            asked.add(Objects.requireNonNull(t, "type"));
        }
        int fd = descriptor.acquire(on ? "subscribe" : "unsubscribe");
        try {
            Set<SctpEventType> now = provider.events(fd);
            EnumSet<SctpEventType> next = now.isEmpty() ? EnumSet.noneOf(SctpEventType.class) : EnumSet.copyOf(now);
            if (on) {
                next.addAll(asked);
            } else {
                next.removeAll(asked);
            }
            if (!next.equals(now)) {
                provider.setEvents(fd, next);
            }
        } finally {
            descriptor.release();
        }
    }

    final int getOption(SocketOption option) throws SctpException {
        int fd = descriptor.acquire("getOption");
        try {
            return provider.getOption(fd, option);
        } finally {
            descriptor.release();
        }
    }

    final void setOption(SocketOption option, int value) throws SctpException {
        int fd = descriptor.acquire("setOption");
        try {
            provider.setOption(fd, option, value);
        } finally {
            descriptor.release();
        }
    }

    final int send0(ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid, boolean unordered)
            throws SctpException {
        return send0(src, assocId, to, stream, ppid, unordered ? SendFlags.UNORDERED : 0, 0);
    }

    /** A send with {@link SendFlags} and a time-to-live; the plain {@code send} of the SPI when it has neither. */
    final int send0(ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid, int flags, int ttl)
            throws SctpException {
        Objects.requireNonNull(src, "src");
        boolean plain = (flags & ~SendFlags.UNORDERED) == 0 && ttl == 0;
        boolean unordered = (flags & SendFlags.UNORDERED) != 0;
        int fd = descriptor.acquire("send");
        try {
            while (true) {
                boolean inKernel = blocking && kernelWait(fd);
                int n = plain ? provider.send(fd, src, assocId, to, stream, ppid, unordered, !inKernel)
                        : provider.sendMessage(fd, src, assocId, to, stream, ppid, flags, ttl, !inKernel);
                if (n >= 0 || !blocking) {
                    return Math.max(n, 0);
                }
                awaitReady(fd, true, "send", inKernel);
            }
        } finally {
            descriptor.release();
        }
    }

    final SctpReceived receive0(ByteBuffer dst) throws SctpException {
        return receive0(dst, blocking);
    }

    /**
     * Receives one message whole (see {@link SctpSocket#receiveWhole}): pieces until {@code complete()},
     * notifications that come in between kept for the next receive.
     */
    final SctpReceived receiveWhole0(ByteBuffer dst) throws SctpException {
        Objects.requireNonNull(dst, "dst");
        int start = dst.position();
        SctpData first = null;
        while (true) {
            // the first receive waits as the socket's mode says; once a message has begun, its rest is awaited
            SctpReceived r = receive0(dst, first != null || blocking);
            if (r == null) {
                return null;
            }
            if (!(r instanceof SctpData d)) {
                if (first == null) {
                    return r;
                }
                stash(r);
                continue;
            }
            if (first == null) {
                first = d;
            } else if (!d.association().equals(first.association()) || d.stream() != first.stream()) {
                throw SctpException.rejected(SctpError.OTHER, "receiveWhole(fd=" + descriptor.number() + ")",
                        "a piece of another message (" + d.association() + ", stream " + d.stream() + ") arrived"
                                + " inside a message of " + first.association() + " stream " + first.stream()
                                + " (fragment interleave is on): the buffer holds both, from position " + start);
            }
            int total = dst.position() - start;
            if (d.complete()) {
                return new SctpData(first.association(), first.stream(), first.payloadProtocolId(), total, true,
                        first.unordered());
            }
            if (!dst.hasRemaining()) {
                throw SctpException.rejected(SctpError.MESSAGE_TOO_LARGE, "receiveWhole(fd=" + descriptor.number()
                        + ", limit=" + total + ")", "the message of " + first.association() + " on stream "
                        + first.stream() + " is longer than the " + total + " bytes the buffer had room for; the buffer"
                        + " holds its first " + total + " bytes (position advanced), the rest stays queued on the"
                        + " socket: the next receive returns it in pieces, complete() true on the last");
            }
        }
    }

    /** Keeps a notification that came inside a message being reassembled, for the next receive. */
    private void stash(SctpReceived r) {
        java.util.Queue<SctpReceived> q = stashed;
        if (q == null) {
            synchronized (this) {
                q = stashed;
                if (q == null) {
                    q = new java.util.concurrent.ConcurrentLinkedQueue<>();
                    stashed = q;
                }
            }
        }
        q.add(r);
    }

    final SctpReceived receive0(ByteBuffer dst, boolean wait) throws SctpException {
        Objects.requireNonNull(dst, "dst");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("read-only buffer");
        }
        java.util.Queue<SctpReceived> q = stashed;
        SctpReceived kept = q == null ? null : q.poll();
        if (kept != null) {
            if (descriptor.isClosed()) {
                throw new SctpClosedException("receive(fd=" + descriptor.number() + ")", false);
            }
            return kept;
        }
        int fd = descriptor.acquire("receive");
        try {
            ReceiveInfo info = INFO.get();
            while (true) {
                info.reset();
                boolean inKernel = wait && blocking && kernelWait(fd);
                boolean got;
                try {
                    got = provider.receive(fd, dst, info, !inKernel);
                } catch (SctpException e) {
                    failed(e);
                    throw e;
                }
                if (got) {
                    SctpReceived r = toReceived(info);
                    received(r);
                    return r;
                }
                if (nothingToCome()) {
                    throw SctpException.rejected(SctpError.NOT_CONNECTED, "recvmsg(fd=" + fd + ")",
                            "the socket has no association and none can come (never connected, or its association ended);"
                                    + " nothing is queued");
                }
                if (!wait) {
                    return null;
                }
                awaitReady(fd, false, "receive", inKernel);
            }
        } finally {
            descriptor.release();
        }
    }

    /**
     * @return true when nothing can arrive any more and an empty queue means {@code NOT_CONNECTED}
     *         (a one-to-one socket never connected, or whose association ended); false here
     */
    boolean nothingToCome() {
        return false;
    }

    /**
     * Called with what a receive returned, before it is handed to the caller.
     *
     * @param r what was received
     */
    void received(SctpReceived r) {
    }

    /**
     * Called with a receive's failure, before it is thrown.
     *
     * @param e the failure
     */
    void failed(SctpException e) {
    }

    /**
     * Whether this call waits in the kernel: a blocking {@code recvmsg}/{@code sendmsg} bounded by
     * {@link #KERNEL_WAIT_MICROS}, for a platform thread on a socket that {@link #kernelWaitAllowed}, where
     * the provider offers it. The limit is set on the descriptor once, at the first such call; a failure
     * to set it leaves the socket on the poll path (nothing is lost: that path is the one used without it).
     * A virtual thread never waits in the kernel (it would hold its carrier).
     */
    private boolean kernelWait(int fd) {
        int k = kernelWait;
        if (k == KERNEL_WAIT_NONE || !kernelWaitAllowed() || isVirtual(Thread.currentThread())) {
            return false;
        }
        if (k == KERNEL_WAIT_SET) {
            return true;
        }
        synchronized (subscriptionLock) {
            if (kernelWait == KERNEL_WAIT_UNSET) {
                boolean set;
                try {
                    set = provider.setBlockingWaitLimit(fd, KERNEL_WAIT_MICROS);
                } catch (SctpException | RuntimeException e) {
                    set = false;
                }
                kernelWait = set ? KERNEL_WAIT_SET : KERNEL_WAIT_NONE;
            }
            return kernelWait == KERNEL_WAIT_SET;
        }
    }

    /** Clears the kernel wait limit before a call it would also bound (a blocking connect). */
    private void clearKernelWait(int fd) throws SctpException {
        if (kernelWait == KERNEL_WAIT_SET) {
            synchronized (subscriptionLock) {
                if (kernelWait == KERNEL_WAIT_SET) {
                    provider.setBlockingWaitLimit(fd, 0);
                    kernelWait = KERNEL_WAIT_UNSET;
                }
            }
        }
    }

    /**
     * @return true where a blocking receive or send may wait in the kernel (bounded): false here; a
     *         connected one-to-one socket says true (a one-to-many socket never does: a sender waiting
     *         in the kernel on it would make a peel-off of its association fail EBUSY)
     */
    boolean kernelWaitAllowed() {
        return false;
    }

    /**
     * Waits until the descriptor is ready or the socket is closed.
     *
     * @param waited true when the call just waited its bounded time in the kernel: then no short
     *               {@code poll} first, straight to the readiness backend
     */
    private void awaitReady(int fd, boolean write, String op, boolean waited) throws SctpException {
        Readiness readiness = Readiness.of(provider);
        if (readiness != null) {
            // A platform thread first waits one short moment itself (unless it just did, in the kernel):
            // a message or room that comes within it costs one poll() instead of two thread hand-offs
            // through the readiness thread. A virtual thread never does (it would hold its carrier); both
            // then park, and close() wakes them at once.
            if (waited && descriptor.isClosed()) {
                throw new SctpClosedException(op + "(fd=" + fd + ")", true);
            }
            if (!waited && !isVirtual(Thread.currentThread()) && provider.poll(fd, write, DIRECT_WAIT_MILLIS)) {
                if (descriptor.isClosed()) {
                    throw new SctpClosedException(op + "(fd=" + fd + ")", true);
                }
                return;
            }
            readiness.await(descriptor, fd, write, op);
            return;
        }
        while (!provider.poll(fd, write, WAIT_SLICE_MILLIS)) {
            if (descriptor.isClosed()) {
                throw new SctpClosedException(op + "(fd=" + fd + ")", true);
            }
        }
        if (descriptor.isClosed()) {
            throw new SctpClosedException(op + "(fd=" + fd + ")", true);
        }
    }

    private static SctpReceived toReceived(ReceiveInfo info) {
        if (info.isNotification) {
            return info.notification != null ? info.notification
                    : new OtherNotification(AssociationId.of(info.assocId), -1, info.bytes);
        }
        return new SctpData(AssociationId.of(info.assocId), info.stream, info.ppid, info.bytes, info.complete,
                info.unordered);
    }

    static int positive(int v, String what) {
        if (v <= 0) {
            throw new IllegalArgumentException(what + " must be positive: " + v);
        }
        return v;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[fd=" + descriptor.number() + (isOpen() ? "" : ", closed")
                + ", provider=" + provider.id() + "]";
    }
}
