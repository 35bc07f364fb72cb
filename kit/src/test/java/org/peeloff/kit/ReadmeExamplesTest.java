/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;

import org.junit.jupiter.api.Test;
import org.peeloff.AssociationId;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpData;
import org.peeloff.SctpMultiSocket;
import org.peeloff.SctpReceived;
import org.peeloff.SctpSelectionKey;
import org.peeloff.SctpSelector;
import org.peeloff.SctpSocket;
import org.peeloff.testcontainers.SctpPeerContainer;
import org.testcontainers.containers.Network;

/**
 * The Java examples of README.md's "Using it" and "Testing your SCTP code against peers in containers",
 * compiled: each one is here between {@code README:}
 * markers, and the test holds README.md's code blocks to these lines, so an API change that breaks an
 * example breaks this build, and an edit of one side alone fails this test.
 */
class ReadmeExamplesTest {
    private volatile boolean running;
    private ExecutorService executor;

    private boolean isBusy(AssociationId id) {
        return id.value() % 2 == 0;
    }

    private void serve(SctpSocket own) {
        // the application's own loop over one peeled socket
    }

    private void serve(SctpSocket own, ByteBuffer buf) throws IOException {
        while (own.receive(buf.clear()) != null) {
            // the application's work
        }
    }

    @SuppressWarnings("unused")
    private void threadPerPeeledSocket() throws IOException {
        // README: thread per peeled socket
        try (SctpMultiSocket server = SctpMultiSocket.open()) {
            server.bind(new InetSocketAddress("0.0.0.0", 2905)).listen();
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            while (running) {
                SctpReceived r = server.receive(buf.clear());
                if (r instanceof SctpData d && isBusy(d.association())) {
                    SctpSocket own = server.peelOff(d.association(), PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC);
                    executor.submit(() -> serve(own));           // its traffic no longer reaches 'server'
                }
            }
        }
        // README: end
    }

    @SuppressWarnings("unused")
    private void eventLoop() throws IOException {
        // README: event loop
        try (SctpSelector selector = SctpSelector.open(); SctpMultiSocket server = SctpMultiSocket.open()) {
            server.bind(new InetSocketAddress("0.0.0.0", 2905)).listen();
            server.configureBlocking(false);
            selector.register(server, SctpSelectionKey.OP_READ, null);
            ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
            while (running) {
                selector.select(1000);                            // level-triggered; the set is cleared by each select
                for (SctpSelectionKey key : selector.selectedKeys()) {
                    if (key.socket() instanceof SctpMultiSocket s) {
                        for (SctpReceived r; (r = s.receive(buf.clear())) != null; ) {
                            if (r instanceof SctpData d && isBusy(d.association())) {
                                SctpSocket own = s.peelOff(d.association(), PeeloffOption.NONBLOCK);
                                selector.register(own, SctpSelectionKey.OP_READ, d.association());
                            }
                        }
                    } else if (key.socket() instanceof SctpSocket own) {
                        serve(own, buf);                          // receive until null
                    }
                }
            }
        }
        // README: end
    }

    @SuppressWarnings("unused")
    private void peerInAContainer() throws IOException {
        // README: peer in a container
        try (Network a = SctpPeerContainer.network("198.18.1.0/24");
             Network b = SctpPeerContainer.network("198.18.2.0/24");
             SctpMultiSocket server = SctpMultiSocket.open()) {
            server.bind(new InetSocketAddress("0.0.0.0", 2905)).listen();   // your server, on the Docker host
            try (SctpPeerContainer peer = SctpPeerContainer.client(new InetSocketAddress(SctpPeerContainer.gateway(a), 2905))
                    .onNetworks(a, b).steps("send:100", "shutdown")) {
                peer.start();
                peer.awaitEvent("ENDED", Duration.ofSeconds(60));              // peer.disconnect(a) would cut a path
            }
        }
        // README: end
    }

    /** @return the lines between {@code // README: name} and {@code // README: end} of this source, unindented */
    private static List<String> example(String name) throws IOException {
        Path source = Path.of("src/test/java/org/peeloff/kit/ReadmeExamplesTest.java");
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        int from = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("// README: " + name)) {
                from = i + 1;
                break;
            }
        }
        assertTrue(from > 0, "marker '// README: " + name + "' in " + source);
        List<String> out = new ArrayList<>();
        int indent = lines.get(from).indexOf(lines.get(from).trim());
        for (int i = from; !lines.get(i).trim().equals("// README: end"); i++) {
            String l = lines.get(i);
            out.add(l.length() >= indent ? l.substring(indent) : l.trim());
        }
        return out;
    }

    /**
     * @param section a second-level heading of README.md, without its {@code ## }
     * @return every ```java block of that section
     */
    private static List<List<String>> readmeBlocks(String section) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("../README.md"), StandardCharsets.UTF_8);
        List<List<String>> blocks = new ArrayList<>();
        boolean inSection = false;
        List<String> block = null;
        for (String l : lines) {
            if (l.startsWith("## ")) {
                inSection = l.equals("## " + section);
            } else if (inSection && block == null && l.equals("```java")) {
                block = new ArrayList<>();
            } else if (block != null && l.equals("```")) {
                blocks.add(block);
                block = null;
            } else if (block != null) {
                block.add(l);
            }
        }
        return blocks;
    }

    @Test
    void readme_java_examples_are_the_compiled_ones() throws IOException {
        List<List<String>> blocks = readmeBlocks("Using it");
        assertEquals(List.of(example("thread per peeled socket"), example("event loop")), blocks,
                "README.md's Java examples under \"Using it\", in order, are the code of " + getClass().getSimpleName());
        String containers = "Testing your SCTP code against peers in containers";
        assertEquals(List.of(example("peer in a container")), readmeBlocks(containers),
                "README.md's Java example under \"" + containers + "\" is the code of " + getClass().getSimpleName());
    }
}
