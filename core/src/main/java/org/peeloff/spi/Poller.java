/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

import org.peeloff.SctpException;

/**
 * One readiness backend of an OS (epoll, event ports, pollset, or the portable {@code poll(2)}):
 * a set of descriptors, each watched for an interest set and named by an int token, and a wait that
 * reports which are ready. {@link org.peeloff.SctpSelector} and the blocking calls of the public API
 * are built on it; a provider offers one with {@link SctpOperations#openPoller()}.
 *
 * <p>Contract, on every backend:
 * <ul>
 *   <li><b>Level-triggered.</b> A descriptor stays reported by every {@link #wait} while it is ready
 *       and watched. An error or hang-up on a descriptor is reported as the events it is watched for,
 *       so that the next call on it reports the error.</li>
 *   <li><b>Threads.</b> One thread at a time calls {@link #wait}. {@link #add}, {@link #modify},
 *       {@link #remove} and {@link #wakeup} may be called from any thread at any time, also while another
 *       thread waits; they take effect on a wait in progress (a backend that cannot change its set during
 *       a wait wakes it and waits again). A wait in progress may still report a token whose descriptor
 *       was removed meanwhile: the caller checks the token.</li>
 *   <li><b>Descriptors.</b> The backend never closes a descriptor it watches. The caller removes a
 *       descriptor before it closes it (a closed number may be reused at once).</li>
 *   <li><b>No allocation per event:</b> {@link #wait} fills the caller's arrays.</li>
 * </ul>
 */
public interface Poller extends AutoCloseable {
    /** Readable (or an error or hang-up); the value of {@link java.nio.channels.SelectionKey#OP_READ}. */
    int READ = 1;
    /** Writable (or an error or hang-up); the value of {@link java.nio.channels.SelectionKey#OP_WRITE}. */
    int WRITE = 4;

    /**
     * The system property that chooses the default backend of every provider, read once when a provider
     * loads: {@code native} (the default: epoll, event ports, pollset) or {@code poll} (the portable
     * {@code poll(2)} backend, e.g. to rule out the OS mechanism while hunting a problem). The other
     * backend stays available by name ({@link SctpOperations#openPoller(String)}).
     */
    String BACKEND_PROPERTY = "org.peeloff.readiness";
    /** The name of the portable backend every POSIX provider offers. */
    String POLL = "poll(2)";

    /** @return the backend, e.g. {@code epoll} or {@code poll(2)}, as capabilities report it */
    String name();

    /**
     * Starts watching a descriptor.
     *
     * @param fd     the descriptor (not watched yet)
     * @param events {@link #READ} and/or {@link #WRITE}, or 0 to keep it in the set without watching
     * @param token  what {@link #wait} reports for it (0 or more)
     * @throws SctpException e.g. {@code BAD_DESCRIPTOR}
     */
    void add(int fd, int events, int token) throws SctpException;

    /**
     * Changes what a watched descriptor is watched for.
     *
     * @param fd     the descriptor
     * @param events the new interest set
     * @param token  its token (may change)
     * @throws SctpException when the descriptor is not watched or the native call fails
     */
    void modify(int fd, int events, int token) throws SctpException;

    /**
     * Stops watching a descriptor, before the caller closes it.
     *
     * @param fd the descriptor
     * @throws SctpException when the native call fails
     */
    void remove(int fd) throws SctpException;

    /**
     * Waits until a watched descriptor is ready, the time is up or {@link #wakeup()} is called.
     *
     * @param tokens        filled with the tokens of the ready descriptors
     * @param events        filled with what each is ready for ({@link #READ}, {@link #WRITE})
     * @param timeoutMillis 0 does not wait, a negative value waits without limit
     * @return how many entries were filled (at most {@code tokens.length}); 0 when woken, timed out
     *         or interrupted by a signal
     * @throws SctpException when the native call fails
     */
    int wait(int[] tokens, int[] events, int timeoutMillis) throws SctpException;

    /**
     * Makes a wait in progress return at once, or else the next wait; from any thread. Wake-ups that
     * come before a wait returns count as one.
     */
    void wakeup();

    /**
     * Frees the backend's own descriptors (not the watched ones). Idempotent.
     *
     * @throws SctpException when a native close fails
     */
    @Override
    void close() throws SctpException;
}
