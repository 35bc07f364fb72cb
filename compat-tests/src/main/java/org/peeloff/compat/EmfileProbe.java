/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.peeloff.AssociationId;
import org.peeloff.MessageInfo;
import org.peeloff.SctpData;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpSocket;
import org.peeloff.spi.SctpProvider;

/**
 * The TCK case "descriptor table full" in a JVM of its own, because filling the table would starve
 * the test JVM: the TCK starts it as {@code sh -c 'ulimit -n 128 && exec java ... EmfileProbe
 * <provider class>'} with the test JVM's class path and its {@code org.peeloff.*}, {@code peeloff.*} and
 * {@code jna.*} system properties (an ABI personality is configured by those).
 *
 * <p>The probe sets up an association, opens {@code /dev/null} until the table is full ("The
 * per-process descriptor table is full", EMFILE), peels the association off (which must fail
 * {@code TOO_MANY_OPEN_FILES}), frees the files, and checks that the association still carries data
 * both ways on the original socket.
 *
 * <p>It reports on stdout with one line, {@value #TAG} followed by tab-separated {@code key=value}
 * fields ({@code outcome}, {@code error}, {@code errno}, {@code errnoName}, {@code os}, {@code call},
 * {@code filesOpened}, {@code detail}), and by its exit status: 0 passed, 1 failed, 2 aborted (the case
 * could not be set up here; {@code detail} says why), anything else a crash.
 */
public final class EmfileProbe {
    /** The first word of the report line. */
    public static final String TAG = "peeloff-emfile-probe";
    static final int PASSED = 0;
    static final int FAILED = 1;
    static final int ABORTED = 2;
    private static final int MAX_FILES = 65_536;
    private static final int ATTEMPTS = 3;

    private final Map<String, String> fields = new LinkedHashMap<>();

    private EmfileProbe() {
    }

    /**
     * @param args the provider class (public, no-argument constructor)
     */
    public static void main(String[] args) {
        EmfileProbe probe = new EmfileProbe();
        int status;
        try {
            status = probe.run(args);
        } catch (Throwable t) {
            probe.fields.put("detail", "probe threw " + t);
            status = FAILED;
        }
        probe.fields.put("outcome", status == PASSED ? "passed" : status == ABORTED ? "aborted" : "failed");
        StringBuilder line = new StringBuilder(TAG);
        probe.fields.forEach((k, v) -> line.append('\t').append(k).append('=').append(v.replaceAll("[\\t\\r\\n]", " ")));
        System.out.println(line);
        System.out.flush();
        System.exit(status);
    }

    private int run(String[] args) throws Exception {
        if (args.length != 1) {
            fields.put("detail", "usage: EmfileProbe <provider class>");
            return ABORTED;
        }
        SctpProvider provider;
        try {
            provider = (SctpProvider) Class.forName(args[0]).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            fields.put("detail", "cannot create provider " + args[0] + " with a public no-argument constructor: " + e);
            return ABORTED;
        }
        if (!provider.isAvailable()) {
            fields.put("detail", "provider " + provider.id() + " is not available: " + provider.unavailabilityCause());
            return ABORTED;
        }
        List<AutoCloseable> sockets = new ArrayList<>();
        try {
            return probe(provider, sockets);
        } finally {
            for (int i = sockets.size() - 1; i >= 0; i--) {
                try {
                    sockets.get(i).close();
                } catch (Exception ignored) {
                    // the report line is what counts
                }
            }
        }
    }

    private int probe(SctpProvider provider, List<AutoCloseable> sockets) throws Exception {
        Associations.Cleanup r = new Associations.Cleanup();
        sockets.add(r);
        SctpMultiSocket server = Associations.server(r, provider);
        Associations.Link link = Associations.link(r, provider, server);
        AssociationId id = link.serverSide();
        ByteBuffer buf = ByteBuffer.allocateDirect(Associations.BUFFER);

        // Everything the probe does once the table is full runs once before, so no class still to be
        // loaded needs a descriptor then (a jar opened lazily would take the slot the test is about).
        roundTrip(server, link, buf, "warm-up");
        try {
            server.peelOff(AssociationId.of(Integer.MAX_VALUE)).close();
        } catch (SctpException expected) {
            // the failure path is loaded now
        }

        // Another thread of this JVM can free a descriptor between the table filling up and the
        // peel-off (the Cleaner closing an unreachable stream after a GC), and the peel-off then takes
        // that slot. So: collect garbage first, top the table up right before the call, and try again
        // with a new association when a peel-off still succeeded; a provider that does not fail on a
        // full table succeeds every time, a race does not.
        SctpException failure = null;
        List<String> succeeded = new ArrayList<>();
        for (int attempt = 1; attempt <= ATTEMPTS && failure == null; attempt++) {
            if (attempt > 1) {
                link = Associations.link(r, provider, server);
                id = link.serverSide();
            }
            System.gc();
            Thread.sleep(200);
            List<InputStream> files = new ArrayList<>();
            SctpSocket peeled = null;
            try {
                IOException full = fill(files);
                if (full == null) {
                    fields.put("detail", "opened " + files.size() + " files without EMFILE: RLIMIT_NOFILE was not lowered");
                    return ABORTED;
                }
                fields.put("filesOpened", Integer.toString(files.size()));
                fill(files); // top up: a slot freed since the table filled is taken again here
                try {
                    peeled = server.peelOff(id);
                } catch (SctpException e) {
                    failure = e;
                }
            } finally {
                for (InputStream in : files) {
                    in.close();
                }
            }
            if (peeled != null) {
                succeeded.add("attempt " + attempt);
                peeled.close();
            }
        }
        if (failure == null) {
            fields.put("detail", "peel-off succeeded although the descriptor table was full, in each of " + ATTEMPTS
                    + " attempts (" + String.join("; ", succeeded) + ")");
            return FAILED;
        }
        if (!succeeded.isEmpty()) {
            fields.put("retried", "a peel-off succeeded with the table full in " + succeeded
                    + " (a descriptor freed by another thread of the JVM), then failed as expected");
        }
        describe(failure);
        if (failure.error() != SctpError.TOO_MANY_OPEN_FILES) {
            fields.put("detail", "expected TOO_MANY_OPEN_FILES, got " + failure.getMessage());
            return FAILED;
        }
        if (!server.associations().contains(id)) {
            fields.put("detail", "after the failed peel-off the association " + id
                    + " is no longer listed on the original socket: " + server.associations());
            return FAILED;
        }
        try {
            roundTrip(server, link, buf, "after EMFILE");
        } catch (SctpException | AssertionError e) {
            fields.put("detail", "the association no longer works on the original socket after the failed peel-off: " + e);
            return FAILED;
        }
        fields.put("detail", "association " + id + " still carries data both ways on the original socket");
        return PASSED;
    }

    private void describe(SctpException e) {
        fields.put("error", e.error().name());
        fields.put("errno", Integer.toString(e.errno()));
        fields.put("errnoName", e.errnoName());
        fields.put("os", e.os());
        fields.put("call", e.call());
    }

    /** Opens /dev/null until the table is full; returns the failure, or null when the cap was reached. */
    private static IOException fill(List<InputStream> files) {
        while (files.size() < MAX_FILES) {
            try {
                files.add(new FileInputStream("/dev/null"));
            } catch (IOException e) {
                return e;
            }
        }
        return null;
    }

    private static void roundTrip(SctpMultiSocket server, Associations.Link link, ByteBuffer buf, String text)
            throws SctpException {
        Associations.send(link.client(), link.clientSide(), 0, Associations.text("ping " + text));
        SctpData d = Associations.nextData(server, buf, "ping " + text + " on the original socket");
        if (!d.association().equals(link.serverSide())) {
            throw new AssertionError("ping arrived on " + d.association() + ", expected " + link.serverSide());
        }
        server.send(Associations.text("pong " + text), MessageInfo.to(link.serverSide(), 0));
        Associations.nextData(link.client(), buf, "pong " + text + " on the client");
    }

    /**
     * What a probe run reported.
     *
     * @param status the exit status
     * @param fields the report line's fields (empty when none was printed)
     * @param output everything the child printed, for failure messages
     */
    record Result(int status, Map<String, String> fields, String output) {
    }

    /**
     * Runs the probe in a new JVM whose descriptor limit is {@code limit}.
     *
     * @param providerClass the provider class for the child
     * @param limit         the {@code ulimit -n} value
     * @param timeout       how long the child may take
     * @return what it reported
     * @throws IOException          when the child cannot be started
     * @throws InterruptedException when interrupted while waiting
     */
    static Result fork(String providerClass, int limit, Duration timeout) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add("/bin/sh");
        cmd.add("-c");
        cmd.add("ulimit -n " + limit + " || exit 2; exec \"$@\"");
        cmd.add("sh");
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmArguments());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(EmfileProbe.class.getName());
        cmd.add(providerClass);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "emfile-probe-output");
        reader.setDaemon(true);
        reader.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            reader.join(5_000);
            return new Result(-1, Map.of(), "timed out after " + timeout.toSeconds() + " s\n" + out);
        }
        reader.join(10_000);
        String text = out.toString(StandardCharsets.UTF_8);
        Map<String, String> fields = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith(TAG + "\t")) {
                for (String kv : line.substring(TAG.length() + 1).split("\t")) {
                    int eq = kv.indexOf('=');
                    if (eq > 0) {
                        fields.put(kv.substring(0, eq), kv.substring(eq + 1).trim());
                    }
                }
            }
        }
        return new Result(p.exitValue(), fields, text);
    }

    /**
     * The test JVM's options the child needs: system properties ({@code -D}), module openings, native
     * access and the stack size; not agents or debugger options. Properties of this project and JNA set
     * at run time are added too.
     */
    private static List<String> jvmArguments() {
        List<String> args = new ArrayList<>();
        List<String> input = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < input.size(); i++) {
            String a = input.get(i);
            if (a.startsWith("-D") || a.startsWith("-Xss") || a.startsWith("--add-opens=") || a.startsWith("--add-exports=")
                    || a.startsWith("--enable-native-access=")) {
                args.add(a);
            } else if ((a.equals("--add-opens") || a.equals("--add-exports") || a.equals("--enable-native-access"))
                    && i + 1 < input.size()) {
                args.add(a);
                args.add(input.get(++i));
            }
        }
        Properties props = System.getProperties();
        for (String k : props.stringPropertyNames()) {
            if (k.startsWith("org.peeloff.") || k.startsWith("peeloff.") || k.startsWith("jna.")) {
                args.add("-D" + k + "=" + props.getProperty(k));
            }
        }
        // HotSpot raises the soft descriptor limit to the hard one at start-up; keep the lowered one.
        args.add("-XX:+IgnoreUnrecognizedVMOptions");
        args.add("-XX:-MaxFDLimit");
        return args;
    }
}
