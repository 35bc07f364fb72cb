/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

/**
 * A descriptor's registration with an {@link SctpSelector}, as {@link java.nio.channels.SelectionKey}
 * is a channel's: its interest set, the ready set the last select found, an attachment, and
 * {@link #cancel()}. A key stays valid until it is cancelled, its socket is closed or its selector is
 * closed.
 *
 * <p>Thread safety: every method may be called from any thread. {@link #interestOps(int)} and
 * {@link #cancel()} take effect at the latest at the next select; {@link #readyOps()} is meant for
 * the selecting thread.
 */
public final class SctpSelectionKey implements Descriptor.CloseListener {
    /** Readable: data or a notification is queued, or an error or end is to be reported. */
    public static final int OP_READ = org.peeloff.spi.Poller.READ;
    /** Writable: there is room to send, or an error is to be reported. */
    public static final int OP_WRITE = org.peeloff.spi.Poller.WRITE;

    final SctpSelector selector;
    final AbstractSctpSocket socket;
    final int fd;
    int token = -1;
    volatile int interestOps;
    volatile boolean valid = true;
    private volatile Object attachment;
    /** Written by the selecting thread only. */
    int readyOps;
    boolean inSelected;

    SctpSelectionKey(SctpSelector selector, AbstractSctpSocket socket, int fd, int interestOps, Object attachment) {
        this.selector = selector;
        this.socket = socket;
        this.fd = fd;
        this.interestOps = interestOps;
        this.attachment = attachment;
    }

    /** @return the selector */
    public SctpSelector selector() {
        return selector;
    }

    /**
     * @return the socket registered ({@link SctpMultiSocket} or {@link SctpSocket}), or null for a
     *         descriptor registered with {@link SctpSelector#registerDescriptor}
     */
    public Object socket() {
        return socket;
    }

    /** @return the descriptor number */
    public int descriptor() {
        return fd;
    }

    /** @return {@link #OP_READ} and/or {@link #OP_WRITE} */
    public int interestOps() {
        return interestOps;
    }

    /**
     * Changes the interest set; takes effect at the latest at the next select.
     *
     * @param ops {@link #OP_READ} and/or {@link #OP_WRITE}, or 0
     * @return this key
     * @throws IllegalArgumentException for other bits
     * @throws java.nio.channels.CancelledKeyException when the key is no longer valid
     * @throws SctpException when the backend refuses the change
     */
    public SctpSelectionKey interestOps(int ops) throws SctpException {
        SctpSelector.checkOps(ops);
        selector.changeInterest(this, ops);
        return this;
    }

    /** @return what the last select found this descriptor ready for (0 when it was not selected) */
    public int readyOps() {
        return readyOps;
    }

    /** @return true when the last select found it readable */
    public boolean isReadable() {
        return (readyOps & OP_READ) != 0;
    }

    /** @return true when the last select found it writable */
    public boolean isWritable() {
        return (readyOps & OP_WRITE) != 0;
    }

    /** @return the attachment, or null */
    public Object attachment() {
        return attachment;
    }

    /**
     * @param o the new attachment (may be null)
     * @return the previous one
     */
    public Object attach(Object o) {
        Object old = attachment;
        attachment = o;
        return old;
    }

    /** @return true until cancelled, or its socket or selector closed */
    public boolean isValid() {
        return valid;
    }

    /** Takes the descriptor out of the selector. Idempotent; the socket stays open. */
    public void cancel() {
        selector.cancel(this);
    }

    /** The socket is being closed: out of the backend before its descriptor is. */
    @Override
    public void descriptorClosing() {
        selector.cancel(this);
    }

    @Override
    public String toString() {
        return "SctpSelectionKey[fd=" + fd + (valid ? ", interest=" + interestOps + ", ready=" + readyOps : ", cancelled")
                + "]";
    }
}
