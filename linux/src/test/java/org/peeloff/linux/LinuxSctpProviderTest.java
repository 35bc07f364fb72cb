/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.util.List;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.peeloff.Capabilities;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.spi.SctpProvider;
import org.peeloff.spi.SocketStyle;

/**
 * What the provider says about itself on the machine that builds it (no SCTP kernel needed):
 * discovery, availability, capabilities, and an honest failure on a kernel without SCTP.
 */
class LinuxSctpProviderTest {

    @Test
    void provider_is_found_by_the_service_loader_with_id_linux() {
        List<String> ids = ServiceLoader.load(SctpProvider.class).stream().map(p -> p.get().id()).toList();
        assertTrue(ids.contains("linux"), ids.toString());
    }

    @Test
    void matches_the_os_by_name_and_is_available_on_linux() {
        LinuxSctpProvider p = new LinuxSctpProvider();
        boolean linux = "Linux".equals(System.getProperty("os.name"));
        assertEquals(linux, p.matchesCurrentOs());
        assertEquals(linux, p.isAvailable(), () -> String.valueOf(p.unavailabilityCause()));
        if (linux) {
            assertNull(p.unavailabilityCause());
        } else {
            assertTrue(p.unavailabilityCause().getMessage().contains("Linux only"));
        }
    }

    @Test
    void capabilities_report_linux_libc_binding_atomic_flags_and_the_kernel_release() {
        Capabilities c = new LinuxSctpProvider().capabilities();
        assertEquals("linux", c.provider());
        assertEquals("Linux " + System.getProperty("os.version"), c.os());
        assertEquals("libc only (JNA direct mapping; libsctp.so.1 not needed)", c.binding());
        assertEquals(Capabilities.FlagSupport.ATOMIC, c.peeloffFlags());
        assertTrue(c.nativeAssociationList());
        assertTrue(c.oneToOneSockets());
        assertTrue(c.unsupported().isEmpty());
        assertEquals(System.getProperty("os.version"), c.details().get("kernel"));
        assertTrue(c.details().containsKey("kernelSctp"));
        assertTrue(c.details().get("jna").startsWith("5."), c.details().get("jna"));
        if (List.of("amd64", "x86_64").contains(System.getProperty("os.arch"))) {
            assertTrue(c.fullyVerified(), c.unverified().toString());
        }
    }

    @Test
    void socket_on_a_kernel_without_sctp_fails_UNSUPPORTED_SOCKET_and_says_why() throws Exception {
        LinuxSctpProvider p = new LinuxSctpProvider();
        if (!p.isAvailable()) {
            assertThrows(SctpException.class, () -> p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_MANY));
            return;
        }
        int fd;
        try {
            fd = p.socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_MANY);
        } catch (SctpException e) {
            assertEquals(SctpError.UNSUPPORTED_SOCKET, e.error(), e.getMessage());
            assertFalse(LinuxSctpProvider.kernelHasSctpLoaded());
            assertTrue(e.getMessage().startsWith("socket(AF_INET, SOCK_SEQPACKET|SOCK_CLOEXEC, IPPROTO_SCTP) failed: "),
                    e.getMessage());
            assertTrue(e.getMessage().contains("this kernel has no SCTP"), e.getMessage());
            return;
        }
        // this host's kernel has SCTP: the socket is real, close-on-exec and blocking
        try {
            assertTrue(p.isCloseOnExec(fd));
            assertTrue(p.isBlocking(fd));
            assertTrue(LinuxSctpProvider.kernelHasSctpLoaded());
        } finally {
            p.close(fd);
        }
    }
}
