/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.io.FileDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.SortedSet;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;

/**
 * The process's descriptor table as {@code /proc/self/fd} shows it (Linux, illumos and AIX all have
 * it), and the descriptor number behind a Java file.
 */
final class Descriptors {
    static final Path FD_DIR = Path.of("/proc/self/fd");
    private static final AbiTable ABI = AbiTable.load();

    private Descriptors() {
    }

    /** Aborts the case when this OS has no {@code /proc/self/fd} to count descriptors with. */
    static void assumeCountable() {
        Assumptions.assumeTrue(Files.isDirectory(FD_DIR), "no /proc/self/fd on this OS: descriptors cannot be counted");
    }

    /**
     * @return the open descriptor numbers (not the one used to list them)
     */
    static SortedSet<Integer> open() {
        SortedSet<Integer> fds = new TreeSet<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(FD_DIR)) {
            for (Path p : ds) {
                try {
                    fds.add(Integer.parseInt(p.getFileName().toString()));
                } catch (NumberFormatException ignored) {
                    // not a descriptor entry
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // the listing's own descriptor is closed now
        fds.removeIf(fd -> !isOpen(fd));
        return fds;
    }

    /** @return how many descriptors are open */
    static int count() {
        return open().size();
    }

    /** @return the highest open descriptor number */
    static int max() {
        return open().last();
    }

    /**
     * @param fd a number
     * @return true when the process has that descriptor open now
     */
    static boolean isOpen(int fd) {
        return fd >= 0 && Files.exists(FD_DIR.resolve(Integer.toString(fd)), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The descriptor number of an open Java file: the private {@code fd} field of {@link FileDescriptor}
     * (the TCK JVM may open {@code java.base/java.io}), else the {@code /proc/self/fd} (or illumos
     * {@code /proc/self/path}) entry that links to {@code path}.
     *
     * @param fd   the file's descriptor object
     * @param path the file's path, unique to this file
     * @return the number, or empty when neither way works here
     */
    static OptionalInt numberOf(FileDescriptor fd, Path path) {
        try {
            Field f = FileDescriptor.class.getDeclaredField("fd");
            f.setAccessible(true);
            int n = f.getInt(fd);
            if (n >= 0) {
                return OptionalInt.of(n);
            }
        } catch (ReflectiveOperationException | RuntimeException refused) {
            // java.base/java.io not opened to us: ask /proc
        }
        Path real;
        try {
            real = path.toRealPath();
        } catch (IOException e) {
            return OptionalInt.empty();
        }
        for (Path dir : List.of(FD_DIR, Path.of("/proc/self/path"))) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            for (int n : open()) {
                try {
                    Path link = dir.resolve(Integer.toString(n));
                    if (Files.isSymbolicLink(link) && Files.readSymbolicLink(link).equals(real)) {
                        return OptionalInt.of(n);
                    }
                } catch (IOException | UnsupportedOperationException ignored) {
                    // a descriptor closed meanwhile, or not a link
                }
            }
        }
        return OptionalInt.empty();
    }

    /**
     * The kernel's file status flags of a descriptor as Linux shows them in {@code /proc/self/fdinfo}
     * ("flags:", octal, with {@code O_CLOEXEC} standing for close-on-exec): a view of the descriptor
     * that owes nothing to the provider under test. Only on a Linux kernel (also under an ABI
     * personality, whose kernel is Linux).
     *
     * @param fd the descriptor
     * @return the flags, or empty when not on Linux or not readable
     */
    static OptionalLong linuxFlags(int fd) {
        if (!"Linux".equals(System.getProperty("os.name"))) {
            return OptionalLong.empty();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/fdinfo", Integer.toString(fd)))) {
                if (line.startsWith("flags:")) {
                    return OptionalLong.of(Long.parseLong(line.substring(6).trim(), 8));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
        return OptionalLong.empty();
    }

    /**
     * @param name a Linux constant in {@code abi.tsv}, e.g. {@code O_NONBLOCK}
     * @return its value
     */
    static long linux(String name) {
        return ABI.number("linux", name);
    }

    /**
     * @param flags Linux file status flags
     * @return e.g. {@code O_NONBLOCK|O_CLOEXEC}, for messages
     */
    static String describeLinuxFlags(long flags) {
        StringBuilder sb = new StringBuilder();
        for (String n : List.of("O_NONBLOCK", "O_CLOEXEC")) {
            if ((flags & linux(n)) != 0) {
                sb.append(sb.length() == 0 ? "" : "|").append(n);
            }
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }
}
