/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The one POSIX/SCTP layer every Peeloff provider is a delta over ({@code PosixSctp}, its layout
 * record, codecs and C-call binding). For the providers' own use, not for applications.
 *
 * <p>JNA is required transitively: its types ({@code Pointer}, {@code Memory}) are part of this
 * module's API. The {@code jna} artifact has no module descriptor; its automatic module name is
 * {@code com.sun.jna}.
 */
module org.peeloff.jna {
    requires transitive com.sun.jna;
    requires transitive org.peeloff;

    exports org.peeloff.jna;
}
