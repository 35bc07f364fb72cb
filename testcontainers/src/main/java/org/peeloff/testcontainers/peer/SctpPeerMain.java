/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.testcontainers.peer;

import com.sun.nio.sctp.AbstractNotificationHandler;
import com.sun.nio.sctp.AssociationChangeNotification;
import com.sun.nio.sctp.HandlerResult;
import com.sun.nio.sctp.MessageInfo;
import com.sun.nio.sctp.PeerAddressChangeNotification;
import com.sun.nio.sctp.SctpChannel;
import com.sun.nio.sctp.SctpServerChannel;
import com.sun.nio.sctp.SctpStandardSocketOptions;
import com.sun.nio.sctp.SendFailedNotification;
import com.sun.nio.sctp.ShutdownNotification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The scripted SCTP peer that runs inside an {@code SctpPeerContainer}: a small program on the JDK's
 * own SCTP ({@code com.sun.nio.sctp}, over {@code libsctp.so.1}), so that the peer's SCTP is not
 * Peeloff's. It is copied into the container as this one class file and started with
 * {@code java -cp DIR org.peeloff.testcontainers.peer.SctpPeerMain ARGS}; it needs only a JDK 17 or
 * newer with the {@code jdk.sctp} module and {@code libsctp.so.1}.
 *
 * <p>Arguments: {@code server PORT} or {@code client HOST:PORT}, then the script, one step per
 * argument, run in order on the one association:
 * <ul>
 *   <li>{@code echo} (until the association ends) or {@code echo:N} (N messages): send each message
 *       received back on its stream;</li>
 *   <li>{@code send:N} or {@code send:N:MILLIS}: send N numbered messages {@code msg-000001}...,
 *       on stream 0, MILLIS apart;</li>
 *   <li>{@code receive:N}: receive N messages;</li>
 *   <li>{@code sleep:MILLIS};</li>
 *   <li>{@code shutdown}: a graceful SHUTDOWN, then wait for the association to end;</li>
 *   <li>{@code abort}: an ABORT (close with {@code SO_LINGER} 0), which ends the script;</li>
 *   <li>{@code await-end}: receive until the other side ends the association.</li>
 * </ul>
 * After the script the program prints {@code DONE} and waits to be stopped (so that the container
 * keeps running while a test inspects it); {@code exit} as the last step makes it exit instead.
 *
 * <p>Every event is one line on standard output, {@code PEER TYPE key=value ...}, values with no
 * blank ({@code %XX}-escaped): {@code STARTED}, {@code ASSOCIATED}, {@code RECEIVED},
 * {@code SENT}, {@code NOTIFICATION}, {@code SHUTDOWN_SENT}, {@code ABORT_SENT}, {@code ENDED},
 * {@code ERROR}, {@code DONE}. A failure prints {@code ERROR} and exits with status 1.
 */
public final class SctpPeerMain extends AbstractNotificationHandler<Object> {
    private SctpChannel channel;
    private boolean ended;
    private int received;

    private SctpPeerMain() {
    }

    /**
     * Runs the peer.
     *
     * @param args {@code server PORT | client HOST:PORT}, then the steps
     */
    public static void main(String[] args) {
        SctpPeerMain peer = new SctpPeerMain();
        try {
            if (peer.run(args)) {
                Thread.sleep(Long.MAX_VALUE);
            }
        } catch (Exception e) {
            event("ERROR", "type", e.getClass().getName(), "message", String.valueOf(e.getMessage()));
            System.exit(1);
        }
    }

    /** @return true when the program should wait to be stopped */
    private boolean run(String[] args) throws Exception {
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: server PORT | client HOST:PORT, then steps");
        }
        if (args[0].equals("server")) {
            int port = Integer.parseInt(args[1]);
            SctpServerChannel server = SctpServerChannel.open();
            server.bind(new InetSocketAddress(port));
            event("STARTED", "mode", "server", "local", addresses(server.getAllLocalAddresses()));
            channel = server.accept();
            server.close();
        } else if (args[0].equals("client")) {
            String target = args[1];
            int colon = target.lastIndexOf(':');
            InetSocketAddress remote = new InetSocketAddress(target.substring(0, colon),
                    Integer.parseInt(target.substring(colon + 1)));
            event("STARTED", "mode", "client", "remote", remote.getAddress().getHostAddress() + ":" + remote.getPort());
            channel = SctpChannel.open();
            channel.bind(new InetSocketAddress(0));
            channel.connect(remote);
        } else {
            throw new IllegalArgumentException("first argument must be server or client, not " + args[0]);
        }
        event("ASSOCIATED", "association", String.valueOf(channel.association().associationID()),
                "remote", addresses(channel.getRemoteAddresses()),
                "local", addresses(channel.getAllLocalAddresses()));
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        for (int i = 2; i < args.length; i++) {
            String[] step = args[i].split(":");
            switch (step[0]) {
                case "echo" -> {
                    long n = step.length > 1 ? Long.parseLong(step[1]) : Long.MAX_VALUE;
                    for (long k = 0; k < n; k++) {
                        MessageInfo info = receiveOne(buf);
                        if (info == null) {
                            break;
                        }
                        buf.flip();
                        channel.send(buf, MessageInfo.createOutgoing(null, info.streamNumber())
                                .payloadProtocolID(info.payloadProtocolID()));
                        event("ECHOED", "n", String.valueOf(received), "stream", String.valueOf(info.streamNumber()));
                    }
                }
                case "send" -> {
                    int n = Integer.parseInt(step[1]);
                    long gap = step.length > 2 ? Long.parseLong(step[2]) : 0;
                    for (int k = 1; k <= n; k++) {
                        String text = String.format("msg-%06d", k);
                        channel.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)),
                                MessageInfo.createOutgoing(null, 0));
                        event("SENT", "n", String.valueOf(k), "text", text);
                        if (gap > 0) {
                            Thread.sleep(gap);
                        }
                    }
                }
                case "receive" -> {
                    int n = Integer.parseInt(step[1]);
                    for (int k = 0; k < n; k++) {
                        if (receiveOne(buf) == null) {
                            throw new IOException("the association ended after " + k + " of " + n + " messages");
                        }
                    }
                }
                case "sleep" -> Thread.sleep(Long.parseLong(step[1]));
                case "shutdown" -> {
                    channel.shutdown();
                    event("SHUTDOWN_SENT");
                    while (receiveOne(buf) != null) {
                        // data still arriving before the shutdown completes is reported, not lost
                    }
                }
                case "abort" -> {
                    channel.setOption(SctpStandardSocketOptions.SO_LINGER, 0);
                    channel.close();
                    event("ABORT_SENT");
                    event("DONE");
                    return true;
                }
                case "await-end" -> {
                    while (receiveOne(buf) != null) {
                        // every message until the end is reported
                    }
                }
                case "exit" -> {
                    event("DONE");
                    return false;
                }
                default -> throw new IllegalArgumentException("unknown step " + args[i]);
            }
        }
        event("DONE");
        return true;
    }

    /** @return the message received into {@code buf} (from position 0), or null once the association ended */
    private MessageInfo receiveOne(ByteBuffer buf) throws IOException {
        while (!ended) {
            buf.clear();
            MessageInfo info;
            try {
                info = channel.receive(buf, null, this);
            } catch (IOException e) {
                end("error", e.getClass().getSimpleName() + ": " + e.getMessage());
                return null;
            }
            if (info == null) {
                continue;
            }
            if (info.bytes() < 0) {
                end("closed", "end of stream");
                return null;
            }
            received++;
            ByteBuffer copy = buf.duplicate().flip();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            event("RECEIVED", "n", String.valueOf(received), "stream", String.valueOf(info.streamNumber()),
                    "ppid", String.valueOf(info.payloadProtocolID()), "bytes", String.valueOf(bytes.length),
                    "text", new String(bytes, StandardCharsets.ISO_8859_1));
            return info;
        }
        return null;
    }

    private void end(String reason, String detail) {
        if (!ended) {
            ended = true;
            event("ENDED", "reason", reason, "detail", detail);
        }
    }

    /**
     * Reports an association change; the association's end stops the receive loop.
     *
     * @param n the notification
     * @param attachment unused
     * @return {@code RETURN} when the association ended, else {@code CONTINUE}
     */
    @Override
    public HandlerResult handleNotification(AssociationChangeNotification n, Object attachment) {
        event("NOTIFICATION", "kind", "association-change", "event", n.event().name());
        // if, not a switch on the enum: that would compile to a second class file (SctpPeerMain$1),
        // and this class is copied into the container alone
        AssociationChangeNotification.AssocChangeEvent e = n.event();
        if (e == AssociationChangeNotification.AssocChangeEvent.SHUTDOWN) {
            end("shutdown", e.name());
            return HandlerResult.RETURN;
        }
        if (e == AssociationChangeNotification.AssocChangeEvent.COMM_LOST
                || e == AssociationChangeNotification.AssocChangeEvent.CANT_START) {
            end("lost", e.name());
            return HandlerResult.RETURN;
        }
        return HandlerResult.CONTINUE;
    }

    /**
     * Reports a peer address change.
     *
     * @param n the notification
     * @param attachment unused
     * @return {@code CONTINUE}
     */
    @Override
    public HandlerResult handleNotification(PeerAddressChangeNotification n, Object attachment) {
        event("NOTIFICATION", "kind", "peer-address-change", "event", n.event().name(),
                "address", address(n.address()));
        return HandlerResult.CONTINUE;
    }

    /**
     * Reports a message the stack could not send.
     *
     * @param n the notification
     * @param attachment unused
     * @return {@code CONTINUE}
     */
    @Override
    public HandlerResult handleNotification(SendFailedNotification n, Object attachment) {
        event("NOTIFICATION", "kind", "send-failed", "error", String.valueOf(n.errorCode()),
                "address", address(n.address()));
        return HandlerResult.CONTINUE;
    }

    /**
     * Reports the other side's SHUTDOWN; the receive loop goes on to the association's end.
     *
     * @param n the notification
     * @param attachment unused
     * @return {@code CONTINUE}
     */
    @Override
    public HandlerResult handleNotification(ShutdownNotification n, Object attachment) {
        event("NOTIFICATION", "kind", "shutdown");
        return HandlerResult.CONTINUE;
    }

    private static String addresses(Set<SocketAddress> set) {
        List<String> out = new ArrayList<>();
        for (SocketAddress a : set) {
            out.add(address(a));
        }
        out.sort(null);
        return String.join(",", out);
    }

    private static String address(SocketAddress a) {
        if (a instanceof InetSocketAddress i && i.getAddress() != null) {
            return i.getAddress().getHostAddress() + ":" + i.getPort();
        }
        return String.valueOf(a);
    }

    /** Prints one event line: {@code PEER TYPE k=v ...}, values escaped so that they hold no blank. */
    private static void event(String type, String... kv) {
        StringBuilder line = new StringBuilder("PEER ").append(type);
        for (int i = 0; i + 1 < kv.length; i += 2) {
            line.append(' ').append(kv[i]).append('=');
            for (byte b : kv[i + 1].getBytes(StandardCharsets.UTF_8)) {
                int c = b & 0xff;
                if (c > 0x20 && c < 0x7f && c != '%' && c != '=') {
                    line.append((char) c);
                } else {
                    line.append('%').append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                }
            }
        }
        synchronized (System.out) {
            System.out.println(line);
            System.out.flush();
        }
    }
}
