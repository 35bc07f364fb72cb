/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.solaris;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.peeloff.Capabilities;
import org.peeloff.PeeloffOption;
import org.peeloff.spi.NativeSctpProvider;
import org.peeloff.spi.SctpOperations;

/**
 * The Solaris/illumos provider (id {@code solaris}): SCTP through {@code libsctp.so.1} and
 * {@code libsocket.so.1}, for Solaris 11 and the illumos distributions (OmniOS, OpenIndiana, SmartOS),
 * where {@code os.name} is {@code SunOS}.
 *
 * <p>What it does that the OS does not:
 * <ul>
 *   <li>Peel-off flags: {@code sctp_peeloff(int, sctp_assoc_t)} has none, so {@link PeeloffOption#NONBLOCK}
 *       and {@link PeeloffOption#CLOEXEC} are applied with {@code fcntl} right after the peel-off
 *       ({@link Capabilities.FlagSupport#EMULATED}); {@link PeeloffOption#STRICT} refuses that, and a
 *       failed {@code fcntl} closes the new descriptor.</li>
 *   <li>The association list: illumos has no {@code SCTP_GET_ASSOC_ID_LIST}, so {@link #associations}
 *       answers from the association-change events {@link #receive} has seen on the descriptor.</li>
 *   <li>Errors: illumos errno numbers, named through {@link SolarisAbi#errnoName}, mapped by
 *       {@link org.peeloff.spi.PortableErrors}; a peel-off on something that is not a socket is told
 *       apart from other ioctl failures by asking the descriptor.</li>
 * </ul>
 * The socket code itself is the shared POSIX layer's ({@code org.peeloff.jna.PosixSctp}), with
 * illumos's numbers and layouts ({@link SolarisLayout}) and its differences ({@link SolarisSockets}).
 *
 * <p>Constructing it, {@link #id()}, {@link #matchesCurrentOs()} and {@link #priority()} load nothing
 * native. {@link #isAvailable()} binds the libraries once, or, when the system property
 * {@code org.peeloff.solaris.library} names a file, that library instead of all three (the illumos ABI
 * personality the project's tests run on Linux).
 */
public final class SolarisSctpProvider extends NativeSctpProvider {
    /** The provider id. */
    public static final String ID = "solaris";

    /** What {@link Capabilities#os()} and errors say when the illumos ABI personality is in use. */
    static final String PERSONALITY_OS = "illumos ABI personality on a Linux kernel";

    /** Creates the provider; nothing native is loaded until {@link #isAvailable()}. */
    public SolarisSctpProvider() {
        super(ID, "SunOS", 0); // Solaris 11 and the illumos distributions; the only provider for SunOS
    }




    /**
     * Binds libsctp.so.1, libsocket.so.1 and libc.so.1 (or the personality named by
     * {@code org.peeloff.solaris.library}), once for the JVM.
     */
    @Override
    protected SctpOperations load() {
        return new SolarisSockets(SolarisNative.load());
    }

    /**
     * @return emulated peel-off flags, no native association list, and the libraries (or personality) in use
     * @throws IllegalStateException when the provider is not available
     */
    @Override
    public Capabilities capabilities() {
        if (!isAvailable()) {
            throw new IllegalStateException("provider 'solaris' is not available", unavailabilityCause());
        }
        SolarisNative.Libraries libs = ((SolarisSockets) loadedOperations()).libraries();
        // never plain "illumos" for a personality run: it proves the provider, not the OS
        String os = libs.personality() != null ? PERSONALITY_OS
                : System.getProperty("os.name") + " " + System.getProperty("os.version");
        List<String> unverified = new ArrayList<>();
        String arch = System.getProperty("os.arch", "");
        if (arch.startsWith("sparc")) {
            unverified.add("struct layouts: SolarisAbi holds the amd64 rows of abi.tsv; on SPARC cmsg headers align"
                    + " to 8 (_CMSG_HDR_ALIGNMENT), which only a SPARC run can confirm");
        }
        unverified.add("sac_error (the cause code of an association change) is read in network byte order, as Linux"
                + " fills it; what illumos puts there has not been checked on a real illumos");
        unverified.add("event ports: port_* are bound from libc.so.1 by JNA direct mapping; the backend has run only"
                + " through the illumos ABI personality (port_* over Linux epoll), not on a real illumos kernel");
        unverified.add("fcntl, poll and close are bound through libsocket.so.1's handle, dlsym finding them in its"
                + " dependency libc.so.1; a run on a real illumos has not confirmed it");
        List<String> unsupported = new ArrayList<>(List.of(
                "atomic peel-off flags: illumos sctp_peeloff(int, sctp_assoc_t) has none; NONBLOCK and CLOEXEC are"
                        + " set with fcntl right after the peel-off, and STRICT with either fails UNSUPPORTED",
                "sctp_connectx, sctp_sendv, sctp_recvv: not bound (abi.tsv fact:sctp_peeloff.library lists none in"
                        + " libsctp.so.1); connect(List) with several addresses fails UNSUPPORTED, connect() takes one"
                        + " address and returns the id of the association whose peer has it (found among the id slots"
                        + " with sctp_opt_info)",
                "notifications SENDER_DRY, AUTHENTICATION, STREAM_RESET, ASSOCIATION_RESET, STREAM_CHANGE: illumos"
                        + " has none (netinet/sctp.h: notification types 1..7, an 8-byte sctp_event_subscribe);"
                        + " subscribing fails UNSUPPORTED naming them"));
        unsupported.addAll(((SolarisSockets) loadedOperations()).unsupportedOptions());
        Map<String, String> details = new LinkedHashMap<>();
        if (libs.personality() != null) {
            details.put("personality", libs.personality()
                    + " (illumos ABI personality: the illumos symbols, numbers, layouts and errno performed on the"
                    + " Linux kernel; proves the provider's mechanics, not illumos)");
        } else {
            details.put("libsctp", libs.sctp());
            details.put("libsocket", libs.socket());
            details.put("libc", "fcntl, poll and close through libsocket.so.1's dependencies (libc.so.1)");
        }
        details.put("associations", "illumos has no SCTP_GET_ASSOC_ID_LIST: associations() lists only the"
                + " associations whose COMMUNICATION_UP or RESTART events receive() has seen on this socket (and"
                + " not yet their end or a peel-off); an association set up but whose event has not been received"
                + " yet is not listed");
        details.put("peeloff", "sctp_peeloff(int, sctp_assoc_t) of libsctp.so.1 (ioctl SIOCSCTPPEELOFF), then fcntl"
                + " for the blocking mode and close-on-exec, always set explicitly");
        details.put("send/receive", "__xnet_sendmsg/__xnet_recvmsg of libsocket.so.1 (XPG4.2 msghdr, 48 bytes),"
                + " per-message sctp_sndrcvinfo as SCTP_SNDRCV (256) control data, MSG_NOSIGNAL on sends");
        details.put("ppid", "the IANA number, in network byte order on the wire");
        details.put("blockingWait", "MSG_DONTWAIT, poll(2) 1 ms (platform threads), then the readiness backend; no bounded"
                + " kernel wait (SO_RCVTIMEO/SO_SNDTIMEO): its numbers and illumos SCTP's time-out behaviour are not verified");
        details.put("readiness", ((SolarisSockets) loadedOperations()).readinessDetail("port_create, port_associate("
                + "PORT_SOURCE_FD) re-associated after each event so that it stays level-triggered, port_getn, port_dissociate;"
                + " wake-up through port_send" + (libs.personality() != null
                        ? "; here the personality's port_* over Linux epoll, not illumos" : "")));
        details.put("abi", "illumos amd64 (abi.tsv os=illumos)");
        details.put("options", ((SolarisSockets) loadedOperations()).supportedOptions()
                + "; per association through getsockopt with the id in the struct (libsocket's SIOCSCTPGOPT)");
        details.put("kernel", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch);
        return new Capabilities(ID, os, libs.personality() != null
                ? "illumos ABI personality library (JNA direct mapping)"
                : "libsctp.so.1 + libsocket.so.1 + libc.so.1 (JNA direct mapping)",
                Capabilities.FlagSupport.EMULATED, false, true, unverified, unsupported, details, notificationKinds());
    }

    /** @return the provider id */
    @Override
    public String toString() {
        return "SolarisSctpProvider[" + ID + "]";
    }
}
