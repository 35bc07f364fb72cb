/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Peeloff: one SCTP API, and one {@code sctp_peeloff}, on Linux, Solaris/illumos and AIX.
 *
 * <p>Start with {@link org.peeloff.SctpMultiSocket} (one-to-many) and its
 * {@link org.peeloff.SctpMultiSocket#peelOff peelOff}, which returns an
 * {@link org.peeloff.SctpSocket} (one-to-one). Every failure is an {@link org.peeloff.SctpException}
 * carrying the portable {@link org.peeloff.SctpError} and the native errno.
 * {@link org.peeloff.Sctp} says which provider serves this OS and what it can do.
 */
package org.peeloff;
