/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.testcontainers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Pure Java: the parsing of the peer's event lines, and the checks on script steps (no Docker, no SCTP). */
class PeerEventTest {

    @Test
    void an_event_line_gives_its_type_and_unescaped_fields() {
        PeerEvent e = PeerEvent.parse("PEER RECEIVED n=3 stream=1 text=a%20b%25c%3d\n").orElseThrow();
        assertEquals("RECEIVED", e.type());
        assertEquals(List.of("n", "stream", "text"), List.copyOf(e.fields().keySet()));
        assertEquals("a b%c=", e.get("text"));
        assertEquals("3", e.get("n"));
        assertThrows(IllegalStateException.class, () -> e.get("ppid"));
    }

    @Test
    void lines_that_are_not_events_are_ignored() {
        assertTrue(PeerEvent.parse("Picked up JAVA_TOOL_OPTIONS: -Xmx1g").isEmpty());
        assertTrue(PeerEvent.parse("PEER ").isEmpty());
        assertTrue(PeerEvent.parse("PEER SENT novalue").isEmpty());
    }

    @Test
    void an_event_with_no_fields_parses() {
        PeerEvent e = PeerEvent.parse("PEER DONE").orElseThrow();
        assertEquals("DONE", e.type());
        assertTrue(e.fields().isEmpty());
    }

    @Test
    void a_step_must_be_one_word() {
        SctpPeerContainer peer = SctpPeerContainer.server(2905);
        assertThrows(IllegalArgumentException.class, () -> peer.steps("send 10"));
        assertThrows(IllegalArgumentException.class, () -> peer.steps(""));
        assertThrows(NullPointerException.class, () -> peer.onNetworks(null));
    }

    @Test
    void a_network_s_gateway_is_the_first_host_of_its_subnet() {
        assertEquals("198.18.1.1", SctpPeerContainer.firstHost("198.18.1.0/24"));
        assertEquals("198.18.0.1", SctpPeerContainer.firstHost("198.18.1.7/15"));
        assertThrows(IllegalArgumentException.class, () -> SctpPeerContainer.firstHost("198.18.1.0"));
        assertThrows(IllegalArgumentException.class, () -> SctpPeerContainer.firstHost("198.18.1.0/31"));
        assertThrows(IllegalArgumentException.class, () -> SctpPeerContainer.firstHost("::1/64"));
    }

    @Test
    void the_build_context_is_a_tar_archive_that_tar_reads() throws Exception {
        byte[] tar = SctpPeerContainer.tar("Dockerfile", "FROM scratch\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(0, tar.length % 10240);
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("peeloff-tar");
        java.nio.file.Path file = dir.resolve("ctx.tar");
        java.nio.file.Files.write(file, tar);
        Process p = new ProcessBuilder("tar", "-xf", file.toString(), "-C", dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), "tar -xf: " + out);
        assertEquals("FROM scratch\n", java.nio.file.Files.readString(dir.resolve("Dockerfile")));
    }

    @Test
    void the_directories_a_jdk_links_to_are_found(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path home = java.nio.file.Files.createDirectories(dir.resolve("jdk/lib"));
        java.nio.file.Path etc = java.nio.file.Files.createDirectories(dir.resolve("etc/java-x"));
        java.nio.file.Files.createSymbolicLink(home.resolve("jvm.cfg"), etc.resolve("jvm.cfg"));
        java.nio.file.Files.createSymbolicLink(home.resolve("self"), home);
        assertEquals(java.util.Set.of(dir.getRoot().resolve(dir.subpath(0, 2))),
                SctpPeerContainer.linkedDirectories(dir.resolve("jdk")));
    }
}
