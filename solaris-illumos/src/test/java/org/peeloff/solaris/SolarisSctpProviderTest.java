package org.peeloff.solaris;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;

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
        SolarisSctpProvider p = new SolarisSctpProvider();
        for (PeeloffOption flag : List.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC)) {
            SctpException e = assertThrows(SctpException.class,
                    () -> p.peeloff(3, 1, EnumSet.of(PeeloffOption.STRICT, flag)));
            assertEquals(SctpError.UNSUPPORTED, e.error());
            assertEquals(0, e.errno(), "no native call was made");
        }
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
