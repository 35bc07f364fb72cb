/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peeloff.spi.NativeSctpProvider;
import org.peeloff.spi.SctpOperations;
import org.peeloff.testing.FakeSctpProvider;

/**
 * Pure Java: what the typed option API refuses by itself, before any native call (the fake records
 * none), and what a provider without typed options answers. The option values themselves are proved
 * against the kernel by the TCK group {@code TypedOptions}.
 */
class TypedOptionChecksTest {
    private FakeSctpProvider fake;
    private NativeSctpProvider provider;
    private SctpMultiSocket socket;

    @BeforeEach
    void open() throws SctpException {
        fake = new FakeSctpProvider();
        provider = new NativeSctpProvider("typed", "no-such-os", 0) {
            @Override
            protected SctpOperations load() {
                return fake;
            }

            @Override
            public Capabilities capabilities() {
                return fake.capabilities();
            }
        };
        socket = SctpMultiSocket.open(provider, StandardProtocolFamily.INET);
        fake.forgetCalls();
    }

    private void assertNoNativeCall() {
        assertEquals(List.of(), fake.calls(), "no native call may be made");
    }

    @Test
    void setting_a_read_only_option_is_refused_INVALID_ARGUMENT_before_any_native_call() {
        SctpOptions.Status status = new SctpOptions.Status(SctpOptions.State.ESTABLISHED, 4, 1, 0, 0, 10, 10, 1400, null, 3000);
        SctpException e = assertThrows(SctpException.class,
                () -> socket.setOption(SctpOptions.SCTP_STATUS, status, AssociationId.of(1)));
        assertEquals(SctpError.INVALID_ARGUMENT, e.error());
        assertTrue(e.getMessage().contains("SCTP_STATUS"), e.getMessage());
        assertNoNativeCall();
    }

    @Test
    void reading_a_set_only_option_is_refused_INVALID_ARGUMENT_before_any_native_call() {
        SctpException e = assertThrows(SctpException.class,
                () -> socket.getOption(SctpOptions.SCTP_SET_PEER_PRIMARY_ADDR, AssociationId.of(1)));
        assertEquals(SctpError.INVALID_ARGUMENT, e.error());
        assertNoNativeCall();
    }

    @Test
    void a_socket_wide_option_asked_for_one_association_is_refused_before_any_native_call() {
        SctpException e = assertThrows(SctpException.class,
                () -> socket.getOption(SctpOptions.SCTP_INITMSG, AssociationId.of(1)));
        assertEquals(SctpError.INVALID_ARGUMENT, e.error());
        assertTrue(e.getMessage().contains("socket-wide"), e.getMessage());
        assertNoNativeCall();
    }

    @Test
    void association_ids_that_are_not_positive_are_refused_NO_SUCH_ASSOCIATION() {
        SctpException e = assertThrows(SctpException.class,
                () -> socket.getOption(SctpOptions.SCTP_STATUS, AssociationId.of(0)));
        assertEquals(SctpError.NO_SUCH_ASSOCIATION, e.error());
        assertNoNativeCall();
    }

    @Test
    void null_options_and_values_throw_NullPointerException() {
        assertThrows(NullPointerException.class, () -> socket.getOption((SctpOption<Integer>) null));
        assertThrows(NullPointerException.class, () -> socket.setOption(SctpOptions.SO_LINGER, null));
        assertNoNativeCall();
    }

    @Test
    void values_out_of_range_throw_IllegalArgumentException() {
        assertThrows(IllegalArgumentException.class, () -> new SctpOptions.InitMsg(65536, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SctpOptions.InitMsg(-1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new SctpOptions.RtoInfo(1, 100, 200));
        assertThrows(IllegalArgumentException.class, () -> new SctpOptions.RtoInfo(-1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new SctpOptions.PeerAddressParams(
                InetSocketAddress.createUnresolved("peer.invalid", 1), 1000, 1));
        assertThrows(IllegalArgumentException.class, () -> new SctpOptions.SendParams(70000, 0, false, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> SctpOptions.AssocInfo.of(1, -1));
        assertThrows(IllegalArgumentException.class, () -> socket.setOption(SctpOptions.SO_LINGER, -2));
        assertThrows(IllegalArgumentException.class, () -> socket.setOption(SctpOptions.SO_RCVBUF, 0));
        assertNoNativeCall();
    }

    @Test
    void a_provider_without_typed_options_refuses_them_UNSUPPORTED_naming_the_option() {
        SctpException e = assertThrows(SctpException.class, () -> socket.getOption(SctpOptions.SCTP_RTOINFO));
        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertTrue(e.getMessage().contains("SCTP_RTOINFO"), e.getMessage());
        assertEquals(false, provider.supportsOption(SctpOptions.SCTP_RTOINFO));
    }

    @Test
    void abort_on_a_provider_without_SO_LINGER_fails_UNSUPPORTED_and_leaves_the_socket_open() throws Exception {
        SctpSocket s = SctpSocket.open(provider, StandardProtocolFamily.INET);
        SctpException e = assertThrows(SctpException.class, s::abort);
        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertTrue(s.isOpen(), "nothing was closed: the caller can still close it gracefully");
        s.close();
    }

    @Test
    void every_option_has_a_name_and_type_and_all_lists_each_once() {
        assertEquals(16, SctpOptions.all().size());
        assertEquals(SctpOptions.all().size(), SctpOptions.all().stream().map(SctpOption::name).distinct().count());
        assertTrue(SctpOptions.SCTP_STATUS.readable() && !SctpOptions.SCTP_STATUS.writable());
        assertTrue(!SctpOptions.SCTP_SET_PEER_PRIMARY_ADDR.readable() && SctpOptions.SCTP_SET_PEER_PRIMARY_ADDR.writable());
        assertTrue(SctpOptions.SCTP_RTOINFO.perAssociation() && !SctpOptions.SCTP_INITMSG.perAssociation());
    }
}
