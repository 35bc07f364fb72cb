/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a Flight Recorder file and tells where the measured code spent its samples: the methods on
 * top of the stack (Java samples and native samples), and Peeloff's, the JDK's SCTP and JNA frames
 * anywhere on the stack.
 */
final class Profiles {
    private Profiles() {
    }

    /**
     * @param jfr    the recording
     * @param marker only samples with a frame whose class.method starts with this (the measured code)
     * @param top    how many entries per section
     */
    static String hotMethods(Path jfr, String marker, int top) throws IOException {
        Map<String, Integer> topJava = new HashMap<>();
        Map<String, Integer> topNative = new HashMap<>();
        Map<String, Integer> onStack = new HashMap<>();
        int javaSamples = 0;
        int nativeSamples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            String type = e.getEventType().getName();
            boolean java = type.equals("jdk.ExecutionSample");
            if (!java && !type.equals("jdk.NativeMethodSample")) {
                continue;
            }
            RecordedStackTrace st = e.getStackTrace();
            if (st == null || st.getFrames().isEmpty() || !relevant(st, marker)) {
                continue;
            }
            List<RecordedFrame> frames = st.getFrames();
            String first = name(frames.get(0));
            if (java) {
                javaSamples++;
                topJava.merge(first, 1, Integer::sum);
            } else {
                nativeSamples++;
                topNative.merge(first, 1, Integer::sum);
            }
            frames.stream().map(Profiles::name).filter(Profiles::interesting).distinct()
                    .forEach(n -> onStack.merge(n, 1, Integer::sum));
        }
        StringBuilder sb = new StringBuilder();
        sb.append("# samples with ").append(marker).append(" on the stack: ").append(javaSamples)
                .append(" in Java code, ").append(nativeSamples).append(" in native code\n");
        section(sb, "top of stack, Java samples", topJava, javaSamples, top);
        section(sb, "top of stack, native samples (waiting in or running a native call)", topNative, nativeSamples, top);
        section(sb, "frames anywhere on the stack (SCTP code, JNA), all samples", onStack, javaSamples + nativeSamples, top);
        return sb.toString();
    }

    /** Only the measured code (not set-up, not JFR's or the JIT's threads). */
    private static boolean relevant(RecordedStackTrace st, String marker) {
        for (RecordedFrame f : st.getFrames()) {
            if (name(f).startsWith(marker)) {
                return true;
            }
        }
        return false;
    }

    private static boolean interesting(String n) {
        return n.startsWith("org.peeloff.") && !n.startsWith("org.peeloff.bench.")
                || n.startsWith("com.sun.jna.") || n.startsWith("sun.nio.ch.sctp.");
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }

    private static void section(StringBuilder sb, String title, Map<String, Integer> counts, int total, int top) {
        sb.append("\n## ").append(title).append('\n');
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(e -> sb.append(String.format(Locale.ROOT, "%6d  %5.1f%%  %s%n", e.getValue(),
                        total == 0 ? 0.0 : 100.0 * e.getValue() / total, e.getKey())));
    }
}
