package org.peeloff.spi;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.peeloff.Capabilities;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpException;

/**
 * One operating system's SCTP, reached through native calls on raw descriptors. The public
 * API ({@link org.peeloff.SctpMultiSocket}, {@link org.peeloff.SctpSocket}) is built on these
 * operations, and users who hold a descriptor from elsewhere may call them directly: every
 * failure comes back as an {@link SctpException} with the same portable error on every OS.
 *
 * <p>Implementations are found with {@link java.util.ServiceLoader}; see {@link org.peeloff.Sctp}.
 * Constructing a provider and calling {@link #id()}, {@link #matchesCurrentOs()} and
 * {@link #priority()} must load nothing native. {@link #isAvailable()} loads the native part
 * once, lazily, and keeps the cause when it cannot.
 *
 * <p>Unless a method says otherwise, the raw operations are safe to call from many threads at once
 * (the illumos man page: "MT-Level: Safe"). They neither track nor own descriptors: the caller closes
 * what it opened.
 */
public interface SctpProvider {

    /** @return the provider id: {@code linux}, {@code solaris} or {@code aix} */
    String id();

    /**
     * A cheap check of {@code os.name} (and nothing native) telling whether this provider is made
     * for the running OS.
     *
     * @return true when this provider is a candidate here
     */
    boolean matchesCurrentOs();

    /** @return the priority among providers for the same OS; the highest available one is chosen */
    int priority();

    /**
     * Loads the native part once, the first time it is asked.
     *
     * @return true when the provider can be used here
     */
    boolean isAvailable();

    /** @return why {@link #isAvailable()} is false, or null when it is available */
    Throwable unavailabilityCause();

    /**
     * @return what this provider can do here; only meaningful when available
     */
    Capabilities capabilities();

    /**
     * {@code socket(family, SOCK_SEQPACKET | SOCK_STREAM, IPPROTO_SCTP)}. The new descriptor is
     * close-on-exec and blocking, and association-change and shutdown notifications plus per-message
     * receive information are enabled on it.
     *
     * @param family {@link java.net.StandardProtocolFamily#INET} or {@code INET6}
     * @param style  one-to-many or one-to-one
     * @return the new descriptor
     * @throws SctpException e.g. {@code UNSUPPORTED_SOCKET} on a kernel without SCTP
     */
    int socket(ProtocolFamily family, SocketStyle style) throws SctpException;

    /**
     * {@code bind()} to one address.
     *
     * @param fd      the socket
     * @param address the local address (port 0 for an ephemeral port)
     * @throws SctpException on failure
     */
    void bind(int fd, InetSocketAddress address) throws SctpException;

    /**
     * {@code sctp_bindx()}: adds or removes local addresses (multi-homing). All addresses must share
     * the port.
     *
     * @param fd        the socket
     * @param addresses the addresses
     * @param add       true for {@code SCTP_BINDX_ADD_ADDR}, false for {@code SCTP_BINDX_REM_ADDR}
     * @throws SctpException on failure
     */
    void bindx(int fd, List<InetSocketAddress> addresses, boolean add) throws SctpException;

    /**
     * {@code listen()}: a one-to-many socket starts accepting associations.
     *
     * @param fd      the socket
     * @param backlog the backlog
     * @throws SctpException on failure
     */
    void listen(int fd, int backlog) throws SctpException;

    /**
     * {@code connect()}: sets up an association to the peer. On a blocking socket it returns once the
     * association is up; on a non-blocking one it may fail with {@code WOULD_BLOCK} while setup goes on.
     *
     * @param fd     the socket
     * @param remote the peer
     * @throws SctpException on failure
     */
    void connect(int fd, InetSocketAddress remote) throws SctpException;

    /**
     * {@code sendmsg()} of one message with its SCTP send information.
     *
     * @param fd        the socket
     * @param src       the bytes from position to limit; the position advances by what was sent
     * @param assocId   the association (0 on a one-to-one socket, or when {@code to} is given)
     * @param to        the peer for an implicit association set-up, or null
     * @param stream    the stream number
     * @param ppid      the payload protocol identifier
     * @param unordered send unordered
     * @param dontWait  do not wait for buffer space (even on a blocking socket)
     * @return the bytes sent, or -1 when {@code dontWait} and the call would have had to wait
     * @throws SctpException on failure
     */
    int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
             boolean unordered, boolean dontWait) throws SctpException;

    /**
     * {@code recvmsg()} of one message, or part of one, or a notification.
     *
     * @param fd       the socket
     * @param dst      written from position to at most limit; the position advances
     * @param info     filled in (after {@link ReceiveInfo#reset()})
     * @param dontWait do not wait for a message (even on a blocking socket)
     * @return true when something was received; false when {@code dontWait} and nothing was queued
     * @throws SctpException on failure; {@code NOT_CONNECTED} at the end of a one-to-one association
     */
    boolean receive(int fd, ByteBuffer dst, ReceiveInfo info, boolean dontWait) throws SctpException;

    /**
     * The associations on a one-to-many socket.
     *
     * @param fd the socket
     * @return the ids, in no particular order
     * @throws SctpException on failure
     */
    int[] associations(int fd) throws SctpException;

    /**
     * {@code sctp_peeloff()}: branches the association off into a new one-to-one socket.
     * The new socket is blocking unless {@link PeeloffOption#NONBLOCK} is given and close-on-exec only
     * when {@link PeeloffOption#CLOEXEC} is given, set explicitly whatever the OS would inherit. When
     * the options cannot be applied atomically they are applied with {@code fcntl}; if that fails the
     * new descriptor is closed before the error is thrown (nothing leaks).
     * {@link PeeloffOption#STRICT} refuses emulation with {@code UNSUPPORTED}.
     *
     * @param fd      the one-to-many socket
     * @param assocId the association
     * @param options the options (not null; may be empty)
     * @return the new descriptor
     * @throws SctpException {@code NO_SUCH_ASSOCIATION}, {@code NOT_ONE_TO_MANY}, {@code BAD_DESCRIPTOR},
     *                       {@code NOT_A_SOCKET}, {@code TOO_MANY_OPEN_FILES}, ...
     */
    int peeloff(int fd, int assocId, Set<PeeloffOption> options) throws SctpException;

    /**
     * {@code poll()} on one descriptor.
     *
     * @param fd            the socket
     * @param write         false to wait until readable, true until writable
     * @param timeoutMillis how long to wait at most (0: do not wait)
     * @return true when ready
     * @throws SctpException on failure
     */
    boolean poll(int fd, boolean write, int timeoutMillis) throws SctpException;

    /**
     * Sets or clears {@code O_NONBLOCK}.
     *
     * @param fd       the descriptor
     * @param blocking true for blocking
     * @throws SctpException on failure
     */
    void setBlocking(int fd, boolean blocking) throws SctpException;

    /**
     * @param fd the descriptor
     * @return true when {@code O_NONBLOCK} is clear
     * @throws SctpException on failure
     */
    boolean isBlocking(int fd) throws SctpException;

    /**
     * @param fd the descriptor
     * @return true when {@code FD_CLOEXEC} is set
     * @throws SctpException on failure
     */
    boolean isCloseOnExec(int fd) throws SctpException;

    /**
     * Sets or clears {@code FD_CLOEXEC}.
     *
     * @param fd          the descriptor
     * @param closeOnExec true to set it
     * @throws SctpException on failure
     */
    void setCloseOnExec(int fd, boolean closeOnExec) throws SctpException;

    /**
     * Reads an integer socket option.
     *
     * @param fd     the socket
     * @param option the option
     * @return its value
     * @throws SctpException on failure
     */
    int getOption(int fd, SocketOption option) throws SctpException;

    /**
     * Sets an integer socket option.
     *
     * @param fd     the socket
     * @param option the option
     * @param value  the value
     * @throws SctpException on failure
     */
    void setOption(int fd, SocketOption option, int value) throws SctpException;

    /**
     * @param fd the socket
     * @return the local addresses the socket is bound to
     * @throws SctpException on failure
     */
    List<InetSocketAddress> localAddresses(int fd) throws SctpException;

    /**
     * @param fd      the socket
     * @param assocId the association (0 on a one-to-one socket)
     * @return the peer's addresses for that association
     * @throws SctpException on failure
     */
    List<InetSocketAddress> peerAddresses(int fd, int assocId) throws SctpException;

    /**
     * {@code close()}.
     *
     * @param fd the descriptor
     * @throws SctpException on failure (the descriptor is released all the same, except on EBADF)
     */
    void close(int fd) throws SctpException;
}
