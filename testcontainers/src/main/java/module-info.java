/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Peeloff's Testcontainers support: {@link org.peeloff.testcontainers.SctpPeerContainer}, a scripted
 * SCTP peer in a container of its own (its own network namespace, one or several Docker networks),
 * whose events a test reads as {@link org.peeloff.testcontainers.PeerEvent}s. The peer program
 * ({@code org.peeloff.testcontainers.peer.SctpPeerMain}) runs inside the container on the JDK's
 * {@code com.sun.nio.sctp}; this module only compiles it ({@code jdk.sctp} is needed at compile time,
 * not by the test JVM).
 */
module org.peeloff.testcontainers {
    requires transitive testcontainers;
    requires transitive com.github.dockerjava.api;
    requires static jdk.sctp;

    exports org.peeloff.testcontainers;
}
