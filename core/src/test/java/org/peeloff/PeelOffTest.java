/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.peeloff.testing.FakeSctpProvider;
import org.peeloff.testing.FakeSctpProvider.Event;

/** {@link SctpMultiSocket#peelOff}: what reaches the provider, and what comes back. */
class PeelOffTest {
    private static final AssociationId ASSOC = AssociationId.of(4);

    private FakeSctpProvider fake;
    private SctpMultiSocket socket;

    @BeforeEach
    void openSocket() throws SctpException {
        fake = new FakeSctpProvider();
        socket = SctpMultiSocket.open(fake, StandardProtocolFamily.INET);
        fake.forgetCalls();
    }

    static Stream<Arguments> options() {
        return Stream.of(
                Arguments.of(new PeeloffOption[0], EnumSet.noneOf(PeeloffOption.class), true),
                Arguments.of(new PeeloffOption[] {PeeloffOption.NONBLOCK}, EnumSet.of(PeeloffOption.NONBLOCK), false),
                Arguments.of(new PeeloffOption[] {PeeloffOption.CLOEXEC}, EnumSet.of(PeeloffOption.CLOEXEC), true),
                Arguments.of(new PeeloffOption[] {PeeloffOption.CLOEXEC, PeeloffOption.NONBLOCK},
                        EnumSet.of(PeeloffOption.NONBLOCK, PeeloffOption.CLOEXEC), false),
                Arguments.of(new PeeloffOption[] {PeeloffOption.STRICT, PeeloffOption.CLOEXEC},
                        EnumSet.of(PeeloffOption.STRICT, PeeloffOption.CLOEXEC), true),
                Arguments.of(new PeeloffOption[] {PeeloffOption.NONBLOCK, PeeloffOption.NONBLOCK},
                        EnumSet.of(PeeloffOption.NONBLOCK), false));
    }

    @ParameterizedTest
    @MethodSource("options")
    void peelOff_passes_the_options_to_the_provider_as_a_set(PeeloffOption[] given, Set<PeeloffOption> expected,
                                                                  boolean blocking) throws SctpException {
        socket.peelOff(ASSOC, given);

        List<Event> calls = fake.calls();
        assertEquals(1, calls.size(), "one native call: " + calls);
        Event peeloff = calls.get(0);
        assertEquals("peeloff", peeloff.call());
        assertEquals(socket.rawDescriptor(), peeloff.fd());
        assertEquals(ASSOC.value(), peeloff.args().get(0));
        Set<?> passed = assertInstanceOf(Set.class, peeloff.args().get(1));
        assertEquals(expected, passed);
        if (given.length == 0) {
            // the shared empty set of a plain peelOff(id) cannot be changed by a provider
            assertThrows(UnsupportedOperationException.class, () -> passed.remove(PeeloffOption.NONBLOCK));
        }
    }

    @ParameterizedTest
    @MethodSource("options")
    void the_peeled_off_socket_is_blocking_unless_NONBLOCK(PeeloffOption[] given, Set<PeeloffOption> expected,
                                                           boolean blocking) throws SctpException {
        SctpSocket peeled = socket.peelOff(ASSOC, given);

        assertEquals(blocking, peeled.isBlocking());
        assertEquals(blocking, fake.blockingState(peeled.rawDescriptor()), "the socket's view matches the descriptor");
    }

    @Test
    void the_peeled_off_socket_knows_its_association_descriptor_and_provider() throws SctpException {
        SctpSocket peeled = socket.peelOff(ASSOC, PeeloffOption.CLOEXEC);

        assertEquals(ASSOC, peeled.association());
        assertTrue(peeled.isOpen());
        assertSame(fake, peeled.provider());
        assertNotEquals(socket.rawDescriptor(), peeled.rawDescriptor());
        assertTrue(fake.closeOnExecState(peeled.rawDescriptor()));
    }

    @Test
    void the_peeled_off_socket_sends_on_its_own_descriptor_with_association_zero() throws SctpException {
        SctpSocket peeled = socket.peelOff(ASSOC);
        fake.forgetCalls();

        ByteBuffer src = ByteBuffer.wrap(new byte[] {1, 2, 3});
        assertEquals(3, peeled.send(src, 5, 46));

        Event send = fake.calls("send").get(0);
        assertEquals(peeled.rawDescriptor(), send.fd());
        // remaining, assocId, to, stream, ppid, unordered, dontWait
        assertEquals(Arrays.asList(3, 0, null, 5, 46, false, true), send.args());
        assertFalse(src.hasRemaining());
    }

    @Test
    void closing_the_original_socket_does_not_close_the_peeled_off_one() throws SctpException {
        SctpSocket peeled = socket.peelOff(ASSOC);

        socket.close();

        assertTrue(peeled.isOpen());
        assertEquals(0, fake.closesOf(peeled.rawDescriptor()));
        assertEquals(1, fake.closesOf(socket.rawDescriptor()));
        peeled.close();
        assertEquals(1, fake.closesOf(peeled.rawDescriptor()));
        assertEquals(List.of(), fake.violations());
    }

    @Test
    void a_provider_failure_reaches_the_caller_unchanged_and_the_original_socket_stays_usable() throws SctpException {
        SctpException emfile = fake.failNext("peeloff", "EMFILE", 24);

        SctpException e = assertThrows(SctpException.class, () -> socket.peelOff(ASSOC, PeeloffOption.NONBLOCK));

        assertSame(emfile, e);
        assertEquals(SctpError.TOO_MANY_OPEN_FILES, e.error());
        assertTrue(socket.isOpen());
        assertEquals(1, socket.send(ByteBuffer.wrap(new byte[1]), MessageInfo.to(ASSOC, 0)),
                "the association stays usable on the original socket");
        assertEquals(0, fake.closesOf(socket.rawDescriptor()));
    }

    @Test
    void an_unknown_association_fails_NO_SUCH_ASSOCIATION_from_the_native_EINVAL() {
        fake.failNext("peeloff", "EINVAL", 22);

        SctpException e = assertThrows(SctpException.class, () -> socket.peelOff(AssociationId.of(99)));

        assertEquals(SctpError.NO_SUCH_ASSOCIATION, e.error());
        assertEquals(22, e.errno());
        assertEquals("EINVAL", e.errnoName());
    }

    @Test
    void STRICT_with_a_flag_on_an_emulating_provider_fails_UNSUPPORTED_before_the_native_peel_off()
            throws SctpException {
        FakeSctpProvider emulating = new FakeSctpProvider().emulatingPeeloffFlags();
        SctpMultiSocket s = SctpMultiSocket.open(emulating, StandardProtocolFamily.INET);
        emulating.forgetCalls();

        SctpException e = assertThrows(SctpException.class,
                () -> s.peelOff(ASSOC, PeeloffOption.STRICT, PeeloffOption.NONBLOCK));

        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertEquals(0, e.errno());
        assertEquals(List.of(), emulating.calls());
        assertTrue(s.isOpen());
    }

    @Test
    void on_an_emulating_provider_a_failed_fcntl_leaks_no_descriptor() throws SctpException {
        FakeSctpProvider emulating = new FakeSctpProvider().emulatingPeeloffFlags();
        SctpMultiSocket s = SctpMultiSocket.open(emulating, StandardProtocolFamily.INET);
        emulating.forgetCalls();
        SctpException failure = emulating.failNext("setCloseOnExec", "EBADF", 9);

        SctpException e = assertThrows(SctpException.class, () -> s.peelOff(ASSOC, PeeloffOption.CLOEXEC));

        assertSame(failure, e);
        List<Event> calls = emulating.calls();
        assertEquals(List.of("peeloff", "setBlocking", "setCloseOnExec", "close"), calls.stream().map(Event::call).toList());
        int newFd = calls.get(1).fd();
        assertEquals(1, emulating.closesOf(newFd));
        assertEquals(0, emulating.closesOf(s.rawDescriptor()));
    }

    @Test
    void associations_are_returned_in_ascending_order() throws SctpException {
        fake.setAssociations(7, -2, 3);

        assertEquals(List.of(AssociationId.of(-2), AssociationId.of(3), AssociationId.of(7)),
                List.copyOf(socket.associations()));
    }

    @Test
    void peer_addresses_are_asked_for_the_given_association() throws SctpException {
        InetSocketAddress peer = new InetSocketAddress("192.0.2.1", 3868);
        fake.setPeers(List.of(peer));

        assertEquals(List.of(peer), socket.peerAddresses(ASSOC));
        assertEquals(List.of(ASSOC.value()), fake.calls("peerAddresses").get(0).args());
    }
}
