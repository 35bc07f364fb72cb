/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.peeloff.testing.FakeSctpProvider;

/**
 * {@link Sctp#select}: which provider discovery chooses, and how it explains the ones it passed over.
 * Every provider here is an in-memory fake: nothing native is loaded.
 */
class SctpDiscoveryTest {

    private static ProviderCandidate candidate(Sctp.Selection s, String id) {
        return s.candidates().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no candidate " + id + " in " + s.candidates()));
    }

    @Test
    void the_highest_priority_available_provider_for_this_os_is_chosen() {
        FakeSctpProvider low = new FakeSctpProvider("low", 1, true);
        FakeSctpProvider high = new FakeSctpProvider("high", 10, true);
        FakeSctpProvider middle = new FakeSctpProvider("middle", 5, true);

        Sctp.Selection s = Sctp.select(List.of(low, high, middle), null);

        assertSame(high, s.chosen());
        assertTrue(candidate(s, "high").chosen());
        assertTrue(candidate(s, "high").available());
        assertEquals("highest-priority available provider for this OS", candidate(s, "high").reason());
        assertEquals("a provider with higher priority was chosen", candidate(s, "middle").reason());
        assertEquals("a provider with higher priority was chosen", candidate(s, "low").reason());
        assertEquals(0, low.availabilityChecks(), "a lower-priority provider is not even loaded");
        assertEquals(0, middle.availabilityChecks(), "a lower-priority provider is not even loaded");
        assertEquals(List.of("high", "middle", "low"), s.candidates().stream().map(ProviderCandidate::id).toList(),
                "candidates are listed by descending priority");
        assertNull(s.forced());
    }

    @Test
    void an_unavailable_higher_priority_provider_gives_way_and_keeps_its_cause() {
        UnsatisfiedLinkError why = new UnsatisfiedLinkError("libsctp.so.1: cannot open shared object file");
        FakeSctpProvider broken = new FakeSctpProvider("broken", 10, true).unavailable(why);
        FakeSctpProvider fallback = new FakeSctpProvider("fallback", 1, true);

        Sctp.Selection s = Sctp.select(List.of(broken, fallback), null);

        assertSame(fallback, s.chosen());
        ProviderCandidate c = candidate(s, "broken");
        assertFalse(c.available());
        assertFalse(c.chosen());
        assertSame(why, c.cause());
        assertEquals("not available: " + why, c.reason());
    }

    @Test
    void a_provider_whose_os_check_fails_is_passed_over_with_a_reason_and_never_loaded() {
        FakeSctpProvider otherOs = new FakeSctpProvider("aix", 100, false);
        FakeSctpProvider mine = new FakeSctpProvider("linux", 1, true);

        Sctp.Selection s = Sctp.select(List.of(otherOs, mine), null);

        assertSame(mine, s.chosen());
        ProviderCandidate c = candidate(s, "aix");
        assertFalse(c.matchesOs());
        assertFalse(c.chosen());
        assertNull(c.cause());
        assertEquals("not for this OS (os.name=" + System.getProperty("os.name") + ")", c.reason());
        assertEquals(0, otherOs.availabilityChecks(), "the OS check must spare loading the native part");
    }

    @Test
    void an_unavailable_provider_without_a_cause_still_contributes_one() {
        FakeSctpProvider silent = new FakeSctpProvider("silent", 1, true).unavailable(null);

        Sctp.Selection s = Sctp.select(List.of(silent), null);

        assertNull(s.chosen());
        ProviderCandidate c = candidate(s, "silent");
        assertInstanceOf(IllegalStateException.class, c.cause());
        assertEquals("provider 'silent' is not available (no cause given)", c.cause().getMessage());
        assertEquals(List.of(c.cause()), Arrays.asList(s.failure().getSuppressed()));
    }

    @Test
    void the_override_forces_a_provider_even_when_its_os_check_fails() {
        FakeSctpProvider native_ = new FakeSctpProvider("linux", 100, true);
        FakeSctpProvider personality = new FakeSctpProvider("solaris", 1, false);

        Sctp.Selection s = Sctp.select(List.of(native_, personality), "solaris");

        assertSame(personality, s.chosen());
        assertEquals("solaris", s.forced());
        assertEquals("forced by " + Sctp.PROVIDER_PROPERTY, candidate(s, "solaris").reason());
        assertEquals("not the forced provider (" + Sctp.PROVIDER_PROPERTY + "=solaris)", candidate(s, "linux").reason());
        assertEquals(0, native_.availabilityChecks(), "a provider that is not the forced one is not loaded");
    }

    @Test
    void the_override_is_trimmed_and_case_insensitive() {
        FakeSctpProvider aix = new FakeSctpProvider("aix", 1, false);

        Sctp.Selection s = Sctp.select(List.of(aix), "  AIX ");

        assertSame(aix, s.chosen());
        assertEquals("aix", s.forced());
    }

    @Test
    void a_blank_override_means_automatic_choice() {
        FakeSctpProvider mine = new FakeSctpProvider("linux", 1, true);

        Sctp.Selection s = Sctp.select(List.of(mine), "   ");

        assertSame(mine, s.chosen());
        assertNull(s.forced());
    }

    @Test
    void a_forced_provider_that_is_unavailable_gives_the_failure_instead_of_another_provider() {
        IllegalStateException why = new IllegalStateException("no libsocket.so.1");
        FakeSctpProvider forced = new FakeSctpProvider("solaris", 1, false).unavailable(why);
        FakeSctpProvider other = new FakeSctpProvider("linux", 5, true);

        Sctp.Selection s = Sctp.select(List.of(forced, other), "solaris");

        assertNull(s.chosen());
        assertEquals(0, other.availabilityChecks());
        UnsupportedOperationException failure = s.failure();
        assertEquals(List.of(why), Arrays.asList(failure.getSuppressed()));
        assertTrue(failure.getMessage().contains("(forced: " + Sctp.PROVIDER_PROPERTY + "=solaris)"), failure.getMessage());
    }

    @Test
    void an_unknown_override_gives_the_failure_naming_the_forced_id() {
        FakeSctpProvider linux = new FakeSctpProvider("linux", 1, true);

        Sctp.Selection s = Sctp.select(List.of(linux), "hpux");

        assertNull(s.chosen());
        assertEquals(0, linux.availabilityChecks());
        assertEquals("not the forced provider (" + Sctp.PROVIDER_PROPERTY + "=hpux)", candidate(s, "linux").reason());
        UnsupportedOperationException failure = s.failure();
        assertTrue(failure.getMessage().contains("(forced: " + Sctp.PROVIDER_PROPERTY + "=hpux)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("\n  linux: not the forced provider"), failure.getMessage());
    }

    @Test
    void a_provider_throwing_a_RuntimeException_from_id_is_passed_over_with_its_cause() {
        RuntimeException boom = new IllegalStateException("id() exploded");
        FakeSctpProvider bad = new FakeSctpProvider("bad", 100, true) {
            @Override
            public String id() {
                throw boom;
            }
        };
        FakeSctpProvider good = new FakeSctpProvider("good", 1, true);

        Sctp.Selection s = Sctp.select(List.of(bad, good), null);

        assertSame(good, s.chosen());
        ProviderCandidate c = candidate(s, bad.getClass().getName());
        assertSame(boom, c.cause());
        assertFalse(c.chosen());
        assertEquals("failed to describe itself: " + boom, c.reason());
        assertEquals(0, bad.availabilityChecks());
    }

    @Test
    void a_provider_throwing_a_LinkageError_from_its_os_check_is_passed_over_with_its_cause() {
        NoClassDefFoundError boom = new NoClassDefFoundError("com/sun/jna/Native");
        FakeSctpProvider bad = new FakeSctpProvider("bad", 100, true) {
            @Override
            public boolean matchesCurrentOs() {
                throw boom;
            }
        };
        FakeSctpProvider good = new FakeSctpProvider("good", 1, true);

        Sctp.Selection s = Sctp.select(List.of(bad, good), null);

        assertSame(good, s.chosen());
        assertSame(boom, candidate(s, bad.getClass().getName()).cause());
    }

    @Test
    void a_provider_throwing_a_LinkageError_from_isAvailable_is_passed_over_with_its_cause() {
        UnsatisfiedLinkError boom = new UnsatisfiedLinkError("Unable to load library 'c'");
        FakeSctpProvider bad = new FakeSctpProvider("bad", 100, true) {
            @Override
            public boolean isAvailable() {
                throw boom;
            }
        };
        FakeSctpProvider good = new FakeSctpProvider("good", 1, true);

        Sctp.Selection s = Sctp.select(List.of(bad, good), null);

        assertSame(good, s.chosen());
        ProviderCandidate c = candidate(s, "bad");
        assertSame(boom, c.cause());
        assertFalse(c.available());
        assertEquals("not available: " + boom, c.reason());
    }

    @Test
    void a_provider_throwing_a_RuntimeException_from_isAvailable_is_passed_over_with_its_cause() {
        RuntimeException boom = new IllegalArgumentException("bad personality path");
        FakeSctpProvider bad = new FakeSctpProvider("bad", 100, true) {
            @Override
            public boolean isAvailable() {
                throw boom;
            }
        };

        Sctp.Selection s = Sctp.select(List.of(bad), null);

        assertNull(s.chosen());
        assertSame(boom, candidate(s, "bad").cause());
        assertEquals(List.of(boom), Arrays.asList(s.failure().getSuppressed()));
    }

    @Test
    void a_ServiceConfigurationError_in_the_list_is_passed_over_with_its_cause() {
        ServiceConfigurationError unloadable = new ServiceConfigurationError("org.peeloff.aix.AixSctpProvider not a subtype");
        FakeSctpProvider good = new FakeSctpProvider("good", 1, true);

        Sctp.Selection s = Sctp.select(List.of(unloadable, good), null);

        assertSame(good, s.chosen());
        ProviderCandidate c = candidate(s, "(unloadable)");
        assertSame(unloadable, c.cause());
        assertFalse(c.chosen());
        assertEquals("could not be loaded: " + unloadable, c.reason());
    }

    @Test
    void the_failure_suppresses_every_candidates_cause_and_lists_every_candidate() {
        ServiceConfigurationError unloadable = new ServiceConfigurationError("broken META-INF/services entry");
        RuntimeException describeFailure = new IllegalStateException("priority() exploded");
        FakeSctpProvider undescribable = new FakeSctpProvider("x", 0, true) {
            @Override
            public int priority() {
                throw describeFailure;
            }
        };
        UnsatisfiedLinkError notLoadable = new UnsatisfiedLinkError("no libc.a(shr_64.o)");
        FakeSctpProvider unavailable = new FakeSctpProvider("aix", 3, true).unavailable(notLoadable);
        FakeSctpProvider otherOs = new FakeSctpProvider("solaris", 2, false);

        Sctp.Selection s = Sctp.select(List.of(unloadable, undescribable, unavailable, otherOs), null);

        assertNull(s.chosen());
        UnsupportedOperationException failure = s.failure();
        // Throwable equality is identity
        assertEquals(Set.of(unloadable, describeFailure, notLoadable), Set.of(failure.getSuppressed()));
        String message = failure.getMessage();
        assertTrue(message.startsWith("No SCTP provider is available on " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch")), message);
        for (ProviderCandidate c : s.candidates()) {
            assertTrue(message.contains("\n  " + c.id() + ": " + c.reason()), "candidate " + c.id() + " missing in: " + message);
        }
        assertEquals(4, s.candidates().size());
        assertEquals(4, message.lines().count() - 1, "one line per candidate after the headline: " + message);
    }

    @Test
    void without_any_candidate_the_failure_says_which_module_to_add() {
        Sctp.Selection s = Sctp.select(List.of(), null);

        assertNull(s.chosen());
        assertTrue(s.candidates().isEmpty());
        UnsupportedOperationException failure = s.failure();
        assertTrue(failure.getMessage().contains(
                "no provider on the class path; add peeloff-linux, peeloff-solaris-illumos or peeloff-aix"),
                failure.getMessage());
        assertEquals(0, failure.getSuppressed().length);
    }

    @Test
    void the_selection_lists_are_immutable() {
        Sctp.Selection s = Sctp.select(List.of(new FakeSctpProvider()), null);

        assertThrows(UnsupportedOperationException.class, () -> s.candidates().clear());
    }

    @Test
    void core_alone_has_no_provider_and_Sctp_provider_says_so() {
        // core's test class path holds no provider module: discovery through ServiceLoader finds none
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, Sctp::provider);

        assertTrue(e.getMessage().contains("no provider on the class path"), e.getMessage());
        assertTrue(Sctp.candidates().isEmpty());
        assertThrows(UnsupportedOperationException.class, Sctp::capabilities);
        assertThrows(UnsupportedOperationException.class, SctpMultiSocket::open);
    }
}
