/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.net.ProtocolFamily;
import java.net.StandardProtocolFamily;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.spi.SocketStyle;

/** What the provider does without any native library: the cheap questions, strict mode, unavailability. */
class SolarisSctpProviderTest {

    @Test
    void is_the_solaris_provider_for_SunOS() {
        SolarisSctpProvider p = new SolarisSctpProvider();
        assertEquals("solaris", p.id());
        assertEquals("SunOS".equalsIgnoreCase(System.getProperty("os.name")), p.matchesCurrentOs());
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void discovery_and_the_cheap_questions_load_nothing_native() throws IOException, InterruptedException {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        Process p = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                NoNativeProbe.class.getName())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        boolean sunos = "SunOS".equalsIgnoreCase(System.getProperty("os.name"));
        assertEquals("solaris " + sunos + " 0 jna.loaded=null", out);
    }

    @Test
    void strict_peel_off_with_flags_is_refused_before_any_native_call() {
        // the delta itself, with no library bound: a native call would fail UnsatisfiedLinkError
        SolarisSockets s = new SolarisSockets(new SolarisNative.Libraries(null, "libsctp.so.1", "libsocket.so.1",
                null));
        for (PeeloffOption flag : List.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC)) {
            SctpException e = assertThrows(SctpException.class,
                    () -> s.peeloff(3, 1, EnumSet.of(PeeloffOption.STRICT, flag)));
            assertEquals(SctpError.UNSUPPORTED, e.error());
            assertEquals(0, e.errno(), "no native call was made");
        }
    }

    @Test
    void errors_name_the_personality_when_one_is_bound_and_the_os_otherwise() {
        assertEquals(SolarisSctpProvider.PERSONALITY_OS,
                new SolarisSockets(new SolarisNative.Libraries("libillumos-personality.so", "p", "p", null)).os());
        assertEquals(System.getProperty("os.name"),
                new SolarisSockets(new SolarisNative.Libraries(null, "s", "s", null)).os());
    }

    @Test
    void a_bad_family_is_UNSUPPORTED_SOCKET_before_anything_is_loaded() {
        ProtocolFamily unix = StandardProtocolFamily.UNIX;
        SctpException e = assertThrows(SctpException.class,
                () -> new SolarisSctpProvider().socket(unix, SocketStyle.ONE_TO_MANY));
        assertEquals(SctpError.UNSUPPORTED_SOCKET, e.error());
    }

    @Test
    void elsewhere_than_SunOS_and_without_a_personality_it_is_unavailable_and_says_why() {
        assumeFalse("SunOS".equalsIgnoreCase(System.getProperty("os.name")), "on SunOS it binds the system libraries");
        assumeFalse(System.getProperty(SolarisNative.LIBRARY_PROPERTY) != null, "a personality is configured");
        SolarisSctpProvider p = new SolarisSctpProvider();
        assertFalse(p.isAvailable());
        assertNotNull(p.unavailabilityCause());
        SctpException e = assertThrows(SctpException.class,
                () -> p.peeloff(3, 1, EnumSet.noneOf(PeeloffOption.class)));
        assertEquals(SctpError.UNSUPPORTED_PLATFORM, e.error());
        assertNotNull(e.getCause());
    }
}
