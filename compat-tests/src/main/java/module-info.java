/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
/**
 * The Peeloff TCK: abstract JUnit 5 contracts every provider must pass, the per-OS semantics report
 * and the ABI facts table ({@code abi.tsv}, read by {@code AbiTable} from this module).
 *
 * <p>JUnit Jupiter's API is required transitively: a provider's test extends
 * {@code SctpProviderTck}. The package is opened to JUnit's commons module, which instantiates
 * the report extension and invokes the inherited test methods reflectively. Reading a
 * descriptor's number ({@code Descriptors}) on the module path also needs
 * {@code --add-opens java.base/java.io=org.peeloff.compat}. The interop suite ({@code InteropSuite})
 * talks to the JDK's own SCTP, {@code com.sun.nio.sctp} of {@code jdk.sctp}. The across-hosts suite
 * ({@code AcrossHostsSuite}) needs {@code org.peeloff.testcontainers} (an optional dependency) and a
 * Docker engine.
 */
module org.peeloff.compat {
    requires transitive org.peeloff;
    requires org.peeloff.jna;
    requires transitive org.junit.jupiter.api;
    requires java.management;
    requires jdk.sctp;
    requires static org.peeloff.testcontainers;

    exports org.peeloff.compat;
    opens org.peeloff.compat to org.junit.platform.commons;
}
