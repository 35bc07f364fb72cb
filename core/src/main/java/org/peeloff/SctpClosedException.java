package org.peeloff;

/**
 * The socket was closed before the call, or while the call was waiting (the
 * {@link java.nio.channels.ClosedChannelException} of this API). Its error is always
 * {@link SctpError#CLOSED} and it never reaches a native descriptor.
 */
public final class SctpClosedException extends SctpException {
    private static final long serialVersionUID = 1L;

    /**
     * @param call the call that found the socket closed, e.g. {@code receive(fd=7)}
     */
    public SctpClosedException(String call) {
        super(SctpError.CLOSED, call, 0, null, System.getProperty("os.name"), "socket is closed");
    }
}
