/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.aix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.peeloff.SctpError;
import org.peeloff.SctpException;
import org.peeloff.aix.AixAbi.Feature;
import org.peeloff.aix.AixAbi.Unknown;

/**
 * The AIX values no public source gives ({@link Unknown}), resolved once, with where each came from.
 *
 * <p>Sources, strongest first: a system property {@code org.peeloff.aix.abi.<KEY>}; a line
 * {@code <KEY>=<value>} of the properties file named by {@code org.peeloff.aix.abi}; the value RFC 6458
 * fixes, for layouts it fixes. Anything else stays missing, and the features needing it fail with
 * {@link SctpError#UNSUPPORTED} naming the value and the property to set ({@link #unsupported}).
 *
 * <p>A file whose {@code org.peeloff.aix.abi.provenance} is {@code probe} was written by
 * {@code harness/remote/aix-abi-probe.c} compiled on AIX against the system's own
 * {@code <netinet/sctp.h>}: its values count as verified. Its {@code check.<name>} lines repeat values
 * the provider has from abi.tsv; {@link #mismatches()} lists any that disagree.
 *
 * <p>Immutable and thread-safe once built.
 */
final class AixAbiConfig {
    /** Prefix of the per-value system properties. */
    static final String PREFIX = "org.peeloff.aix.abi.";
    /** The system property naming a properties file of values. */
    static final String FILE_PROPERTY = "org.peeloff.aix.abi";
    /** The key (in the file) saying where its values come from. */
    static final String PROVENANCE_KEY = PREFIX + "provenance";
    /** The provenance the probe writes when compiled on AIX. */
    static final String PROBE = "probe";

    private final Map<Unknown, Integer> values = new EnumMap<>(Unknown.class);
    private final Map<Unknown, String> origins = new EnumMap<>(Unknown.class);
    private final Map<Unknown, Boolean> verified = new EnumMap<>(Unknown.class);
    private final List<String> mismatches = new ArrayList<>();
    private final String file;
    private final String provenance;

    private AixAbiConfig(String file, String provenance) {
        this.file = file;
        this.provenance = provenance;
    }

    /**
     * From the system properties (and the file one of them names).
     *
     * @return the configuration
     * @throws IllegalArgumentException when the file cannot be read or a value is not a number
     */
    static AixAbiConfig fromSystemProperties() {
        String fileName = System.getProperty(FILE_PROPERTY);
        Properties file = new Properties();
        if (fileName != null && !fileName.isBlank()) {
            try (InputStream in = Files.newInputStream(Path.of(fileName.trim()))) {
                file.load(in);
            } catch (IOException e) {
                throw new IllegalArgumentException("-D" + FILE_PROPERTY + "=" + fileName + " cannot be read: " + e, e);
            }
        } else {
            fileName = null;
        }
        Properties overrides = new Properties();
        for (String name : System.getProperties().stringPropertyNames()) {
            if (name.startsWith(PREFIX) && !name.equals(PROVENANCE_KEY)) {
                overrides.setProperty(name.substring(PREFIX.length()), System.getProperty(name));
            }
        }
        return of(file, fileName == null ? null : fileName.trim(), overrides);
    }

    /**
     * From explicit sources (tests, tools).
     *
     * @param file      the file's properties (keys bare or with the {@link #PREFIX}); may be empty
     * @param fileName  its name for messages, or null when there is no file
     * @param overrides values that win over the file (bare keys)
     * @return the configuration
     * @throws IllegalArgumentException when a value is not a number
     */
    static AixAbiConfig of(Properties file, String fileName, Properties overrides) {
        String provenance = file.getProperty(PROVENANCE_KEY, "").trim();
        AixAbiConfig c = new AixAbiConfig(fileName, provenance);
        boolean probe = PROBE.equals(provenance);
        for (String raw : file.stringPropertyNames()) {
            String key = raw.startsWith(PREFIX) ? raw.substring(PREFIX.length()) : raw;
            String value = file.getProperty(raw).trim();
            if (key.startsWith("check.")) {
                c.check(key.substring("check.".length()), value, fileName);
                continue;
            }
            Unknown u = Unknown.byKey(key);
            if (u == null) {
                continue;   // provenance and comments-as-keys; unknown keys are not ours to judge
            }
            c.put(u, parse(key, value, fileName), probe
                    ? "read from <netinet/sctp.h> by harness/remote/aix-abi-probe.c (" + fileName + ")"
                    : "from " + fileName + (provenance.isEmpty() ? "" : " (" + provenance + ")")
                            + ", not verified against a real AIX", probe);
        }
        for (String key : overrides.stringPropertyNames()) {
            Unknown u = Unknown.byKey(key);
            if (u == null) {
                throw new IllegalArgumentException("-D" + PREFIX + key + ": not an AIX value this provider uses; known keys: "
                        + knownKeys());
            }
            c.put(u, parse(key, overrides.getProperty(key).trim(), "-D" + PREFIX + key),
                    "from -D" + PREFIX + key + ", not verified against a real AIX", false);
        }
        for (Unknown u : Unknown.values()) {
            if (!c.values.containsKey(u) && u.derived() != null) {
                c.put(u, u.derived(), "derived from " + u.derivation() + ", unverified on AIX", false);
            }
        }
        return c;
    }

    private static String knownKeys() {
        StringBuilder sb = new StringBuilder();
        for (Unknown u : Unknown.values()) {
            sb.append(sb.length() == 0 ? "" : ", ").append(u.key());
        }
        return sb.toString();
    }

    private void put(Unknown u, int value, String origin, boolean isVerified) {
        values.put(u, value);
        origins.put(u, origin);
        verified.put(u, isVerified);
    }

    private static int parse(String key, String value, String where) {
        try {
            return value.startsWith("0x") || value.startsWith("0X") ? Integer.parseUnsignedInt(value.substring(2), 16)
                    : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(where + ": " + key + "=" + value + " is not a number", e);
        }
    }

    /** Compares a value the probe read from the headers with the one the provider has from abi.tsv. */
    private void check(String name, String value, String where) {
        long expected;
        if (name.startsWith("fieldsize.")) {
            Unknown u = Unknown.byKey("offsetof." + name.substring("fieldsize.".length()));
            if (u == null) {
                return;
            }
            expected = AixAbi.fieldWidth(u);
        } else {
            Long known = KnownValues.get(name);
            if (known == null) {
                return;
            }
            expected = known;
        }
        long actual = parse(name, value, where);
        if (actual != expected) {
            mismatches.add(name + ": the provider uses " + expected + ", the headers say " + actual + " (" + where + ")");
        }
    }

    /** @return true when the value is known (configured or derived) */
    boolean has(Unknown u) {
        return values.containsKey(u);
    }

    /**
     * @param u a value known here
     * @return it
     * @throws IllegalStateException when it is missing (check {@link #supports} or {@link #has} first)
     */
    int get(Unknown u) {
        Integer v = values.get(u);
        if (v == null) {
            throw new IllegalStateException(u.key() + " is not configured");
        }
        return v;
    }

    /**
     * @param u a value
     * @return the value, or {@code fallback} when missing
     * @param fallback what to return when missing
     */
    int getOr(Unknown u, int fallback) {
        Integer v = values.get(u);
        return v == null ? fallback : v;
    }

    /**
     * @param feature a feature whose values are not all known
     * @param call    the call for the message
     * @return the {@code UNSUPPORTED} exception naming each missing value and how to set it
     */
    SctpException unsupported(Feature feature, String call) {
        return SctpException.rejected(SctpError.UNSUPPORTED, call, "the AIX provider cannot do "
                + feature.description() + ": it needs " + describeMissing(missing(feature)));
    }

    /**
     * @param feature a feature
     * @return true when all its values are known
     */
    boolean supports(Feature feature) {
        return missing(feature).isEmpty();
    }

    /**
     * @param feature a feature
     * @return its values that are not known
     */
    List<Unknown> missing(Feature feature) {
        List<Unknown> m = new ArrayList<>();
        for (Unknown u : feature.needs()) {
            if (!has(u)) {
                m.add(u);
            }
        }
        return m;
    }

    /**
     * @param missing values
     * @return e.g. "MSG_NOTIFICATION, which no public source gives (set -Dorg.peeloff.aix.abi.MSG_NOTIFICATION=...)"
     */
    static String describeMissing(List<Unknown> missing) {
        StringBuilder sb = new StringBuilder();
        for (Unknown u : missing) {
            sb.append(sb.length() == 0 ? "" : ", ").append(u.key());
        }
        return sb + " (" + (missing.size() == 1 ? "a value" : "values")
                + " no public source gives: set -D" + PREFIX + "<KEY>=<value>, or -D" + FILE_PROPERTY
                + "=<file> with the output of harness/remote/aix-abi-probe.c compiled on AIX)";
    }

    /**
     * @return each known value that is not verified, with its origin, e.g.
     *         {@code SCTP_EVENTS=12: from /x.properties (...), not verified against a real AIX}
     */
    List<String> unverified() {
        List<String> list = new ArrayList<>();
        for (Map.Entry<Unknown, Integer> e : values.entrySet()) {
            if (!verified.get(e.getKey())) {
                list.add(e.getKey().key() + "=" + e.getValue() + ": " + origins.get(e.getKey()));
            }
        }
        return list;
    }

    /** @return each known value that is verified, with its origin */
    List<String> verified() {
        List<String> list = new ArrayList<>();
        for (Map.Entry<Unknown, Integer> e : values.entrySet()) {
            if (verified.get(e.getKey())) {
                list.add(e.getKey().key() + "=" + e.getValue() + ": " + origins.get(e.getKey()));
            }
        }
        return list;
    }

    /**
     * @param u a value
     * @return where it came from, or null when missing
     */
    String origin(Unknown u) {
        return origins.get(u);
    }

    /** @return the probe's {@code check.} lines that disagree with the provider's own constants */
    List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    /** @return the file the values were read from, or null */
    String file() {
        return file;
    }

    /** @return the file's stated provenance, or "" */
    String provenance() {
        return provenance;
    }

    /** The provider's known constants under the names the probe's {@code check.} lines use. */
    private static final class KnownValues {
        private KnownValues() {
        }

        static Long get(String name) {
            switch (name) {
                case "AF_INET": return (long) AixAbi.AF_INET;
                case "AF_INET6": return (long) AixAbi.AF_INET6;
                case "SOCK_SEQPACKET": return (long) AixAbi.SOCK_SEQPACKET;
                case "IPPROTO_SCTP": return (long) AixAbi.IPPROTO_SCTP;
                case "SOL_SOCKET": return (long) AixAbi.SOL_SOCKET;
                case "SO_SNDBUF": return (long) AixAbi.SO_SNDBUF;
                case "SO_RCVBUF": return (long) AixAbi.SO_RCVBUF;
                case "F_GETFD": return (long) AixAbi.F_GETFD;
                case "F_SETFD": return (long) AixAbi.F_SETFD;
                case "F_GETFL": return (long) AixAbi.F_GETFL;
                case "F_SETFL": return (long) AixAbi.F_SETFL;
                case "FD_CLOEXEC": return (long) AixAbi.FD_CLOEXEC;
                case "O_NONBLOCK": return (long) AixAbi.O_NONBLOCK;
                case "MSG_EOR": return (long) AixAbi.MSG_EOR;
                case "MSG_TRUNC": return (long) AixAbi.MSG_TRUNC;
                case "MSG_CTRUNC": return (long) AixAbi.MSG_CTRUNC;
                case "MSG_NOSIGNAL": return (long) AixAbi.MSG_NOSIGNAL;
                case "MSG_NONBLOCK": return (long) AixAbi.MSG_NONBLOCK;
                case "POLLIN": return (long) AixAbi.POLLIN;
                case "POLLOUT": return (long) AixAbi.POLLOUT;
                case "POLLERR": return (long) AixAbi.POLLERR;
                case "POLLHUP": return (long) AixAbi.POLLHUP;
                case "POLLNVAL": return (long) AixAbi.POLLNVAL;
                case "EINVAL": return (long) AixAbi.EINVAL;
                case "EBADF": return (long) AixAbi.EBADF;
                case "ENOTSOCK": return (long) AixAbi.ENOTSOCK;
                case "EOPNOTSUPP": return (long) AixAbi.EOPNOTSUPP;
                case "ENOTSUP": return (long) AixAbi.ENOTSUP;
                case "EMFILE": return (long) AixAbi.EMFILE;
                case "ENOBUFS": return (long) AixAbi.ENOBUFS;
                case "EAFNOSUPPORT": return (long) AixAbi.EAFNOSUPPORT;
                case "ESOCKTNOSUPPORT": return (long) AixAbi.ESOCKTNOSUPPORT;
                case "ECONNABORTED": return (long) AixAbi.ECONNABORTED;
                case "EAGAIN": return (long) AixAbi.EAGAIN;
                case "EFAULT": return (long) AixAbi.EFAULT;
                case "sizeof.msghdr": return (long) AixAbi.SIZEOF_MSGHDR;
                case "offsetof.msghdr.msg_flags": return (long) AixAbi.MSGHDR_FLAGS;
                case "sizeof.cmsghdr": return (long) AixAbi.SIZEOF_CMSGHDR;
                case "sizeof.sockaddr_in6": return (long) AixAbi.SIZEOF_SOCKADDR_IN6;
                case "sizeof.sctp_assoc_t": return (long) AixAbi.SIZEOF_SCTP_ASSOC_T;
                default: return null;
            }
        }
    }
}
