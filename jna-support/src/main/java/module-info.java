/**
 * What every Peeloff provider's JNA layer shares (per-thread native scratch memory). For the
 * providers' own use, not for applications.
 *
 * <p>JNA is required transitively: its types ({@code Pointer}, {@code Memory}) are part of this
 * module's API. The {@code jna} artifact has no module descriptor; its automatic module name is
 * {@code com.sun.jna}.
 */
module org.peeloff.jna {
    requires transitive com.sun.jna;

    exports org.peeloff.jna;
}
