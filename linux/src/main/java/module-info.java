/**
 * The Peeloff provider for Linux (libc through JNA direct mapping).
 *
 * <p>Applications do not name this module: {@link java.util.ServiceLoader} finds its provider
 * through the {@code provides} clause below on the module path, or through
 * {@code META-INF/services/org.peeloff.spi.SctpProvider} on the class path, and
 * {@code org.peeloff.Sctp.provider()} picks it when it serves the running OS. The package is
 * exported so that tools can name the provider class itself (it is the package's only public class).
 * JNA binds the native methods of this package's classes ({@code Native.register}); the
 * qualified {@code opens} lets it read them reflectively. {@code org.peeloff} is required
 * transitively because the provider class's public methods use its types.
 */
module org.peeloff.linux {
    requires transitive org.peeloff;
    requires org.peeloff.jna;
    requires com.sun.jna;

    exports org.peeloff.linux;
    opens org.peeloff.linux to com.sun.jna;

    provides org.peeloff.spi.SctpProvider with org.peeloff.linux.LinuxSctpProvider;
}
