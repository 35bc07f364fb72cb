/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;

import com.sun.jna.Memory;

import org.peeloff.SctpException;
import org.peeloff.spi.NativeCall;
import org.peeloff.spi.PortableErrors;

/**
 * The wake-up of a readiness backend: a pipe, both ends non-blocking and close-on-exec (set with
 * {@code fcntl}: {@code pipe()} needs no constant, {@code pipe2} is not in every OS's table). The
 * backend watches the read end; {@link #wakeup()} writes one byte, once until {@link #drain()}.
 */
public final class WakePipe {
    private final PollCalls calls;
    private final Memory buf = new Memory(64);
    private final Memory one = new Memory(1);
    private final AtomicBoolean pending = new AtomicBoolean();
    private final int readFd;
    private final int writeFd;
    private volatile boolean closed;

    /**
     * @param calls      the C calls
     * @param fcntl      the OS's fcntl numbers
     * @param errnoNames errno to name
     * @param os         the OS, for errors
     * @throws SctpException when the pipe cannot be made
     */
    public WakePipe(PollCalls calls, SctpLayout.Fcntl fcntl, IntFunction<String> errnoNames, String os)
            throws SctpException {
        this.calls = calls;
        Memory fds = new Memory(8);
        if (calls.pipe(fds) < 0) {
            int errno = calls.errno();
            throw PortableErrors.exception(NativeCall.POLL, "pipe() for a readiness backend's wake-up", errno,
                    errnoNames.apply(errno), os);
        }
        readFd = fds.getInt(0);
        writeFd = fds.getInt(4);
        one.setByte(0, (byte) 1);
        for (int fd : new int[] {readFd, writeFd}) {
            int fl = calls.fcntl(fd, fcntl.getfl(), 0);
            int fdf = fl < 0 ? -1 : calls.fcntl(fd, fcntl.getfd(), 0);
            if (fdf < 0 || calls.fcntl(fd, fcntl.setfl(), fl | fcntl.nonblock()) < 0
                    || calls.fcntl(fd, fcntl.setfd(), fdf | fcntl.fdCloexec()) < 0) {
                int errno = calls.errno();
                calls.close(readFd);
                calls.close(writeFd);
                throw PortableErrors.exception(NativeCall.FCNTL, "fcntl(fd=" + fd + ", O_NONBLOCK/FD_CLOEXEC) on a"
                        + " wake-up pipe", errno, errnoNames.apply(errno), os);
            }
        }
    }

    /** @return the end to watch for reading */
    public int readFd() {
        return readFd;
    }

    /** Writes one byte unless one is pending; from any thread. A full pipe is already awake. */
    public void wakeup() {
        if (!closed && pending.compareAndSet(false, true)) {
            calls.write(writeFd, one, 1);
        }
    }

    /** Reads what is pending; called by the waiting thread when the read end is readable. */
    public void drain() {
        pending.set(false);
        while (calls.read(readFd, buf, buf.size()) > 0) {
            // emptied
        }
    }

    /** Closes both ends. Idempotent. */
    public void close() {
        if (!closed) {
            closed = true;
            calls.close(readFd);
            calls.close(writeFd);
        }
    }
}
