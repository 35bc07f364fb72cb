/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Solaris/illumos provider: {@link org.peeloff.solaris.SolarisSctpProvider}, SCTP and
 * {@code sctp_peeloff(int, sctp_assoc_t)} through {@code libsctp.so.1} and {@code libsocket.so.1}
 * (Solaris 11, OmniOS, OpenIndiana, SmartOS), selected where {@code os.name} is {@code SunOS}.
 */
package org.peeloff.solaris;
