/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.testing.FakeSctpProvider;
import org.peeloff.testing.FakeSctpProvider.Event;

/**
 * Peel-off flags on an OS without {@code sctp_peeloff_flags}: both modes set explicitly with fcntl,
 * strict mode refusing emulation, and no descriptor leaked when fcntl fails.
 */
class EmulatedPeeloffFlagsTest {
    private final FakeSctpProvider fake = new FakeSctpProvider();

    private static List<String> callNames(List<Event> events) {
        return events.stream().map(e -> e.call() + e.args()).toList();
    }

    // ---- strict mode ------------------------------------------------------------------------

    static Stream<Set<PeeloffOption>> strictWithAFlag() {
        return Stream.of(
                EnumSet.of(PeeloffOption.STRICT, PeeloffOption.NONBLOCK),
                EnumSet.of(PeeloffOption.STRICT, PeeloffOption.CLOEXEC),
                EnumSet.allOf(PeeloffOption.class));
    }

    @ParameterizedTest
    @MethodSource("strictWithAFlag")
    void STRICT_with_a_flag_is_refused_UNSUPPORTED_before_any_native_call(Set<PeeloffOption> options) {
        SctpException e = assertThrows(SctpException.class, () -> EmulatedPeeloffFlags.checkStrict(fake, 12, 4, options));

        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertEquals(0, e.errno());
        assertEquals("sctp_peeloff(fd=12, assoc=4, options=" + options + ")", e.call());
        assertTrue(e.getMessage().contains("rejected before any native call"), e.getMessage());
        assertTrue(e.getMessage().endsWith("-> UNSUPPORTED: provider 'fake' cannot apply peel-off flags atomically "
                + "and STRICT forbids emulating them"), e.getMessage());
        assertEquals(List.of(), fake.calls());
    }

    static Stream<Set<PeeloffOption>> allowed() {
        return Stream.of(
                EnumSet.noneOf(PeeloffOption.class),
                EnumSet.of(PeeloffOption.STRICT),
                EnumSet.of(PeeloffOption.NONBLOCK),
                EnumSet.of(PeeloffOption.CLOEXEC),
                EnumSet.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC));
    }

    @ParameterizedTest
    @MethodSource("allowed")
    void without_STRICT_or_without_flags_emulation_is_allowed(Set<PeeloffOption> options) {
        assertDoesNotThrow(() -> EmulatedPeeloffFlags.checkStrict(fake, 12, 4, options));
        assertEquals(List.of(), fake.calls());
    }

    // ---- apply ------------------------------------------------------------------------------

    static Stream<Arguments> optionsAndModes() {
        return Stream.of(
                Arguments.of(EnumSet.noneOf(PeeloffOption.class), true, false),
                Arguments.of(EnumSet.of(PeeloffOption.NONBLOCK), false, false),
                Arguments.of(EnumSet.of(PeeloffOption.CLOEXEC), true, true),
                Arguments.of(EnumSet.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC), false, true),
                Arguments.of(EnumSet.of(PeeloffOption.STRICT), true, false));
    }

    @ParameterizedTest(name = "{0} -> blocking={1}, cloexec={2}")
    @MethodSource("optionsAndModes")
    void apply_sets_blocking_per_NONBLOCK_and_close_on_exec_per_CLOEXEC_explicitly(Set<PeeloffOption> options,
            boolean blocking, boolean cloexec) throws SctpException {
        // the opposite of what is wanted, as if inherited: only explicit calls can fix it
        int newFd = fake.descriptorFromElsewhere(!blocking, !cloexec);

        int returned = EmulatedPeeloffFlags.apply(fake, newFd, options);

        assertEquals(newFd, returned);
        assertEquals(List.of("setBlocking[" + blocking + "]", "setCloseOnExec[" + cloexec + "]"), callNames(fake.calls()));
        assertTrue(fake.calls().stream().allMatch(e -> e.fd() == newFd));
        assertEquals(blocking, fake.blockingState(newFd));
        assertEquals(cloexec, fake.closeOnExecState(newFd));
    }

    @Test
    void apply_with_no_options_still_makes_both_calls() throws SctpException {
        int newFd = fake.descriptorFromElsewhere(true, false);

        EmulatedPeeloffFlags.apply(fake, newFd, Set.of());

        assertEquals(List.of("setBlocking[true]", "setCloseOnExec[false]"), callNames(fake.calls()));
    }

    @Test
    void when_setBlocking_fails_the_new_descriptor_is_closed_and_the_original_error_thrown() {
        int newFd = fake.descriptorFromElsewhere(false, false);
        SctpException failure = fake.failNext("setBlocking", "EBADF", 9);

        SctpException e = assertThrows(SctpException.class,
                () -> EmulatedPeeloffFlags.apply(fake, newFd, EnumSet.of(PeeloffOption.CLOEXEC)));

        assertSame(failure, e);
        assertEquals(0, e.getSuppressed().length);
        assertEquals(List.of("setBlocking[true]", "close[]"), callNames(fake.calls()));
        assertEquals(1, fake.closesOf(newFd));
    }

    @Test
    void when_setCloseOnExec_fails_the_new_descriptor_is_closed_and_the_original_error_thrown() {
        int newFd = fake.descriptorFromElsewhere(false, false);
        SctpException failure = fake.failNext("setCloseOnExec", "EINVAL", 22);

        SctpException e = assertThrows(SctpException.class,
                () -> EmulatedPeeloffFlags.apply(fake, newFd, EnumSet.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC)));

        assertSame(failure, e);
        assertEquals(List.of("setBlocking[false]", "setCloseOnExec[true]", "close[]"), callNames(fake.calls()));
        assertEquals(1, fake.closesOf(newFd));
    }

    @Test
    void when_fcntl_throws_a_runtime_exception_the_new_descriptor_is_closed_and_it_is_rethrown() {
        int newFd = fake.descriptorFromElsewhere(false, false);
        IllegalStateException failure = new IllegalStateException("JNA: invalid memory access");
        fake.failNext("setBlocking", failure);

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EmulatedPeeloffFlags.apply(fake, newFd, Set.of()));

        assertSame(failure, e);
        assertEquals(1, fake.closesOf(newFd));
    }

    @Test
    void a_failing_clean_up_close_is_suppressed_in_the_original_error() {
        int newFd = fake.descriptorFromElsewhere(false, false);
        SctpException failure = fake.failNext("setCloseOnExec", "EBADF", 9);
        SctpException closeFailure = fake.failNext("close", "EIO", 5);

        SctpException e = assertThrows(SctpException.class, () -> EmulatedPeeloffFlags.apply(fake, newFd, Set.of()));

        assertSame(failure, e);
        assertArrayEquals(new Throwable[] {closeFailure}, e.getSuppressed());
    }

    // ---- through a provider that emulates ---------------------------------------------------

    @Test
    void an_emulating_provider_peels_off_then_sets_both_modes_on_the_new_descriptor() throws SctpException {
        FakeSctpProvider emulating = new FakeSctpProvider().emulatingPeeloffFlags();

        int newFd = emulating.peeloff(3, 7, EnumSet.of(PeeloffOption.CLOEXEC));

        assertEquals(List.of("peeloff", "setBlocking", "setCloseOnExec"),
                emulating.calls().stream().map(Event::call).toList());
        assertTrue(emulating.blockingState(newFd), "inherited non-blocking mode was overridden");
        assertTrue(emulating.closeOnExecState(newFd));
        assertFalse(emulating.calls().stream().anyMatch(e -> e.call().equals("close")));
    }
}
