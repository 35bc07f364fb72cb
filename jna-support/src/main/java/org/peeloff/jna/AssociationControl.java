/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.jna;

/**
 * One OS's values for controlling associations through the data path, as data (like {@link SctpLayout},
 * built by the provider from its {@code <Os>Abi} constants): the send flags that end one association
 * or give a message a time-to-live, and the receive flags that report a cut message or cut control
 * data. A value of 0 means the OS has none (or it is unknown): the send that needs it is refused
 * {@code UNSUPPORTED}, the receive check is skipped.
 *
 * @param eof        the {@code sinfo_flags}/{@code snd_flags} bit for a graceful shutdown (Linux
 *                   {@code SCTP_EOF}, illumos {@code MSG_EOF})
 * @param abort      the bit for an abort (Linux {@code SCTP_ABORT}, illumos {@code MSG_ABORT})
 * @param prTtl      the bit that makes {@code sinfo_timetolive} a time-to-live (Linux
 *                   {@code SCTP_PR_SCTP_TTL}, illumos {@code MSG_PR_SCTP})
 * @param ttlInfo    the control message that carries a time-to-live ({@code struct sctp_sndrcvinfo}), or null
 * @param ttlOffset  the offset of {@code sinfo_timetolive} in it (4 bytes)
 * @param msgTrunc   {@code MSG_TRUNC} of {@code msg_flags}
 * @param msgCtrunc  {@code MSG_CTRUNC} of {@code msg_flags}
 */
public record AssociationControl(int eof, int abort, int prTtl, SctpLayout.Info ttlInfo, int ttlOffset, int msgTrunc,
                                 int msgCtrunc) {
}
