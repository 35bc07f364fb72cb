/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.opentest4j.AssertionFailedError;
import org.peeloff.SctpError;
import org.peeloff.SctpException;

/**
 * What one TCK case saw the OS do, for the semantics report: the portable errors with their native
 * errno, and notes (which peer-abort method was used, which flags the library default gave, ...).
 * The {@link SemanticsReport} extension hands each case a fresh one as a parameter; equal
 * observations are counted rather than repeated, so a loop of 2,000 calls gives one line.
 *
 * <p>Thread-safe: concurrent cases record from several threads.
 */
public final class Observed {

    /**
     * One kind of failure seen.
     *
     * @param error     the portable error
     * @param errno     the native errno (0 when refused before any native call)
     * @param errnoName the symbolic errno, "" when errno is 0
     * @param os        the OS that produced it
     * @param call      the first call that gave it, with its arguments
     * @param count     how many calls gave it
     */
    public record Observation(SctpError error, int errno, String errnoName, String os, String call, int count) {
        /** @return e.g. {@code EINVAL (22) -> NO_SUCH_ASSOCIATION}, or {@code (no native call) -> CLOSED} */
        public String summary() {
            String from = errno == 0 ? "(no native call)" : errnoName + " (" + errno + ")";
            return from + " -> " + error + (count > 1 ? " x" + count : "");
        }
    }

    /** A call expected to fail with an {@link SctpException}. */
    @FunctionalInterface
    public interface Call {
        /**
         * @return whatever the call returns when it (wrongly) succeeds; closed if it is {@link AutoCloseable}
         * @throws Exception the failure
         */
        Object run() throws Exception;
    }

    private final Map<String, Observation> observations = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    /**
     * Records a failure the OS (or Peeloff) reported.
     *
     * @param e the exception
     * @return {@code e}, for assertions
     */
    public SctpException error(SctpException e) {
        Objects.requireNonNull(e, "e");
        error(e.error(), e.errno(), e.errnoName(), e.os(), e.call());
        return e;
    }

    /**
     * Records a failure seen somewhere an exception object is not at hand (a forked JVM's report).
     *
     * @param error     the portable error
     * @param errno     the native errno, 0 if none
     * @param errnoName the symbolic errno
     * @param os        the OS
     * @param call      the call
     */
    public synchronized void error(SctpError error, int errno, String errnoName, String os, String call) {
        Objects.requireNonNull(error, "error");
        String name = errnoName == null ? "" : errnoName;
        String key = error + "\t" + errno + "\t" + name + "\t" + os;
        observations.merge(key, new Observation(error, errno, name, os == null ? "" : os, call, 1),
                (a, b) -> new Observation(a.error, a.errno, a.errnoName, a.os, a.call, a.count + 1));
    }

    /**
     * Runs a call that must fail with an {@link SctpException}, and records the failure. A call that
     * succeeds fails the case (its result is closed first when it is {@link AutoCloseable}, and a raw
     * descriptor is left to the caller, which knows whether it may close it).
     *
     * @param what what the call is, for the failure message
     * @param call the call
     * @return the exception
     */
    public SctpException failure(String what, Call call) {
        Object result;
        try {
            result = call.run();
        } catch (SctpException e) {
            return error(e);
        } catch (Exception e) {
            throw new AssertionFailedError(what + " threw " + e + " instead of a typed SctpException", e);
        }
        if (result instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception ignored) {
                // the case fails below anyway
            }
        }
        throw new AssertionFailedError(what + " succeeded (returned " + result + ") but must fail");
    }

    /**
     * Like {@link #failure} and checks the portable error.
     *
     * @param expected the portable error the contract requires
     * @param what     what the call is
     * @param call     the call
     * @return the exception
     */
    public SctpException expect(SctpError expected, String what, Call call) {
        SctpException e = failure(what, call);
        if (e.error() != expected) {
            throw new AssertionFailedError(what + ": expected " + expected + " but got " + e.error() + ": "
                    + e.getMessage(), expected, e.error(), e);
        }
        return e;
    }

    /**
     * Adds a note for the report: what the case did where the OS leaves a choice, or what it saw.
     *
     * @param text one line
     */
    public synchronized void note(String text) {
        notes.add(Objects.requireNonNull(text, "text"));
    }

    /** @return the observations in the order first seen */
    public synchronized List<Observation> observations() {
        return List.copyOf(observations.values());
    }

    /** @return the notes in order */
    public synchronized List<String> notes() {
        return List.copyOf(notes);
    }

    /**
     * @return the observation the report shows first: the first one that reached the OS (errno not
     *         0), else the first one
     */
    public synchronized Optional<Observation> primary() {
        Optional<Observation> nativeOne = observations.values().stream().filter(o -> o.errno != 0).findFirst();
        return nativeOne.isPresent() ? nativeOne : observations.values().stream().findFirst();
    }
}
