/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.peeloff.AssociationChange;
import org.peeloff.AssociationId;
import org.peeloff.Capabilities;
import org.peeloff.MessageInfo;
import org.peeloff.PeeloffOption;
import org.peeloff.Sctp;
import org.peeloff.SctpClosedException;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSelectionKey;
import org.peeloff.SctpSelector;
import org.peeloff.SctpSocket;
import org.peeloff.spi.SctpProvider;

/**
 * The use case of the Linux {@code sctp_peeloff} man page, live: "a number of sporadic message
 * senders/receivers remain under the original one-to-many style socket", while the associations
 * "carrying high volume data traffic" are branched off "into their own separate socket descriptors".
 *
 * <p>A server holds one one-to-many socket. Many sporadic clients send a numbered message now and
 * then; a few clients turn busy after a quiet start and send continuously. The server counts each
 * association's messages over a window; one that stays above the threshold is peeled off
 * ({@code peelOff(id, CLOEXEC)}) and served by its own thread on its own socket; with {@code --loop} it is
 * peeled off non-blocking ({@code peelOff(id, NONBLOCK, CLOEXEC)}) and registered with one
 * {@link SctpSelector}, whose one event-loop thread serves every peeled socket. Every message
 * carries its association's client number and a sequence number, so the summary can prove that
 * nothing was lost or duplicated across the peel-off, and that each socket saw the messages in order.
 */
final class Demo {
    static final int MAGIC = 0x5045454c; // "PEEL"
    static final int HEADER = 24;        // magic, client, seq (long), send time (long)

    /** The demo's settings (see {@link #options()}). */
    record Config(int clients, int busy, double seconds, double quiet, double window, int confirm,
                  double threshold, int busySize, int sporadicSize, double interval, double busyRate,
                  long maxMessages, double drain, double warmup, int rows, int port, boolean ansi, boolean verbose,
                  boolean loop) {
    }

    static Options options() {
        return new Options()
                .option("clients", "200", "sporadic clients (one association each)")
                .option("busy", "4", "high-volume clients, peeled off once detected")
                .option("seconds", "20", "measured duration, then it stops by itself")
                .option("quiet", "auto", "seconds before the busy clients turn busy (auto: 15% of --seconds)")
                .option("window", "1", "rate-detection window, seconds")
                .option("confirm", "2", "consecutive windows above the threshold before a peel-off")
                .option("threshold", "50", "messages per second that make an association busy")
                .option("busy-size", "512", "bytes per message of a busy client")
                .option("sporadic-size", "64", "bytes per message of a sporadic client")
                .option("interval", "1", "mean seconds between two messages of a sporadic client")
                .option("busy-rate", "0", "messages per second per busy client (0: as fast as SCTP allows)")
                .option("max-messages", "3000000", "at most this many messages per busy client")
                .option("drain", "20", "seconds to wait for messages in flight after the senders stop")
                .option("warmup", "2", "seconds of sporadic traffic before the measured time (JIT warm-up)")
                .option("rows", "8", "rows of the live table")
                .option("port", "0", "the server's port on 127.0.0.1 (0: any free port)")
                .option("ansi", "auto", "redraw the table in place: auto, true or false")
                .flag("verbose", "list every association in the summary")
                .flag("loop", "serve the peeled sockets from one event-loop thread (SctpSelector), not a thread each");
    }

    static Config config(Options o) throws Options.UsageException {
        double seconds = o.number("seconds", 1, 3600);
        double window = o.number("window", 0.1, 60);
        String q = o.string("quiet");
        double quiet = "auto".equals(q) ? Math.max(2 * window, 0.15 * seconds) : o.number("quiet", 0, seconds);
        String ansi = o.string("ansi");
        if (!ansi.equals("auto") && !ansi.equals("true") && !ansi.equals("false")) {
            throw new Options.UsageException("--ansi must be auto, true or false");
        }
        return new Config(o.integer("clients", 0, 5000), o.integer("busy", 0, 64), seconds, quiet, window,
                o.integer("confirm", 1, 100), o.number("threshold", 0.01, 1e9),
                o.integer("busy-size", HEADER, 60000), o.integer("sporadic-size", HEADER, 60000),
                o.number("interval", 0.01, 3600), o.number("busy-rate", 0, 1e9),
                o.integer("max-messages", 1, 100_000_000), o.number("drain", 0, 600), o.number("warmup", 0, 600),
                o.integer("rows", 1, 200), o.integer("port", 0, 65535), Screen.detectAnsi(ansi), o.bool("verbose"),
                o.bool("loop"));
    }

    // --- state -------------------------------------------------------------------------------

    private final Config cfg;
    private final PrintStream out;
    private final Screen screen;
    private SctpProvider provider;
    private SctpMultiSocket server;
    private Client[] clients;
    private Ledger[] ledgers;
    private final Map<Integer, ServerAssoc> assocs = new ConcurrentHashMap<>();
    private final AtomicInteger upEvents = new AtomicInteger();
    private final AtomicInteger downEvents = new AtomicInteger();
    private final AtomicLong sharedMsgs = new AtomicLong();
    private final AtomicLong sharedBytes = new AtomicLong();
    private final AtomicLong allMsgs = new AtomicLong();
    private final AtomicLong allBytes = new AtomicLong();
    private final AtomicLong corrupt = new AtomicLong();
    private final Latencies latencies = new Latencies();
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<ServerAssoc> peeled = new CopyOnWriteArrayList<>();
    private final List<String> peelFailures = new CopyOnWriteArrayList<>();
    private final ConcurrentLinkedQueue<String> recentEvents = new ConcurrentLinkedQueue<>();
    private final List<Thread> readers = new CopyOnWriteArrayList<>();
    /** With {@code --loop}: the selector of the peeled sockets and its thread's run flag. */
    private SctpSelector selector;
    private volatile boolean looping;
    private final AtomicLong loopSelects = new AtomicLong();
    private volatile boolean sending;
    private volatile boolean detecting;
    private long t0;                 // start of the measured time
    private long tBusy;              // the busy clients turn busy
    private volatile long tStop;     // the end of the measured time
    private long tEnd;               // the senders stopped
    private volatile long tFirstPeel;  // 0 until the first peel-off
    private volatile long tLastPeel;
    private volatile Series series;    // shared msgs, shared bytes, all msgs, all bytes per 100 ms
    private static final int SHARED_MSGS = 0;
    private static final int SHARED_BYTES = 1;
    private static final int ALL_MSGS = 2;
    private static final int ALL_BYTES = 3;

    /** One client association: its own one-to-many socket, connected to the server. */
    static final class Client {
        final int index;
        final boolean busy;
        final int size;
        final SctpMultiSocket socket;
        final AssociationId association;
        final AtomicLong sent = new AtomicLong();
        final ByteBuffer buf;
        long next;

        Client(int index, boolean busy, int size, SctpMultiSocket socket, AssociationId association) {
            this.index = index;
            this.busy = busy;
            this.size = size;
            this.socket = socket;
            this.association = association;
            this.buf = ByteBuffer.allocateDirect(size);
            for (int i = HEADER; i < size; i++) {
                buf.put(i, (byte) (index + i));
            }
        }

        String label() {
            return busy ? "busy-" + (index + 1) : "sporadic-" + (index + 1);
        }

        /** Writes message number {@code seq} into the buffer and returns it ready to send. */
        ByteBuffer message(long seq) {
            buf.clear();
            buf.putInt(0, MAGIC).putInt(4, index).putLong(8, seq).putLong(16, System.nanoTime());
            return buf;
        }
    }

    /** An association as the server sees it. */
    static final class ServerAssoc {
        final AssociationId id;
        volatile int client = -1;
        final AtomicLong msgs = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();
        volatile SctpSocket own;
        volatile boolean peelRefused;
        long peelMicros;
        long sentAtPeel;
        double rateAtPeel;
        double peeledAtSeconds;
        boolean stillListed;
        boolean ownBlocking;
        boolean ownCloseOnExec;
        String ownDescriptor = "?";

        ServerAssoc(AssociationId id) {
            this.id = id;
        }
    }

    /** Cumulative counters at one moment. */
    record Snapshot(long nanos, long sharedMsgs, long sharedBytes, long allMsgs, long allBytes) {
    }

    private Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), sharedMsgs.get(), sharedBytes.get(), allMsgs.get(), allBytes.get());
    }

    Demo(Config cfg, PrintStream out) {
        this.cfg = cfg;
        this.out = out;
        this.screen = new Screen(out, cfg.ansi());
    }

    // --- run ---------------------------------------------------------------------------------

    int run() throws InterruptedException {
        try {
            provider = Sctp.provider();
        } catch (UnsupportedOperationException e) {
            out.println("No SCTP provider can be used here:");
            out.println("  " + e.getMessage().replace("\n", "\n  "));
            out.println("Run `kit/run doctor` to see why.");
            return Main.EXIT_NO_SCTP;
        }
        Capabilities caps = provider.capabilities();
        out.printf(Locale.ROOT, "Peeloff demo: the sctp_peeloff use case, live (%s provider, peel-off flags %s, %s %s%s)%n",
                provider.id(), caps.peeloffFlags(), System.getProperty("os.name"), System.getProperty("os.version"),
                Main.inVm() ? ", inside harness/linux-vm" : "");
        out.printf(Locale.ROOT, "  %d sporadic clients (a %d-byte message every ~%s s) and %d busy clients (%d-byte messages,%s"
                        + " continuously after %s s),%n  each its own association to one one-to-many server socket;"
                        + " an association above %s msg/s for %d x %s s windows is peeled off%n  %s.%n",
                cfg.clients(), cfg.sporadicSize(), trim(cfg.interval()), cfg.busy(), cfg.busySize(),
                cfg.busyRate() > 0 ? " " + trim(cfg.busyRate()) + "/s" : "", trim(cfg.quiet()),
                trim(cfg.threshold()), cfg.confirm(), trim(cfg.window()),
                cfg.loop() ? "non-blocking, and served with every other peeled socket by one event-loop thread (--loop)"
                        : "and served by a thread of its own");
        try {
            server = SctpMultiSocket.open(provider, java.net.StandardProtocolFamily.INET);
        } catch (SctpException e) {
            out.println("Cannot open an SCTP one-to-many socket: " + e.getMessage());
            if (e.error() == SctpError.UNSUPPORTED_SOCKET) {
                out.println("This kernel has no SCTP. Run the kit through kit/run, which uses harness/linux-vm.");
                return Main.EXIT_NO_SCTP;
            }
            return Main.EXIT_FAILED;
        }
        try {
            return runWith();
        } catch (SctpException e) {
            out.println();
            out.println("The demo failed: " + e.getMessage());
            return Main.EXIT_FAILED;
        } finally {
            closeAll();
        }
    }

    /**
     * What the phase rates mean inside harness/linux-vm: emulated, and by default with the emulated CPUs
     * taking turns in one host thread, so the peeled sockets' threads do not run in parallel there.
     */
    private static String emulationCaveat() {
        String caveat = " Under emulation absolute rates mean little: compare the phases.";
        if ("single".equals(System.getenv("PEELOFF_VM_TCG_THREAD"))) {
            caveat += "%n    The emulated CPUs take turns in one host thread here (harness/linux-vm): the peeled sockets'"
                    + " thread(s) do not%n    run in parallel with the shared socket's.";
        }
        return String.format(Locale.ROOT, caveat);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.format(Locale.ROOT, "%.2f", d).replaceAll("0+$", "");
    }

    private int runWith() throws SctpException, InterruptedException {
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), cfg.port())).listen(1024);
        List<InetSocketAddress> bound = server.localAddresses();
        if (cfg.port() == 0 && (bound.isEmpty() || bound.get(0).getPort() == 0)) {
            throw new SctpException(SctpError.OTHER, "localAddresses(fd=" + server.rawDescriptor() + ")", 0, null,
                    System.getProperty("os.name"), "the provider gave no bound address " + bound
                    + " (a provider bug); pass --port to choose the port");
        }
        InetSocketAddress address = cfg.port() == 0 ? bound.get(0)
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), cfg.port());
        Thread shared = start("shared-socket", this::serveShared);
        readers.add(shared);
        if (cfg.loop()) {
            selector = SctpSelector.open(provider);
            looping = true;
            readers.add(start("event-loop", this::serveLoop));
            screen.line(String.format(Locale.ROOT, "  the peeled sockets' event loop: one thread, %s backend",
                    selector.backend()));
        }

        int total = cfg.busy() + cfg.clients();
        clients = new Client[total];
        ledgers = new Ledger[total];
        for (int i = 0; i < total; i++) {
            ledgers[i] = new Ledger();
        }
        long c0 = System.nanoTime();
        connectAll(address, total);
        long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (upEvents.get() < total && System.nanoTime() < waitUntil) {
            Thread.sleep(10);
        }
        screen.line(String.format(Locale.ROOT, "  %d associations up on the server's one-to-many socket %s:%d (fd %d) in %s",
                upEvents.get(), address.getAddress().getHostAddress(), address.getPort(), server.rawDescriptor(), Fmt.seconds((System.nanoTime() - c0) / 1e9)));
        if (upEvents.get() < total) {
            errors.add("only " + upEvents.get() + " of " + total + " associations came up on the server");
        }
        screen.line("");

        // The sporadic traffic starts a little before the measured time, so that the JIT has compiled
        // the hot paths (slow under emulation) before the "sporadic only" phase is measured.
        long warmStart = System.nanoTime();
        t0 = warmStart + (long) (cfg.warmup() * 1e9);
        series = new Series(warmStart, 100_000_000L,
                (int) ((cfg.warmup() + cfg.seconds() + cfg.drain()) * 10) + 600, 4);
        tBusy = t0 + (long) (cfg.quiet() * 1e9);
        tStop = t0 + (long) (cfg.seconds() * 1e9);
        sending = true;
        detecting = true;
        List<Thread> senders = new ArrayList<>();
        senders.add(start("sporadic-senders", this::sendSporadic));
        for (Client c : clients) {
            if (c.busy) {
                senders.add(start(c.label(), () -> sendBusy(c)));
            }
        }
        Thread detector = start("rate-detector", this::detect);

        Live live = new Live();
        boolean busyAnnounced = cfg.busy() == 0;
        long nextPlain = t0;
        while (true) {
            long now = System.nanoTime();
            if (!busyAnnounced && now >= tBusy) {
                busyAnnounced = true;
                event(String.format(Locale.ROOT, "%d busy clients start sending continuously", cfg.busy()));
            }
            if (now >= tStop) {
                break;
            }
            live.sample(now);
            if (screen.ansi()) {
                screen.frame(live.frame(now, tStop, "measuring"));
            } else if (now >= nextPlain) {
                screen.line(live.plainLine(now));
                nextPlain = now + 2_000_000_000L;
            }
            long nap = screen.ansi() ? 250 : 100;
            if (!busyAnnounced) {
                nap = Math.max(1, Math.min(nap, (tBusy - now) / 1_000_000L));
            }
            Thread.sleep(nap);
        }
        sending = false;
        detecting = false;
        tEnd = System.nanoTime();
        for (Thread t : senders) {
            t.join(10_000);
            if (t.isAlive()) {
                errors.add("sender " + t.getName() + " did not stop within 10 s (blocked in send: the server no longer reads its association)");
            }
        }
        detector.join(10_000);

        long sentTotal = Arrays.stream(clients).mapToLong(c -> c.sent.get()).sum();
        long drainUntil = System.nanoTime() + (long) (cfg.drain() * 1e9);
        long dn = System.nanoTime();
        while (received() < sentTotal && System.nanoTime() < drainUntil) {
            live.sample(System.nanoTime());
            if (screen.ansi()) {
                screen.frame(live.frame(System.nanoTime(), 0, String.format(Locale.ROOT,
                        "senders stopped, %d messages still in flight", sentTotal - received())));
            } else if (System.nanoTime() >= nextPlain) {
                screen.line(String.format(Locale.ROOT, "  draining: %d messages still in flight", sentTotal - received()));
                nextPlain = System.nanoTime() + 2_000_000_000L;
            }
            Thread.sleep(50);
        }
        double drained = (System.nanoTime() - dn) / 1e9;
        live.sample(System.nanoTime());
        if (screen.ansi()) {
            screen.frame(live.frame(System.nanoTime(), 0, "done"));
            screen.keep();
        }
        return summary(drained);
    }

    private long received() {
        long n = 0;
        for (Ledger l : ledgers) {
            n += l.received();
        }
        return n;
    }

    private Thread start(String name, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (RuntimeException | Error e) {
                errors.add(Thread.currentThread().getName() + ": " + e);
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    // --- clients ---------------------------------------------------------------------------------

    private void connectAll(InetSocketAddress address, int total) throws SctpException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        AtomicInteger done = new AtomicInteger();
        List<Future<Client>> futures = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            int index = i;
            futures.add(pool.submit(() -> {
                Client c = connect(index, index < cfg.busy(), address);
                done.incrementAndGet();
                return c;
            }));
        }
        pool.shutdown();
        while (!pool.awaitTermination(250, TimeUnit.MILLISECONDS)) {
            if (screen.ansi()) {
                screen.frame(List.of(String.format(Locale.ROOT, "  connecting %s %d/%d associations",
                        Fmt.bar(done.get() / (double) total, 30), done.get(), total)));
            }
        }
        screen.frame(List.of());
        screen.keep();
        for (int i = 0; i < total; i++) {
            try {
                clients[i] = futures.get(i).get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof SctpException se) {
                    throw se;
                }
                throw new IllegalStateException("connecting client " + (i + 1) + " failed", e.getCause());
            }
        }
    }

    private Client connect(int index, boolean busy, InetSocketAddress address) throws SctpException {
        SctpMultiSocket s = SctpMultiSocket.open(provider, java.net.StandardProtocolFamily.INET);
        try {
            s.connect(address);
            ByteBuffer b = ByteBuffer.allocate(512);
            AssociationId id = null;
            while (id == null) {
                SctpReceived r = s.receive(b.clear());
                if (r instanceof AssociationChange ac) {
                    if (ac.state() == AssociationChange.State.COMMUNICATION_UP) {
                        id = ac.association();
                    } else {
                        throw new SctpException(SctpError.OTHER, "connect(" + address + ")", 0, null,
                                System.getProperty("os.name"), "association event " + ac.state() + " instead of COMMUNICATION_UP");
                    }
                }
            }
            if (!busy) {
                s.configureBlocking(false);
            }
            return new Client(index, busy, busy ? cfg.busySize() : cfg.sporadicSize(), s, id);
        } catch (SctpException | RuntimeException e) {
            try {
                s.close();
            } catch (SctpException ce) {
                e.addSuppressed(ce);
            }
            throw e;
        }
    }

    /** One thread serves every sporadic client: a message each ~interval, with jitter, never blocking. */
    private void sendSporadic() {
        List<Client> list = new ArrayList<>();
        long now = System.nanoTime();
        long mean = (long) (cfg.interval() * 1e9);
        for (Client c : clients) {
            if (!c.busy) {
                c.next = now + ThreadLocalRandom.current().nextLong(Math.max(1, mean));
                list.add(c);
            }
        }
        while (sending) {
            now = System.nanoTime();
            for (Client c : list) {
                if (now >= c.next && sending) {
                    try {
                        long seq = c.sent.get();
                        if (c.socket.send(c.message(seq), MessageInfo.to(c.association, 0)) > 0) {
                            c.sent.incrementAndGet();
                            c.next = now + mean / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, mean));
                        } else {
                            c.next = now + 10_000_000L; // no room now: try again soon
                        }
                    } catch (SctpException e) {
                        errors.add(c.label() + " send: " + e.getMessage());
                        c.next = Long.MAX_VALUE;
                    }
                }
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    /** A busy client: sporadic until {@code quiet} seconds have passed, then continuous. */
    private void sendBusy(Client c) {
        long mean = (long) (cfg.interval() * 1e9);
        long gap = cfg.busyRate() > 0 ? (long) (1e9 / cfg.busyRate()) : 0;
        MessageInfo info = MessageInfo.to(c.association, 0);
        long next = System.nanoTime() + ThreadLocalRandom.current().nextLong(Math.max(1, mean));
        boolean busyNow = false;
        try {
            while (sending && c.sent.get() < cfg.maxMessages()) {
                long now = System.nanoTime();
                if (!busyNow && now >= tBusy) {
                    busyNow = true;
                    next = now;
                }
                if (now < next) {
                    LockSupport.parkNanos(Math.min(next - now, 50_000_000L));
                    continue;
                }
                if (c.socket.send(c.message(c.sent.get()), info) > 0) {
                    c.sent.incrementAndGet();
                }
                if (!busyNow) {
                    next = now + mean / 2 + ThreadLocalRandom.current().nextLong(Math.max(1, mean));
                } else if (gap > 0) {
                    next = Math.max(next + gap, now - 10 * gap); // catch up a little, not without limit
                }
            }
        } catch (SctpClosedException e) {
            // closed while stopping
        } catch (SctpException e) {
            errors.add(c.label() + " send: " + e.getMessage());
        }
    }

    // --- server ----------------------------------------------------------------------------------

    /** The shared one-to-many socket's reader: every association that has not been peeled off. */
    private void serveShared() {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        while (true) {
            SctpReceived r;
            try {
                r = server.receive(buf.clear());
            } catch (SctpClosedException e) {
                return;
            } catch (SctpException e) {
                errors.add("shared socket receive: " + e.getMessage());
                return;
            }
            if (r instanceof SctpData d) {
                ServerAssoc sa = assocs.computeIfAbsent(d.association().value(), k -> new ServerAssoc(d.association()));
                account(sa, buf, d, Ledger.Via.SHARED);
            } else if (r instanceof AssociationChange ac) {
                switch (ac.state()) {
                    case COMMUNICATION_UP -> {
                        assocs.computeIfAbsent(ac.association().value(), k -> new ServerAssoc(ac.association()));
                        upEvents.incrementAndGet();
                    }
                    case COMMUNICATION_LOST, SHUTDOWN_COMPLETE, CANNOT_START -> downEvents.incrementAndGet();
                    default -> { }
                }
            }
        }
    }

    /** A peeled-off association's own reader. */
    private void servePeeled(ServerAssoc sa) {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        SctpSocket own = sa.own;
        while (true) {
            SctpReceived r;
            try {
                r = own.receive(buf.clear());
            } catch (SctpClosedException e) {
                return;
            } catch (SctpException e) {
                if (e.error() != SctpError.NOT_CONNECTED) {
                    errors.add(sa.id + " peeled socket receive: " + e.getMessage());
                }
                return;
            }
            if (r instanceof SctpData d) {
                if (d.bytes() == 0) {
                    return; // end of the association
                }
                account(sa, buf, d, Ledger.Via.PEELED);
            } else if (r instanceof AssociationChange ac && ac.state() != AssociationChange.State.COMMUNICATION_UP) {
                return;
            }
        }
    }

    /** How many messages the event loop takes from one ready socket before it turns to the next. */
    private static final int LOOP_BATCH = 64;

    /**
     * With {@code --loop}: the one thread that serves every peeled socket. Level-triggered: a socket with
     * more queued than one batch is selected again by the next select, so no socket starves the others.
     */
    private void serveLoop() {
        ByteBuffer buf = ByteBuffer.allocateDirect(65536);
        while (looping) {
            int n;
            try {
                n = selector.select(250);
            } catch (SctpException | java.nio.channels.ClosedSelectorException e) {
                if (looping) {
                    errors.add("event loop select: " + e);
                }
                return;
            }
            loopSelects.incrementAndGet();
            for (int i = 0; i < n; i++) {
                SctpSelectionKey key = selector.selectedKey(i);
                if (!serveReady((ServerAssoc) key.attachment(), buf)) {
                    key.cancel();
                }
            }
        }
    }

    /**
     * Receives up to {@link #LOOP_BATCH} messages from a ready peeled socket without waiting.
     *
     * @return false when the socket is done (closed, its association ended)
     */
    private boolean serveReady(ServerAssoc sa, ByteBuffer buf) {
        SctpSocket own = sa.own;
        for (int k = 0; k < LOOP_BATCH; k++) {
            SctpReceived r;
            try {
                r = own.receive(buf.clear());
            } catch (SctpClosedException e) {
                return false;
            } catch (SctpException e) {
                if (e.error() != SctpError.NOT_CONNECTED) {
                    errors.add(sa.id + " peeled socket receive (event loop): " + e.getMessage());
                }
                return false;
            }
            if (r == null) {
                return true;
            }
            if (r instanceof SctpData d) {
                if (d.bytes() == 0) {
                    return false; // end of the association
                }
                account(sa, buf, d, Ledger.Via.PEELED);
            } else if (r instanceof AssociationChange ac && ac.state() != AssociationChange.State.COMMUNICATION_UP) {
                return false;
            }
        }
        return true;
    }

    private void account(ServerAssoc sa, ByteBuffer buf, SctpData d, Ledger.Via via) {
        long now = System.nanoTime();
        int n = d.bytes();
        if (!d.complete() || n < HEADER || buf.getInt(0) != MAGIC) {
            corrupt.incrementAndGet();
            return;
        }
        int ci = buf.getInt(4);
        long seq = buf.getLong(8);
        long sentAt = buf.getLong(16);
        if (ci < 0 || ci >= clients.length || clients[ci] == null || n != clients[ci].size) {
            corrupt.incrementAndGet();
            return;
        }
        if (sa.client < 0) {
            sa.client = ci;
        } else if (sa.client != ci) {
            corrupt.incrementAndGet();
            return;
        }
        ledgers[ci].record(seq, via);
        sa.msgs.incrementAndGet();
        sa.bytes.addAndGet(n);
        allMsgs.incrementAndGet();
        allBytes.addAndGet(n);
        Series ser = series; // set before any sender starts
        ser.add(now, ALL_MSGS, 1);
        ser.add(now, ALL_BYTES, n);
        if (via == Ledger.Via.SHARED) {
            sharedMsgs.incrementAndGet();
            sharedBytes.addAndGet(n);
            ser.add(now, SHARED_MSGS, 1);
            ser.add(now, SHARED_BYTES, n);
        }
        if (!clients[ci].busy) {
            latencies.add(now, now - sentAt);
        }
    }

    /** Every window: the associations above the threshold leave the shared socket. */
    private void detect() {
        RateDetector<ServerAssoc> detector = new RateDetector<>(cfg.threshold(), cfg.confirm());
        long windowNanos = (long) (cfg.window() * 1e9);
        long next = System.nanoTime() + windowNanos;
        Map<ServerAssoc, Long> last = new HashMap<>();
        long lastNanos = System.nanoTime();
        while (detecting) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(Math.min(wait, 50_000_000L));
                continue;
            }
            next += windowNanos;
            long now = System.nanoTime();
            Map<ServerAssoc, Long> counts = new HashMap<>();
            for (ServerAssoc sa : assocs.values()) {
                if (sa.own == null && !sa.peelRefused && sa.client >= 0) {
                    counts.put(sa, sa.msgs.get());
                }
            }
            if (now >= tStop) {
                return; // the measured time is over: no peel-off while the senders stop
            }
            for (ServerAssoc sa : detector.update(counts, now)) {
                long before = last.getOrDefault(sa, 0L);
                double rate = (sa.msgs.get() - before) / Math.max(1e-9, (now - lastNanos) / 1e9);
                peelOff(sa, rate);
            }
            last = counts;
            lastNanos = now;
        }
    }

    private void peelOff(ServerAssoc sa, double rate) {
        if (tFirstPeel == 0) {
            tFirstPeel = System.nanoTime();
        }
        Client c = clients[sa.client];
        long a = System.nanoTime();
        SctpSocket own;
        try {
            own = cfg.loop() ? server.peelOff(sa.id, PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC)
                    : server.peelOff(sa.id, PeeloffOption.CLOEXEC);
        } catch (SctpException e) {
            if (e.error().isRetryable()) {
                event(sa.id + " (" + c.label() + "): peel-off said " + e.error() + ", will retry");
            } else {
                sa.peelRefused = true;
                peelFailures.add(sa.id + " (" + c.label() + "): " + e.getMessage());
                event(sa.id + " (" + c.label() + "): peel-off FAILED: " + e.error());
            }
            return;
        }
        long b = System.nanoTime();
        sa.peelMicros = (b - a) / 1000;
        sa.sentAtPeel = c.sent.get();
        sa.rateAtPeel = rate;
        sa.peeledAtSeconds = (b - t0) / 1e9;
        sa.ownDescriptor = String.valueOf(own.rawDescriptor());
        try {
            sa.ownBlocking = provider.isBlocking(own.rawDescriptor());
            sa.ownCloseOnExec = provider.isCloseOnExec(own.rawDescriptor());
            sa.stillListed = server.associations().contains(sa.id);
        } catch (SctpException e) {
            errors.add(sa.id + " after peel-off: " + e.getMessage());
        }
        sa.own = own;
        peeled.add(sa);
        tLastPeel = System.nanoTime();
        if (cfg.loop()) {
            try {
                selector.register(own, SctpSelectionKey.OP_READ, sa);
                selector.wakeup();
            } catch (SctpException e) {
                errors.add(sa.id + " register with the event loop: " + e.getMessage());
            }
        } else {
            readers.add(start("peeled-" + sa.id, () -> servePeeled(sa)));
        }
        event(String.format(Locale.ROOT, "%s (%s) at %s msg/s: peeled off in %s -> own socket fd %s, %s",
                sa.id, c.label(), Fmt.rate(rate), Fmt.millis(sa.peelMicros * 1000.0), sa.ownDescriptor,
                cfg.loop() ? "on the event loop" : "own thread"));
    }

    private void event(String text) {
        String line = String.format(Locale.ROOT, "  %6.1f s  %s", t0 == 0 ? 0 : (System.nanoTime() - t0) / 1e9, text);
        recentEvents.add(line);
        while (recentEvents.size() > 6) {
            recentEvents.poll();
        }
        if (!screen.ansi()) {
            screen.line(line);
        }
    }

    private void closeAll() {
        sending = false;
        detecting = false;
        if (clients != null) {
            for (Client c : clients) {
                if (c != null) {
                    closeQuietly(c.socket);
                }
            }
        }
        for (ServerAssoc sa : peeled) {
            closeQuietly(sa.own);
        }
        closeQuietly(server);
        looping = false;
        if (selector != null) {
            selector.wakeup();
        }
        for (Thread t : readers) {
            try {
                t.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        closeQuietly(selector);
    }

    private void closeQuietly(AutoCloseable s) {
        if (s == null) {
            return;
        }
        try {
            s.close();
        } catch (Exception e) {
            errors.add("close " + s + ": " + e.getMessage());
        }
    }

    // --- live display ----------------------------------------------------------------------------

    /** Rates since the previous sample, per association and per socket kind. */
    private final class Live {
        private final Map<ServerAssoc, long[]> prev = new HashMap<>();
        private final Map<ServerAssoc, double[]> rates = new HashMap<>();
        private Snapshot prevSnap;
        private double sharedRate;
        private double sharedByteRate;
        private double allRate;
        private double allByteRate;

        void sample(long now) {
            Snapshot s = snapshot();
            if (prevSnap != null && s.nanos() - prevSnap.nanos() < 200_000_000L) {
                return; // too short a window for a rate
            }
            if (prevSnap != null) {
                double dt = (s.nanos() - prevSnap.nanos()) / 1e9;
                sharedRate = (s.sharedMsgs() - prevSnap.sharedMsgs()) / dt;
                sharedByteRate = (s.sharedBytes() - prevSnap.sharedBytes()) / dt;
                allRate = (s.allMsgs() - prevSnap.allMsgs()) / dt;
                allByteRate = (s.allBytes() - prevSnap.allBytes()) / dt;
                for (ServerAssoc sa : assocs.values()) {
                    long m = sa.msgs.get();
                    long b = sa.bytes.get();
                    long[] p = prev.getOrDefault(sa, new long[] {0, 0});
                    rates.put(sa, new double[] {(m - p[0]) / dt, (b - p[1]) / dt});
                }
            }
            for (ServerAssoc sa : assocs.values()) {
                prev.put(sa, new long[] {sa.msgs.get(), sa.bytes.get()});
            }
            prevSnap = s;
        }

        List<String> frame(long now, long stop, String state) {
            List<String> lines = new ArrayList<>();
            double el = (now - t0) / 1e9;
            String progress = el < 0
                    ? Fmt.bar(0, 30) + String.format(Locale.ROOT, " warming up, %.1f s to go", -el)
                    : stop > 0
                    ? Fmt.bar(el / cfg.seconds(), 30) + String.format(Locale.ROOT, " %5.1f / %s s", el, trim(cfg.seconds()))
                    : Fmt.bar(1, 30) + String.format(Locale.ROOT, " %5.1f s", el);
            lines.add(String.format(Locale.ROOT, "  %s  peel-offs %d/%d  %s", progress, peeled.size(), cfg.busy(), state));
            lines.add("");
            List<ServerAssoc> sorted = new ArrayList<>(assocs.values());
            sorted.sort(Comparator.comparingDouble((ServerAssoc sa) -> rateOf(sa)[0]).reversed()
                    .thenComparing(sa -> sa.id));
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("association", "client", "served", "msg/s", "bytes/s", "messages"));
            int shown = 0;
            double restRate = 0;
            double restBytes = 0;
            int rest = 0;
            for (ServerAssoc sa : sorted) {
                double[] r = rateOf(sa);
                if (shown < cfg.rows() || sa.own != null) {
                    rows.add(List.of(sa.id.toString(), sa.client < 0 ? "?" : clients[sa.client].label(),
                            sa.own != null ? "peeled" : "shared", Fmt.rate(r[0]), Fmt.bytesRate(r[1]),
                            String.valueOf(sa.msgs.get())));
                    shown++;
                } else {
                    rest++;
                    restRate += r[0];
                    restBytes += r[1];
                }
            }
            lines.addAll(Fmt.columns(rows, new boolean[] {false, false, false, true, true, true}, 2));
            if (rest > 0) {
                lines.add(String.format(Locale.ROOT, "  ... %d more on the shared socket: %s msg/s, %s", rest,
                        Fmt.rate(restRate), Fmt.bytesRate(restBytes)));
            }
            lines.add("");
            lines.add(String.format(Locale.ROOT, "  shared socket: %s msg/s, %s   all sockets: %s msg/s, %s",
                    Fmt.rate(sharedRate), Fmt.bytesRate(sharedByteRate), Fmt.rate(allRate), Fmt.bytesRate(allByteRate)));
            if (!recentEvents.isEmpty()) {
                lines.add("");
                lines.addAll(recentEvents);
            }
            return lines;
        }

        String plainLine(long now) {
            int onShared = 0;
            for (ServerAssoc sa : assocs.values()) {
                if (sa.own == null) {
                    onShared++;
                }
            }
            return String.format(Locale.ROOT, "  %6.1f s  shared socket: %d associations, %s msg/s, %s | peeled: %d, all sockets %s msg/s, %s",
                    (now - t0) / 1e9, onShared, Fmt.rate(sharedRate), Fmt.bytesRate(sharedByteRate), peeled.size(),
                    Fmt.rate(allRate), Fmt.bytesRate(allByteRate));
        }

        private double[] rateOf(ServerAssoc sa) {
            return rates.getOrDefault(sa, new double[] {0, 0});
        }
    }

    // --- summary ---------------------------------------------------------------------------------

    private int summary(double drained) {
        out.println();
        out.printf(Locale.ROOT, "Summary: %s measured, %s to drain; provider %s on %s %s%n",
                Fmt.seconds((tEnd - t0) / 1e9), Fmt.seconds(drained), provider.id(),
                System.getProperty("os.name"), System.getProperty("os.version"));
        out.printf(Locale.ROOT, "  associations: %d up on the shared socket (%d sporadic, %d busy)%n",
                upEvents.get(), cfg.clients(), cfg.busy());
        out.printf(Locale.ROOT, "  peel-offs:    %d done with %s (%s), %d failed%n", peeled.size(),
                cfg.loop() ? "NONBLOCK|CLOEXEC" : "CLOEXEC",
                provider.capabilities().peeloffFlags() == Capabilities.FlagSupport.ATOMIC
                        ? "atomic, in the same call" : "emulated with fcntl", peelFailures.size());
        out.printf(Locale.ROOT, "  served by:    %s%n", cfg.loop()
                ? String.format(Locale.ROOT, "one event-loop thread for all %d peeled sockets (SctpSelector, %s; %d selects)",
                        peeled.size(), selector == null ? "?" : selector.backend(), loopSelects.get())
                : "one thread per peeled socket (" + peeled.size() + ")");

        boolean ok = true;
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("association", "client", "served", "sent", "received", "on shared", "on peeled",
                "in flight", "lost", "dup", "order"));
        long sentAll = 0;
        long recvAll = 0;
        long lostAll = 0;
        long dupAll = 0;
        long extraAll = 0;
        int badAssoc = 0;
        Map<Integer, ServerAssoc> byClient = new HashMap<>();
        for (ServerAssoc sa : assocs.values()) {
            if (sa.client >= 0) {
                byClient.put(sa.client, sa);
            }
        }
        long sporadicMin = Long.MAX_VALUE;
        long sporadicMax = 0;
        long sporadicSent = 0;
        int sporadicPeeled = 0;
        for (Client c : clients) {
            Ledger l = ledgers[c.index];
            long sent = c.sent.get();
            long lost = l.missing(sent);
            long dup = l.duplicates();
            long extra = l.unexpected(sent);
            boolean ordered = l.outOfOrder() == 0 && l.cleanSplit();
            boolean good = lost == 0 && dup == 0 && extra == 0 && ordered;
            sentAll += sent;
            recvAll += l.received();
            lostAll += lost;
            dupAll += dup;
            extraAll += extra;
            ServerAssoc sa = byClient.get(c.index);
            boolean isPeeled = sa != null && sa.own != null;
            if (!good) {
                badAssoc++;
                ok = false;
            }
            if (!c.busy) {
                sporadicMin = Math.min(sporadicMin, sent);
                sporadicMax = Math.max(sporadicMax, sent);
                sporadicSent += sent;
                if (isPeeled) {
                    sporadicPeeled++;
                }
            }
            if (c.busy || isPeeled || !good || cfg.verbose()) {
                long onShared = l.received(Ledger.Via.SHARED);
                String inFlight = isPeeled ? String.valueOf(Math.max(0, sa.sentAtPeel - onShared)) : "-";
                rows.add(List.of(sa == null ? "?" : sa.id.toString(), c.label(), isPeeled ? "peeled" : "shared",
                        String.valueOf(sent), String.valueOf(l.received()), String.valueOf(onShared),
                        String.valueOf(l.received(Ledger.Via.PEELED)), inFlight, String.valueOf(lost),
                        String.valueOf(dup + extra), ordered ? "ok" : "BROKEN"));
            }
        }
        out.println();
        out.println("  Per association (messages numbered by the sender; \"in flight\": sent before the peel-off");
        out.println("  returned but not yet read from the shared socket, so delivered on the peeled one):");
        boolean[] right = {false, false, false, true, true, true, true, true, true, true, false};
        for (String line : Fmt.columns(rows, right, 4)) {
            out.println(line);
        }
        if (!cfg.verbose() && cfg.clients() > 0) {
            long shownSporadic = rows.stream().skip(1).filter(r -> r.get(1).startsWith("sporadic")).count();
            out.printf(Locale.ROOT, "    %s%d sporadic associations: %d messages sent (%d to %d each), %s%n",
                    shownSporadic > 0 ? "all " : "", cfg.clients(), sporadicSent,
                    sporadicMin == Long.MAX_VALUE ? 0 : sporadicMin, sporadicMax,
                    badAssoc == 0 ? "every one received exactly once, on the shared socket" : "see the rows above");
        }
        if (sporadicPeeled > 0) {
            out.printf(Locale.ROOT, "    note: %d sporadic association(s) crossed the threshold and were peeled off too%n", sporadicPeeled);
        }
        boolean blockingAsked = !cfg.loop();
        for (ServerAssoc sa : peeled) {
            if (sa.stillListed || sa.ownBlocking != blockingAsked || !sa.ownCloseOnExec) {
                ok = false;
                out.printf(Locale.ROOT, "    %s after peel-off: still listed on the shared socket=%s, blocking=%s (asked %s),"
                        + " close-on-exec=%s%n", sa.id, sa.stillListed, sa.ownBlocking, blockingAsked, sa.ownCloseOnExec);
            }
        }
        if (!peeled.isEmpty()) {
            long clean = peeled.stream()
                    .filter(sa -> !sa.stillListed && sa.ownBlocking == blockingAsked && sa.ownCloseOnExec).count();
            out.printf(Locale.ROOT, "    %d of %d peeled sockets checked: gone from the shared socket's associations(),"
                    + " %s, close-on-exec%n", clean, peeled.size(), blockingAsked ? "blocking" : "non-blocking");
        }

        out.println();
        out.println("  Shared one-to-many socket, before and after the busy associations left it:");
        List<List<String>> tp = new ArrayList<>();
        tp.add(List.of("phase", "from", "to", "shared msg/s", "shared bytes/s", "all msg/s", "all bytes/s",
                "sporadic latency p50", "p99"));
        long firstPeel = tFirstPeel;
        long lastPeel = tLastPeel;
        tp.add(phaseRow("sporadic only", t0, tBusy));
        if (firstPeel != 0) {
            tp.add(phaseRow("busy on shared", tBusy, firstPeel));
            tp.add(phaseRow("after peel-offs", lastPeel, tEnd));
        } else {
            tp.add(phaseRow("busy on shared", tBusy, tEnd));
        }
        boolean[] r2 = {false, true, true, true, true, true, true, true, true};
        for (String line : Fmt.columns(tp, r2, 4)) {
            out.println(line);
        }
        if (firstPeel != 0 && series.seconds(tBusy, firstPeel) > 0 && series.seconds(lastPeel, tEnd) > 0) {
            double before = series.sum(ALL_MSGS, tBusy, firstPeel) / series.seconds(tBusy, firstPeel);
            double after = series.sum(ALL_MSGS, lastPeel, tEnd) / series.seconds(lastPeel, tEnd);
            double sharedAfter = series.sum(SHARED_MSGS, lastPeel, tEnd) / series.seconds(lastPeel, tEnd);
            out.printf(Locale.ROOT, "    With the busy associations on their own sockets" + (cfg.loop()
                    ? ", served by one event-loop thread," : " and threads") + " the server took in %.1fx the"
                    + " messages per second (%s -> %s);%n    the shared socket went back to its %d sporadic associations"
                    + " (%s msg/s).%s%n", before > 0 ? after / before : 0, Fmt.rate(before), Fmt.rate(after),
                    cfg.clients(), Fmt.rate(sharedAfter),
                    Main.inVm() ? emulationCaveat() : "");
        }
        if (firstPeel == 0 && cfg.busy() > 0) {
            out.printf(Locale.ROOT, "    no association passed %s msg/s for %d windows: nothing was peeled off"
                    + " (lower --threshold?)%n", trim(cfg.threshold()), cfg.confirm());
        } else if (peeled.size() < cfg.busy()) {
            out.printf(Locale.ROOT, "    only %d of %d busy associations were detected%n", peeled.size(), cfg.busy());
        }

        if (corrupt.get() > 0) {
            ok = false;
            out.printf(Locale.ROOT, "  %d messages were malformed (wrong length, header or association)%n", corrupt.get());
        }
        if (!peelFailures.isEmpty()) {
            ok = false;
            out.println("  Peel-off failures:");
            peelFailures.forEach(f -> out.println("    " + f));
        }
        if (!errors.isEmpty()) {
            ok = false;
            out.println("  Errors:");
            errors.forEach(f -> out.println("    " + f));
        }
        out.println();
        if (ok) {
            out.printf(Locale.ROOT, "RESULT: OK - every message accounted for: %d sent, %d received, 0 lost, 0 duplicated,"
                    + " order kept on every socket%n", sentAll, recvAll);
            return Main.EXIT_OK;
        }
        out.printf(Locale.ROOT, "RESULT: FAILED - %d sent, %d received, %d lost, %d duplicated or unexpected,"
                + " %d association(s) wrong%n", sentAll, recvAll, lostAll, dupAll + extraAll, badAssoc);
        return Main.EXIT_FAILED;
    }

    /** One phase: the rates from the 100 ms buckets it covers, and the sporadic messages' latency in it. */
    private List<String> phaseRow(String name, long from, long to) {
        double dt = series.seconds(from, to);
        if (dt <= 0) {
            return List.of(name, "-", "-", "-", "-", "-", "-", "-", "-");
        }
        long a = series.edge(from);
        long b = series.edge(to);
        long[] lat = latencies.between(a, b);
        return List.of(name, Fmt.seconds((a - t0) / 1e9), Fmt.seconds((b - t0) / 1e9),
                Fmt.rate(series.sum(SHARED_MSGS, from, to) / dt), Fmt.bytesRate(series.sum(SHARED_BYTES, from, to) / dt),
                Fmt.rate(series.sum(ALL_MSGS, from, to) / dt), Fmt.bytesRate(series.sum(ALL_BYTES, from, to) / dt),
                lat.length == 0 ? "-" : Fmt.millis(Latencies.percentile(lat, 50)),
                lat.length == 0 ? "-" : Fmt.millis(Latencies.percentile(lat, 99)));
    }

    /** Receive times and latencies of the sporadic messages, for the before/after comparison. */
    static final class Latencies {
        private long[] at = new long[4096];
        private long[] value = new long[4096];
        private int n;

        synchronized void add(long atNanos, long latencyNanos) {
            if (n == at.length) {
                at = Arrays.copyOf(at, n * 2);
                value = Arrays.copyOf(value, n * 2);
            }
            at[n] = atNanos;
            value[n] = latencyNanos;
            n++;
        }

        /** @return the latencies of the messages received in [from, to), sorted */
        synchronized long[] between(long from, long to) {
            long[] v = new long[n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                if (at[i] >= from && at[i] < to) {
                    v[k++] = value[i];
                }
            }
            long[] r = Arrays.copyOf(v, k);
            Arrays.sort(r);
            return r;
        }

        /**
         * @param sorted values in ascending order, at least one
         * @param p      the percentile, 0..100
         * @return the nearest-rank percentile
         */
        static long percentile(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }
    }

}
