/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.peeloff.Capabilities;
import org.peeloff.PeeloffOption;
import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.aix.AixAbi.Feature;
import org.peeloff.aix.AixAbi.Unknown;
import org.peeloff.compat.AbiTable;
import org.peeloff.jna.PosixCalls;
import org.peeloff.spi.ReceiveInfo;
import org.peeloff.spi.SocketOption;
import org.peeloff.spi.SocketStyle;

/**
 * The values no public source gives, without a kernel: a provider that lacks them refuses the
 * features needing them with {@code UNSUPPORTED} naming the value and the property, before any native
 * call (the providers here bind no library and make their C calls through {@link #NO_NATIVE_CALLS}, which
 * fails the test on any call), and its capabilities say what is unverified and what is unavailable.
 * A provider whose library is missing is unavailable, and every call says so.
 */
class AixUnknownValuesTest {
    private static final String NO_LIBRARY = "/nonexistent/libnothing.so";
    private static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 9);

    /** C calls that must not happen: each one fails the test. */
    private static final PosixCalls NO_NATIVE_CALLS = (PosixCalls) Proxy.newProxyInstance(
            PosixCalls.class.getClassLoader(), new Class<?>[] {PosixCalls.class}, (proxy, method, args) -> {
                throw new AssertionError("a native call was made: " + method.getName());
            });

    private static AixSctpProvider without() {
        return AixSctpProvider.over(AixAbiConfig.of(new Properties(), null, new Properties()), NO_NATIVE_CALLS);
    }

    private static Properties assumed() throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(assumedFile())) {
            p.load(in);
        }
        return p;
    }

    private static Path assumedFile() {
        return Path.of(System.getProperty("peeloff.aix.assumedAbi", "src/test/native/aix-assumed-abi.properties"));
    }

    private static AixSctpProvider with(Properties values) {
        return AixSctpProvider.over(AixAbiConfig.of(values, "test values", new Properties()), NO_NATIVE_CALLS);
    }

    private static SctpException unsupported(Executable call, String... named) {
        SctpException e = assertThrows(SctpException.class, call);
        assertEquals(SctpError.UNSUPPORTED, e.error(), e.getMessage());
        assertEquals(0, e.errno(), "refused before any native call: " + e.getMessage());
        for (String n : named) {
            assertTrue(e.getMessage().contains(n), "the message names " + n + ": " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("-Dorg.peeloff.aix.abi"), "the message says how to set it: " + e.getMessage());
        return e;
    }

    @Test
    void receive_without_MSG_NOTIFICATION_fails_UNSUPPORTED_naming_it() {
        AixSctpProvider p = without();
        unsupported(() -> p.receive(3, ByteBuffer.allocate(64), new ReceiveInfo(), true), "MSG_NOTIFICATION", "SCTP_SNDRCV");
    }

    @Test
    void send_on_an_association_without_SCTP_SNDRCV_fails_UNSUPPORTED_naming_it() {
        AixSctpProvider p = without();
        unsupported(() -> p.send(3, ByteBuffer.allocate(4), 7, null, 0, 0, false, true), "SCTP_SNDRCV");
        unsupported(() -> p.send(3, ByteBuffer.allocate(4), 0, PEER, 2, 0, false, true), "SCTP_SNDRCV");
    }

    @Test
    void unordered_send_without_SCTP_UNORDERED_fails_UNSUPPORTED_naming_it() throws IOException {
        Properties values = assumed();
        values.remove("SCTP_UNORDERED");
        AixSctpProvider p = with(values);
        unsupported(() -> p.send(3, ByteBuffer.allocate(4), 7, null, 0, 0, true, true), "SCTP_UNORDERED");
    }

    @Test
    void NODELAY_without_SCTP_NODELAY_fails_UNSUPPORTED_naming_it() {
        AixSctpProvider p = without();
        unsupported(() -> p.setOption(3, SocketOption.NODELAY, 1), "SCTP_NODELAY");
        unsupported(() -> p.getOption(3, SocketOption.NODELAY), "SCTP_NODELAY");
    }

    @Test
    void bindx_without_the_flag_values_fails_UNSUPPORTED_naming_them() {
        AixSctpProvider p = without();
        unsupported(() -> p.bindx(3, List.of(PEER), true), "SCTP_BINDX_ADD_ADDR", "SCTP_BINDX_REM_ADDR");
    }

    @Test
    void associations_without_a_list_option_or_the_events_to_track_fails_UNSUPPORTED() {
        AixSctpProvider p = without();
        unsupported(() -> p.associations(3), "SCTP_GET_ASSOC_ID_LIST");
    }

    @Test
    void one_to_one_sockets_are_refused_UNSUPPORTED_SOCKET_before_any_native_call() {
        SctpException e = assertThrows(SctpException.class,
                () -> without().socket(StandardProtocolFamily.INET, SocketStyle.ONE_TO_ONE));
        assertEquals(SctpError.UNSUPPORTED_SOCKET, e.error());
        assertEquals(0, e.errno());
        assertTrue(e.getMessage().contains("one-to-many"), e.getMessage());
    }

    @Test
    void strict_peeloff_with_flags_is_refused_UNSUPPORTED_before_any_native_call() {
        SctpException e = assertThrows(SctpException.class,
                () -> without().peeloff(3, 1, EnumSet.of(PeeloffOption.STRICT, PeeloffOption.NONBLOCK)));
        assertEquals(SctpError.UNSUPPORTED, e.error());
        assertEquals(0, e.errno());
    }

    @Test
    void a_call_to_a_provider_whose_library_is_missing_reports_the_provider_unavailable() {
        AixSctpProvider p = new AixSctpProvider(AixAbiConfig.of(new Properties(), null, new Properties()), NO_LIBRARY);
        SctpException e = assertThrows(SctpException.class, () -> p.listen(3, 1));
        assertEquals(SctpError.UNSUPPORTED_PLATFORM, e.error());
        assertFalse(p.isAvailable());
        assertTrue(p.unavailabilityCause() instanceof UnsatisfiedLinkError, String.valueOf(p.unavailabilityCause()));
        // every call, including one the values alone would refuse: the provider is not there to refuse it
        SctpException refused = assertThrows(SctpException.class,
                () -> p.receive(3, ByteBuffer.allocate(64), new ReceiveInfo(), true));
        assertEquals(SctpError.UNSUPPORTED_PLATFORM, refused.error());
    }

    @Test
    void capabilities_without_values_list_every_missing_feature_and_the_RFC_derived_values() {
        Capabilities c = without().capabilities();
        assertEquals("aix", c.provider());
        assertEquals(Capabilities.FlagSupport.EMULATED, c.peeloffFlags());
        assertFalse(c.oneToOneSockets());
        assertFalse(c.nativeAssociationList());
        String unsupported = String.join("\n", c.unsupported());
        for (Feature f : Feature.values()) {
            assertTrue(unsupported.contains(f.description()) || AixAbiConfig.of(new Properties(), null, new Properties()).supports(f),
                    f + " missing from unsupported:\n" + unsupported);
        }
        assertTrue(unsupported.contains("MSG_NOTIFICATION"), unsupported);
        assertTrue(unsupported.contains("socket(ONE_TO_ONE)"), unsupported);
        String unverified = String.join("\n", c.unverified());
        assertTrue(unverified.contains("SOL_SCTP=132: derived from RFC 6458"), unverified);
        assertTrue(unverified.contains("offsetof.sctp_sndrcvinfo.sinfo_assoc_id=28: derived from RFC 6458"), unverified);
        assertFalse(c.fullyVerified());
    }

    /** One-to-one sockets, a multi-address connect, a time-to-live: missing whatever is configured. */
    private static final int ALWAYS_UNSUPPORTED = 3;

    @Test
    void capabilities_with_the_assumed_values_say_they_are_not_verified() throws IOException {
        Capabilities c = with(assumed()).capabilities();
        String unverified = String.join("\n", c.unverified());
        assertTrue(unverified.contains("SCTP_EVENTS=12: from test values"), unverified);
        assertTrue(unverified.contains("not verified against a real AIX"), unverified);
        assertTrue(unverified.contains("not AIX facts"), "the file's provenance is shown: " + unverified);
        assertEquals(c.unsupported().subList(0, ALWAYS_UNSUPPORTED), c.unsupported(),
                "only one-to-one sockets, sctp_connectx and a time-to-live are missing: " + c.unsupported());
        assertTrue(c.nativeAssociationList());
    }

    @Test
    void without_SCTP_GET_ASSOC_ID_LIST_associations_are_tracked_from_events() throws IOException {
        Properties values = assumed();
        values.remove("SCTP_GET_ASSOC_ID_LIST");
        Capabilities c = with(values).capabilities();
        assertFalse(c.nativeAssociationList());
        assertTrue(c.details().get("associations").startsWith("tracked"), c.details().toString());
        assertEquals(ALWAYS_UNSUPPORTED + 1, c.unsupported().size(), c.unsupported().toString());
        assertTrue(c.unsupported().get(ALWAYS_UNSUPPORTED).startsWith("connect() returning the association id"),
                c.unsupported().toString());
    }

    @Test
    void a_system_property_wins_over_the_file_and_is_reported_as_such() throws IOException {
        Properties over = new Properties();
        over.setProperty("SCTP_EVENTS", "99");
        AixAbiConfig c = AixAbiConfig.of(assumed(), "f.properties", over);
        assertEquals(99, c.get(Unknown.SCTP_EVENTS));
        assertTrue(c.origin(Unknown.SCTP_EVENTS).startsWith("from -Dorg.peeloff.aix.abi.SCTP_EVENTS"));
        assertEquals(4, c.get(Unknown.SCTP_NODELAY));
        assertTrue(c.origin(Unknown.SCTP_NODELAY).startsWith("from f.properties"));
    }

    @Test
    void malformed_values_and_unknown_keys_are_refused() {
        Properties bad = new Properties();
        bad.setProperty("SCTP_EVENTS", "twelve");
        assertThrows(IllegalArgumentException.class, () -> AixAbiConfig.of(bad, "f", new Properties()));
        Properties typo = new Properties();
        typo.setProperty("SCTP_EVENT_S", "12");
        assertThrows(IllegalArgumentException.class, () -> AixAbiConfig.of(new Properties(), null, typo));
        Properties hex = new Properties();
        hex.setProperty("MSG_NOTIFICATION", "0x2000");
        assertEquals(0x2000, AixAbiConfig.of(hex, "f", new Properties()).get(Unknown.MSG_NOTIFICATION));
    }

    @Test
    void a_probe_file_from_AIX_makes_its_values_verified() {
        Properties probe = new Properties();
        probe.setProperty(AixAbiConfig.PROVENANCE_KEY, AixAbiConfig.PROBE);
        probe.setProperty("SCTP_EVENTS", "12");
        probe.setProperty("check.AF_INET6", "24");
        probe.setProperty("check.fieldsize.sctp_sndrcvinfo.sinfo_stream", "2");
        AixAbiConfig c = AixAbiConfig.of(probe, "aix-abi.properties", new Properties());
        assertTrue(c.mismatches().isEmpty(), c.mismatches().toString());
        assertTrue(c.unverified().stream().noneMatch(v -> v.startsWith("SCTP_EVENTS")), c.unverified().toString());
        assertTrue(c.verified().get(0).contains("aix-abi-probe.c"), c.verified().toString());
    }

    @Test
    void a_probe_that_disagrees_with_a_known_constant_makes_the_provider_unavailable() throws IOException {
        // the probe compiled on Linux by the build: AF_INET6 is 10 there, not AIX's 24
        Path linux = Path.of(System.getProperty("peeloff.aix.personality.dir", "target/personality"), "linux-probe.properties");
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(linux)) {
            p.load(in);
        }
        AixAbiConfig c = AixAbiConfig.of(p, linux.toString(), new Properties());
        assertTrue(c.mismatches().stream().anyMatch(m -> m.startsWith("AF_INET6: the provider uses 24, the headers say 10")),
                c.mismatches().toString());
        AixSctpProvider provider = new AixSctpProvider(c, NO_LIBRARY);
        assertFalse(provider.isAvailable());
        assertTrue(provider.unavailabilityCause().getMessage().contains("AF_INET6"), provider.unavailabilityCause().getMessage());
        assertTrue(c.unverified().stream().anyMatch(v -> v.contains("not AIX values")), "a non-AIX probe is not verification");
    }

    @Test
    void the_assumed_file_holds_only_unknown_values_and_says_they_are_not_AIX_facts() throws IOException {
        Properties p = assumed();
        String provenance = p.getProperty(AixAbiConfig.PROVENANCE_KEY);
        assertTrue(provenance != null && provenance.contains("not AIX facts"), provenance);
        AbiTable abi = AbiTable.load();
        for (String key : p.stringPropertyNames()) {
            if (key.equals(AixAbiConfig.PROVENANCE_KEY)) {
                continue;
            }
            Unknown u = Unknown.byKey(key);
            assertTrue(u != null, key + " is not a value the provider reads");
            abi.find("aix", u.abiRow()).ifPresent(row -> assertEquals("?", row.value(), key + " is known in abi.tsv"));
        }
        assertTrue(Files.readString(assumedFile()).contains("NOT AIX FACTS"), "the file says so in its first line");
    }

    @Test
    void the_assumed_MSG_NOTIFICATION_bit_is_free_among_the_known_AIX_message_flags() throws IOException {
        int bit = Integer.parseInt(assumed().getProperty("MSG_NOTIFICATION"));
        assertEquals(1, Integer.bitCount(bit));
        for (int known : Set.of(AixAbi.MSG_EOR, AixAbi.MSG_TRUNC, AixAbi.MSG_CTRUNC, AixAbi.MSG_NOSIGNAL, AixAbi.MSG_NONBLOCK)) {
            assertEquals(0, bit & known, "collides with a known AIX MSG_ flag " + known);
        }
    }

    @Test
    void nothing_native_is_loaded_to_identify_the_provider() {
        AixSctpProvider p = new AixSctpProvider(null, NO_LIBRARY);
        assertEquals("aix", p.id());
        assertEquals("AIX".equals(System.getProperty("os.name")), p.matchesCurrentOs());
        assertTrue(p.priority() > 0);
    }
}
