/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;

import org.peeloff.PeeloffOption;
import org.peeloff.SctpEventType;
import org.peeloff.SctpError;
import org.peeloff.SctpException;

/**
 * The raw SCTP operations on descriptors, without a provider's identity: what
 * {@link SctpProvider} offers its users and what a native implementation (the shared POSIX layer of
 * {@code peeloff-jna-support}, or a test double) implements behind {@link NativeSctpProvider}.
 *
 * <p>The contracts below hold on every operating system; the TCK pins each of them.
 * <ul>
 *   <li><b>Interrupted calls.</b> A call a signal interrupts (EINTR) is retried, because an
 *       interrupted SCTP call did nothing; {@code poll} is retried with what is left of its time-out;
 *       an interrupted {@code connect} goes on in the kernel, so EISCONN on the retry is success and
 *       EALREADY means "still going". {@code close} is never retried: EINTR from it counts as closed
 *       (the descriptor is released; a retry could close a number another thread was just given).
 *       {@code INTERRUPTED} is reported only for a Java thread interrupt.</li>
 *   <li><b>Arguments</b> are checked once, before any native call, by {@link NativeSctpProvider}:
 *       null arguments give {@link NullPointerException}; a family other than INET/INET6 gives
 *       {@code UNSUPPORTED_SOCKET}; a stream outside 0..65535, an unresolved address, an empty
 *       address list or a receive buffer with no room left give {@code INVALID_ARGUMENT}; a read-only
 *       receive buffer gives {@link IllegalArgumentException}. Implementations may assume them.</li>
 *   <li><b>Buffers.</b> {@code send} takes direct, heap and read-only buffers alike and advances the
 *       source position by what was sent. {@code receive} of data advances the destination position by
 *       the bytes received; a notification leaves position and limit where they were (the bytes after
 *       the position may have served as scratch) and is always whole, whatever the buffer's size.</li>
 *   <li><b>Payload protocol id.</b> The int is the IANA registry number (Diameter 46, M3UA 3), carried
 *       in network byte order on the wire on every OS and both ways, as the JDK's and Netty's SCTP do.</li>
 * </ul>
 */
public interface SctpOperations {

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
     * @param ppid      the payload protocol identifier, as registered with IANA (sent in network byte order)
     * @param unordered send unordered
     * @param dontWait  do not wait for buffer space (even on a blocking socket)
     * @return the bytes sent, or -1 when {@code dontWait} and the call would have had to wait, or when
     *         a blocking call's wait limit ({@link #setBlockingWaitLimit}) ran out first (nothing sent)
     * @throws SctpException on failure
     */
    int send(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid,
             boolean unordered, boolean dontWait) throws SctpException;

    /**
     * {@code sctp_connectx()} semantics: sets up one association to a peer reachable at one or more
     * addresses, and returns its id (the id its {@code COMMUNICATION_UP} event will carry). On a blocking
     * socket it returns once the association is up; on a non-blocking one it returns the id while set-up
     * goes on, where the OS tells the id that early, and otherwise fails {@code WOULD_BLOCK}.
     *
     * @param fd      a one-to-many socket
     * @param remotes the peer's addresses (one port), at least one
     * @return the new association's id, or 0 when the association was set up but the provider cannot tell
     *         its id (its capabilities say so)
     * @throws SctpException {@code UNSUPPORTED} naming what the OS lacks (several addresses where it has no
     *                       {@code sctp_connectx}); the errors of {@code connect}
     */
    default int connectx(int fd, List<InetSocketAddress> remotes) throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "sctp_connectx(fd=" + fd + ", " + remotes + ")",
                "this provider cannot tell the id of an association it sets up");
    }

    /**
     * {@code sendmsg()} of one message with its SCTP send information and send flags: what
     * {@link #send} does, plus ending an association (graceful {@link SendFlags#EOF}, abortive
     * {@link SendFlags#ABORT}, whose bytes are the user's abort cause where the OS sends one) and a
     * time-to-live for partial reliability ({@code timeToLiveMillis} above 0; RFC 3758 timed reliability).
     *
     * @param fd               the socket
     * @param src              the bytes from position to limit; the position advances by what was sent
     * @param assocId          the association (0 on a one-to-one socket, or when {@code to} is given)
     * @param to               the peer for an implicit association set-up, or null
     * @param stream           the stream number
     * @param ppid             the payload protocol identifier (IANA number; network byte order on the wire)
     * @param flags            {@link SendFlags} bits
     * @param timeToLiveMillis 0 for a reliable message, else how long the message may wait to be sent
     * @param dontWait         do not wait for buffer space (even on a blocking socket)
     * @return the bytes sent, or -1 when {@code dontWait} and the call would have had to wait
     * @throws SctpException {@code UNSUPPORTED} for a flag or a time-to-live this provider has no values for
     */
    default int sendMessage(int fd, ByteBuffer src, int assocId, InetSocketAddress to, int stream, int ppid, int flags,
                            int timeToLiveMillis, boolean dontWait) throws SctpException {
        if ((flags & ~SendFlags.UNORDERED) != 0 || timeToLiveMillis != 0) {
            throw SctpException.rejected(SctpError.UNSUPPORTED, "sendmsg(fd=" + fd + ", flags=" + SendFlags.text(flags)
                    + ", ttl=" + timeToLiveMillis + ")", "this provider has no end-of-association flags or time-to-live");
        }
        return send(fd, src, assocId, to, stream, ppid, (flags & SendFlags.UNORDERED) != 0, dontWait);
    }

    /**
     * {@code recvmsg()} of one message, or part of one, or a notification.
     *
     * @param fd       the socket
     * @param dst      data is written from position to at most limit and the position advances; a
     *                 notification leaves position and limit unchanged (it is read whole into memory
     *                 of the implementation's, parsed, and returned in {@code info})
     * @param info     filled in (after {@link ReceiveInfo#reset()})
     * @param dontWait do not wait for a message (even on a blocking socket)
     * @return true when something was received; false when {@code dontWait} and nothing was queued, or
     *         when a blocking call's wait limit ({@link #setBlockingWaitLimit}) ran out with nothing queued
     * @throws SctpException on failure; {@code NOT_CONNECTED} at once, every time, when the socket has no
     *                       association and none can come (a one-to-one socket never connected or whose
     *                       association ended, a peeled-off socket whose association ended). A
     *                       non-blocking one-to-one socket whose {@code connect} is still in progress
     *                       reports {@code NOT_CONNECTED} too: wait for it to become writable first.
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
     * Bounds how long a blocking {@code recvmsg}/{@code sendmsg} (one made without {@code dontWait}) waits
     * in the kernel on this socket ({@code SO_RCVTIMEO} and {@code SO_SNDTIMEO}): when the limit runs out
     * with nothing to receive, or no room to send, {@link #receive} returns false and {@link #send}
     * returns -1, having taken or sent nothing. It also bounds a blocking {@code connect} on the socket,
     * so clear it (0) before one. A call with {@code dontWait} is not affected. The kernel may round the
     * time up (Linux: to whole clock ticks).
     *
     * @param fd     the socket
     * @param micros the limit in microseconds, at least 1; 0 clears it (wait without limit)
     * @return true when set; false (the default) when this provider does not offer a bounded kernel wait,
     *         and nothing was changed
     * @throws SctpException when the native call fails
     */
    default boolean setBlockingWaitLimit(int fd, int micros) throws SctpException {
        return false;
    }

    /**
     * {@code poll()} on one descriptor.
     *
     * @param fd            the socket
     * @param write         false to wait until readable, true until writable
     * @param timeoutMillis how long to wait at most: 0 does not wait, a negative value waits without limit
     * @return true when ready; an error or hang-up on the socket counts as ready (the next call reports it),
     *         and so does a reader's socket that has nothing left to receive (the next receive reports
     *         {@code NOT_CONNECTED})
     * @throws SctpException on failure; {@code BAD_DESCRIPTOR} when the descriptor is not open (POLLNVAL)
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
     * @throws SctpException on failure (the descriptor is released all the same, except on EBADF);
     *                       EINTR is not a failure and is never retried
     */
    void close(int fd) throws SctpException;

    /**
     * Reads a typed option ({@link org.peeloff.SctpOptions}), socket-wide or for one association.
     *
     * @param fd      the socket
     * @param option  the option (readable)
     * @param assocId the association on a one-to-many socket, or 0 for the socket-wide value (and on a
     *                one-to-one socket)
     * @param <T>     the value type
     * @return the value
     * @throws SctpException {@code UNSUPPORTED} naming the option where the OS lacks it (the default)
     */
    default <T> T getOption(int fd, org.peeloff.SctpOption<T> option, int assocId) throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "getsockopt(fd=" + fd + ", " + option + ")",
                "this provider has no typed options");
    }

    /**
     * Sets a typed option ({@link org.peeloff.SctpOptions}), socket-wide or for one association.
     *
     * @param fd      the socket
     * @param option  the option (writable)
     * @param value   the value (not null)
     * @param assocId the association on a one-to-many socket, or 0 for the socket-wide value
     * @param <T>     the value type
     * @throws SctpException {@code UNSUPPORTED} naming the option where the OS lacks it (the default)
     */
    default <T> void setOption(int fd, org.peeloff.SctpOption<T> option, T value, int assocId) throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "setsockopt(fd=" + fd + ", " + option + ")",
                "this provider has no typed options");
    }

    /**
     * @param option an option
     * @return true when this provider has the option's numbers and layout on this OS (a false one is
     *         refused with {@code UNSUPPORTED} before any native call)
     */
    default boolean supportsOption(org.peeloff.SctpOption<?> option) {
        return false;
    }

    /**
     * {@code shutdown(fd, SHUT_WR)}: a graceful end of the one association of a one-to-one socket
     * (the peer sees SHUTDOWN); what is queued is still delivered, and receiving goes on until the
     * association ends.
     *
     * @param fd the one-to-one socket
     * @throws SctpException {@code UNSUPPORTED} by default; {@code NOT_CONNECTED}, ...
     */
    default void shutdown(int fd) throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "shutdown(fd=" + fd + ", SHUT_WR)",
                "this provider has no shutdown");
    }

    /**
     * Opens a readiness backend ({@link Poller}) of this OS: the OS's own scalable mechanism where the
     * provider has one, else the portable {@code poll(2)} backend. The caller closes it.
     *
     * @return a new backend
     * @throws SctpException {@code UNSUPPORTED} by default: a provider written before backends existed
     *                       still compiles, and the public API then waits in {@code poll} time slices
     */
    default Poller openPoller() throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "openPoller()",
                "this provider offers no readiness backend");
    }

    /**
     * The readiness backends this provider can open, the one {@link #openPoller()} opens first (for
     * example {@code [epoll, poll(2)]}, or {@code [poll(2), epoll]} when the portable backend was chosen
     * with {@value Poller#BACKEND_PROPERTY}). Tests open each by name to run the same cases on every one.
     *
     * @return the backends' {@link Poller#name() names}; empty by default (no backend)
     */
    default List<String> pollerBackends() {
        return List.of();
    }

    /**
     * Opens a readiness backend by name, whichever is the default.
     *
     * @param backend one of {@link #pollerBackends()}
     * @return a new backend; the caller closes it
     * @throws SctpException {@code UNSUPPORTED} when the provider has no backend of that name
     */
    default Poller openPoller(String backend) throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "openPoller(" + backend + ")",
                "this provider offers no readiness backend of that name; it has " + pollerBackends());
    }

    /**
     * The event subscription of a socket ({@code getsockopt(SCTP_EVENTS)}): the notification kinds it
     * is subscribed to.
     *
     * @param fd the socket
     * @return the kinds subscribed, as the kernel holds them
     * @throws SctpException {@code UNSUPPORTED} by default, or where the OS's values are unknown
     */
    default Set<SctpEventType> events(int fd) throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "events(fd=" + fd + ")",
                "this provider offers no event subscription");
    }

    /**
     * Sets the event subscription of a socket to exactly {@code events} ({@code SCTP_EVENTS}, or
     * {@code SCTP_EVENT} per kind where the OS has it): the kinds listed are delivered, the others not.
     * The per-message receive information the provider needs is kept on whatever is asked. A kind the
     * provider does not deliver on this OS ({@link #notificationKinds()}) fails {@code UNSUPPORTED}
     * naming it, before anything changes.
     *
     * @param fd     the socket
     * @param events the kinds to deliver (may be empty)
     * @throws SctpException {@code UNSUPPORTED} by default; a failed call leaves the subscription as it was
     */
    default void setEvents(int fd, Set<SctpEventType> events) throws SctpException {
        throw SctpException.rejected(SctpError.UNSUPPORTED, "setEvents(fd=" + fd + ", " + events + ")",
                "this provider offers no event subscription");
    }

    /**
     * @return the notification kinds this provider can subscribe to and parses into their records on
     *         this OS; empty by default
     */
    default Set<SctpEventType> notificationKinds() {
        return Set.of();
    }
}
