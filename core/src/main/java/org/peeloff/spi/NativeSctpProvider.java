/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpEventType;
import org.peeloff.SctpException;

/**
 * The public face every native provider shares: it loads the provider's native part once, lazily,
 * keeping the cause when it cannot; it checks every argument once, before any native call, as
 * {@link SctpOperations} promises; and it hands the call to the loaded {@link SctpOperations}.
 *
 * <p>A provider extends it with its identity (id, OS and priority, given to the constructor),
 * {@link #load()} and {@link #capabilities()}. The class itself links nothing
 * native and no JNA class, so a provider whose native part is missing still loads, is listed by
 * discovery and says why it is not available.
 */
public abstract class NativeSctpProvider implements SctpProvider {
    private static final int BACKLOG_MAX = 65535;

    private final String id;
    private final String osName;
    private final int priority;
    private final Object loadLock = new Object();
    private volatile Loaded loaded;

    private record Loaded(SctpOperations operations, Throwable cause) {
    }

    /**
     * @param id       the provider id ({@code linux}, {@code solaris}, {@code aix}, ...)
     * @param osName   the {@code os.name} of the OS it is made for (compared ignoring case)
     * @param priority its priority among the providers for that OS
     */
    protected NativeSctpProvider(String id, String osName, int priority) {
        this.id = java.util.Objects.requireNonNull(id, "id");
        this.osName = java.util.Objects.requireNonNull(osName, "osName");
        this.priority = priority;
    }

    @Override
    public String id() {
        return id;
    }

    /** @return true when {@code os.name} is the OS this provider is made for; nothing native is touched */
    @Override
    public boolean matchesCurrentOs() {
        return osName.equalsIgnoreCase(System.getProperty("os.name", ""));
    }

    @Override
    public int priority() {
        return priority;
    }

    /**
     * Loads the native part. Called once, the first time the provider is asked whether it is
     * available or is used; what it throws is kept as {@link #unavailabilityCause()}.
     *
     * @return the operations
     * @throws Exception  when the provider cannot run here
     * @throws LinkageError when a native library or JNA cannot be bound
     */
    protected abstract SctpOperations load() throws Exception;

    private Loaded loaded() {
        Loaded l = loaded;
        if (l == null) {
            synchronized (loadLock) {
                l = loaded;
                if (l == null) {
                    try {
                        l = new Loaded(Objects.requireNonNull(load(), "load() returned null"), null);
                    } catch (Exception | LinkageError e) {
                        l = new Loaded(null, e);
                    }
                    loaded = l;
                }
            }
        }
        return l;
    }

    /** Loads the native part once. {@inheritDoc} */
    @Override
    public final boolean isAvailable() {
        return loaded().cause == null;
    }

    @Override
    public final Throwable unavailabilityCause() {
        return loaded().cause;
    }

    /**
     * @return the loaded operations, for {@link #capabilities()} and the provider's own tools
     * @throws SctpException {@code UNSUPPORTED_PLATFORM} naming the cause when the provider is not available
     */
    protected final SctpOperations operations() throws SctpException {
        Loaded l = loaded();
        if (l.cause != null) {
            SctpException e = new SctpException(SctpError.UNSUPPORTED_PLATFORM, "provider '" + id() + "'", 0, null,
                    System.getProperty("os.name"), "not available: " + l.cause);
            e.initCause(l.cause);
            throw e;
        }
        return l.operations;
    }

    /** @return the loaded operations, or null when the native part is not (or not yet) loaded */
    protected final SctpOperations loadedOperations() {
        Loaded l = loaded;
        return l == null ? null : l.operations;
    }

    // ------------------------------------------------------------------ argument checks, once

    private static InetSocketAddress resolved(InetSocketAddress address, String call, int fd) throws SctpException {
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, call + "(fd=" + fd + ", " + address + ")",
                    "the address is unresolved");
        }
        return address;
    }

    @Override
    public final int socket(ProtocolFamily family, SocketStyle style) throws SctpException {
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(style, "style");
        if (family != StandardProtocolFamily.INET && family != StandardProtocolFamily.INET6) {
            throw SctpException.rejected(SctpError.UNSUPPORTED_SOCKET, "socket(" + family + ", " + style + ")",
                    "SCTP needs INET or INET6");
        }
        return operations().socket(family, style);
    }

    @Override
    public final void bind(int fd, InetSocketAddress address) throws SctpException {
        resolved(address, "bind", fd);
        operations().bind(fd, address);
    }

    @Override
    public final void bindx(int fd, List<InetSocketAddress> addresses, boolean add) throws SctpException {
        Objects.requireNonNull(addresses, "addresses");
        if (addresses.isEmpty()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, "sctp_bindx(fd=" + fd + ", [])", "no address given");
        }
        for (InetSocketAddress a : addresses) {
            resolved(a, "sctp_bindx", fd);
        }
        operations().bindx(fd, List.copyOf(addresses), add);
    }

    /** {@inheritDoc} The backlog is clamped to 0..65535. */
    @Override
    public final void listen(int fd, int backlog) throws SctpException {
        operations().listen(fd, Math.max(0, Math.min(backlog, BACKLOG_MAX)));
    }

    @Override
    public final void connect(int fd, InetSocketAddress remote) throws SctpException {
        resolved(remote, "connect", fd);
        operations().connect(fd, remote);
    }

    /** {@inheritDoc} Refuses an empty list, an unresolved address or addresses with different ports first. */
    @Override
    public final int connectx(int fd, List<InetSocketAddress> remotes) throws SctpException {
        Objects.requireNonNull(remotes, "remotes");
        if (remotes.isEmpty()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, "sctp_connectx(fd=" + fd + ", [])", "no address given");
        }
        for (InetSocketAddress a : remotes) {
            resolved(a, "sctp_connectx", fd);
            if (a.getPort() != remotes.get(0).getPort()) {
                throw SctpException.rejected(SctpError.INVALID_ARGUMENT, "sctp_connectx(fd=" + fd + ", " + remotes + ")",
                        "the addresses of one peer share its port");
            }
        }
        return operations().connectx(fd, List.copyOf(remotes));
    }

    /**
     * {@inheritDoc} Refuses a stream outside 0..65535, a negative time-to-live, EOF with ABORT, and EOF with
     * bytes before any native call.
     */
    @Override
    public final int sendMessage(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
                                 int flags, int timeToLiveMillis, boolean dontWait) throws SctpException {
        Objects.requireNonNull(src, "src");
        String text = "sendmsg(fd=" + fd + ", assoc=" + Integer.toUnsignedString(assocId) + ", stream=" + stream
                + ", flags=" + SendFlags.text(flags) + ", " + src.remaining() + " bytes)";
        if (stream < 0 || stream > 0xffff) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, text, "the stream number must be 0..65535");
        }
        if (timeToLiveMillis < 0) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, text, "a time-to-live is 0 or positive");
        }
        if ((flags & SendFlags.EOF) != 0 && (flags & SendFlags.ABORT) != 0) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, text, "EOF and ABORT exclude each other");
        }
        if ((flags & SendFlags.EOF) != 0 && src.hasRemaining()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, text, "a graceful shutdown (EOF) carries no data");
        }
        if (to != null) {
            resolved(to, "sendmsg", fd);
        }
        return operations().sendMessage(fd, src, assocId, to, stream, ppid, flags, timeToLiveMillis, dontWait);
    }

    @Override
    public final int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
                          boolean unordered, boolean dontWait) throws SctpException {
        Objects.requireNonNull(src, "src");
        if (stream < 0 || stream > 0xffff) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT,
                    "sendmsg(fd=" + fd + ", assoc=" + assocId + ", stream=" + stream + ", " + src.remaining() + " bytes)",
                    "the stream number must be 0..65535");
        }
        if (to != null) {
            resolved(to, "sendmsg", fd);
        }
        return operations().send(fd, src, assocId, to, stream, ppid, unordered, dontWait);
    }

    @Override
    public final boolean receive(int fd, ByteBuffer dst, ReceiveInfo info, boolean dontWait) throws SctpException {
        Objects.requireNonNull(dst, "dst");
        Objects.requireNonNull(info, "info");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("read-only buffer");
        }
        if (!dst.hasRemaining()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, "recvmsg(fd=" + fd + ")", "the buffer has no room left");
        }
        return operations().receive(fd, dst, info, dontWait);
    }

    @Override
    public final int[] associations(int fd) throws SctpException {
        return operations().associations(fd);
    }

    @Override
    public final int peeloff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException {
        Objects.requireNonNull(options, "options");
        return operations().peeloff(fd, assocId, options); // read, never kept: no copy on the hot path
    }

    @Override
    public final boolean setBlockingWaitLimit(int fd, int micros) throws SctpException {
        if (micros < 0) {
            throw new IllegalArgumentException("micros must be 0 (no limit) or positive: " + micros);
        }
        return operations().setBlockingWaitLimit(fd, micros);
    }

    @Override
    public final boolean poll(int fd, boolean write, int timeoutMillis) throws SctpException {
        return operations().poll(fd, write, timeoutMillis);
    }

    @Override
    public final void setBlocking(int fd, boolean blocking) throws SctpException {
        operations().setBlocking(fd, blocking);
    }

    @Override
    public final boolean isBlocking(int fd) throws SctpException {
        return operations().isBlocking(fd);
    }

    @Override
    public final boolean isCloseOnExec(int fd) throws SctpException {
        return operations().isCloseOnExec(fd);
    }

    @Override
    public final void setCloseOnExec(int fd, boolean closeOnExec) throws SctpException {
        operations().setCloseOnExec(fd, closeOnExec);
    }

    @Override
    public final int getOption(int fd, SocketOption option) throws SctpException {
        Objects.requireNonNull(option, "option");
        return operations().getOption(fd, option);
    }

    @Override
    public final void setOption(int fd, SocketOption option, int value) throws SctpException {
        Objects.requireNonNull(option, "option");
        operations().setOption(fd, option, value);
    }

    /**
     * {@inheritDoc} Checks before any native call: the option is readable, an association id is given
     * only to a per-association option, and the provider has the option on this OS.
     */
    @Override
    public final <T> T getOption(int fd, org.peeloff.SctpOption<T> option, int assocId) throws SctpException {
        Objects.requireNonNull(option, "option");
        String call = "getsockopt(fd=" + fd + ", " + option + (assocId != 0 ? ", assoc=" + Integer.toUnsignedString(assocId) : "") + ")";
        if (!option.readable()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, call, option + " can only be set");
        }
        checkOption(option, assocId, call);
        return option.type().cast(operations().getOption(fd, option, assocId));
    }

    /**
     * {@inheritDoc} Checks before any native call: the option is writable, the value has its type, an
     * association id is given only to a per-association option, and the provider has the option here.
     */
    @Override
    public final <T> void setOption(int fd, org.peeloff.SctpOption<T> option, T value, int assocId)
            throws SctpException {
        Objects.requireNonNull(option, "option");
        Objects.requireNonNull(value, "value");
        String call = "setsockopt(fd=" + fd + ", " + option + (assocId != 0 ? ", assoc=" + Integer.toUnsignedString(assocId) : "") + ", " + value + ")";
        if (!option.writable()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, call, option + " is read only");
        }
        option.type().cast(value);
        checkOption(option, assocId, call);
        operations().setOption(fd, option, value, assocId);
    }

    private void checkOption(org.peeloff.SctpOption<?> option, int assocId, String call) throws SctpException {
        if (assocId != 0 && !option.perAssociation()) {
            throw SctpException.rejected(SctpError.INVALID_ARGUMENT, call, option + " is socket-wide, not per association");
        }
    }

    @Override
    public final boolean supportsOption(org.peeloff.SctpOption<?> option) {
        return option != null && isAvailable() && loadedOperations().supportsOption(option);
    }

    @Override
    public final void shutdown(int fd) throws SctpException {
        operations().shutdown(fd);
    }

    @Override
    public final List<InetSocketAddress> localAddresses(int fd) throws SctpException {
        return operations().localAddresses(fd);
    }

    @Override
    public final List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException {
        return operations().peerAddresses(fd, assocId);
    }

    @Override
    public final void close(int fd) throws SctpException {
        operations().close(fd);
    }

    @Override
    public final Set<SctpEventType> events(int fd) throws SctpException {
        return operations().events(fd);
    }

    /** {@inheritDoc} The set is copied and checked for nulls before the call. */
    @Override
    public final void setEvents(int fd, Set<SctpEventType> events) throws SctpException {
        Objects.requireNonNull(events, "events");
        EnumSet<SctpEventType> copy = EnumSet.noneOf(SctpEventType.class);
        for (SctpEventType e : events) {
            copy.add(Objects.requireNonNull(e, "event type"));
        }
        operations().setEvents(fd, copy);
    }

    /** {@inheritDoc} Those of the loaded operations; empty while the native part is not loaded. */
    @Override
    public final Set<SctpEventType> notificationKinds() {
        SctpOperations ops = loadedOperations();
        return ops == null ? Set.of() : ops.notificationKinds();
    }

    /** {@inheritDoc} The loaded operations' backend. */
    @Override
    public final Poller openPoller() throws SctpException {
        return operations().openPoller();
    }

    /** {@inheritDoc} The loaded operations' backends; empty when the provider is not available. */
    @Override
    public final List<String> pollerBackends() {
        return isAvailable() ? loadedOperations().pollerBackends() : List.of();
    }

    /** {@inheritDoc} The loaded operations' backend of that name. */
    @Override
    public final Poller openPoller(String backend) throws SctpException {
        return operations().openPoller(backend);
    }

    /** @return the class name and the provider id */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + id() + "]";
    }
}
