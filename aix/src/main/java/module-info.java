/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Peeloff provider for AIX (libc through JNA direct mapping).
 *
 * <p>Applications do not name this module: {@link java.util.ServiceLoader} finds its provider
 * through the {@code provides} clause below on the module path, or through
 * {@code META-INF/services/org.peeloff.spi.SctpProvider} on the class path, and
 * {@code org.peeloff.Sctp.provider()} picks it when it serves the running OS. The package is
 * exported so that tools can name the provider class itself (it is the package's only public class).
 * {@code org.peeloff} is required transitively because the provider class's public methods use its
 * types. JNA binds the package's native methods by direct mapping ({@code Native.register}), which
 * needs no {@code opens}: the bindings take only primitives, arrays and {@code Pointer}
 * (module-path-test checks it for the Linux provider, which binds libc there; the Solaris and AIX
 * bindings are made the same way). A binding that adds a JNA {@code Structure} or type mapper must
 * add {@code opens <package> to com.sun.jna}.
 */
module org.peeloff.aix {
    requires transitive org.peeloff;
    requires org.peeloff.jna;
    requires com.sun.jna;

    exports org.peeloff.aix;

    provides org.peeloff.spi.SctpProvider with org.peeloff.aix.AixSctpProvider;
}
