/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * Peeloff: one SCTP API, and one {@code sctp_peeloff}, for Java on Linux, Solaris/illumos and AIX.
 *
 * <p>{@link org.peeloff} is the API applications use; {@link org.peeloff.spi} is what a provider
 * implements. The providers are found with {@link java.util.ServiceLoader}: on the module path
 * through each provider module's {@code provides org.peeloff.spi.SctpProvider with ...}, on the
 * class path through its {@code META-INF/services} file.
 */
module org.peeloff {
    exports org.peeloff;
    exports org.peeloff.spi;

    uses org.peeloff.spi.SctpProvider;
}
