/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import java.io.PrintStream;
import java.util.List;

/**
 * Where a live display goes: on a terminal the frame is redrawn in place with ANSI cursor
 * movements; otherwise (a CI log, a file) frames are not drawn at all and the caller prints plain
 * lines instead, so a log reads as a history rather than a pile of frames.
 */
final class Screen {
    private static final String ESC = "\u001b[";
    private final PrintStream out;
    private final boolean ansi;
    private int drawn;

    /**
     * @param out  the stream
     * @param ansi true when {@code out} is a terminal that understands ANSI escapes
     */
    Screen(PrintStream out, boolean ansi) {
        this.out = out;
        this.ansi = ansi;
    }

    /** @return true when frames are redrawn in place */
    boolean ansi() {
        return ansi;
    }

    /**
     * Replaces the previous frame with this one (terminal only; ignored otherwise).
     *
     * @param lines the frame
     */
    synchronized void frame(List<String> lines) {
        if (!ansi) {
            return;
        }
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append(ESC).append(drawn).append("A\r");
        }
        for (String l : lines) {
            sb.append(l).append(ESC).append("K\n");
        }
        sb.append(ESC).append('J');
        out.print(sb);
        out.flush();
        drawn = lines.size();
    }

    /**
     * Prints a line that stays: on a terminal above the frame (which is redrawn below it next time).
     *
     * @param line the line
     */
    synchronized void line(String line) {
        if (ansi && drawn > 0) {
            out.print(ESC + drawn + "A\r" + ESC + "J");
            drawn = 0;
        }
        out.println(line);
        out.flush();
    }

    /** Leaves the last frame on the screen; what follows is printed below it. */
    synchronized void keep() {
        drawn = 0;
    }

    /**
     * Decides whether standard output is an ANSI terminal: the launcher (which can ask the shell
     * with {@code test -t 1}, also across the VM's serial line) says so with {@code PEELOFF_KIT_TTY=1};
     * {@code NO_COLOR} or {@code TERM=dumb} turn it off.
     *
     * @param forced "auto", "true" or "false" (the {@code --ansi} option)
     * @return true for in-place redrawing
     */
    static boolean detectAnsi(String forced) {
        if ("true".equals(forced)) {
            return true;
        }
        if ("false".equals(forced)) {
            return false;
        }
        String term = System.getenv("TERM");
        if (System.getenv("NO_COLOR") != null || "dumb".equals(term)) {
            return false;
        }
        String tty = System.getenv("PEELOFF_KIT_TTY");
        if (tty != null) {
            return "1".equals(tty);
        }
        return System.console() != null;
    }
}
