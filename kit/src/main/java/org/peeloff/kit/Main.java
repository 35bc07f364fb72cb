/*
 * Copyright The Peeloff developers
 * SPDX-License-Identifier: Apache-2.0
 */
package org.peeloff.kit;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The kit's entry point: {@code doctor}, {@code report} and {@code demo}, normally started by
 * {@code kit/run}, which builds the modules, assembles the class path and, on a machine whose
 * kernel lacks SCTP, runs the command inside {@code harness/linux-vm}.
 *
 * <ul>
 *   <li>{@code doctor}: the OS, the JVM, the provider chosen and why each other candidate was not,
 *       its capabilities, and whether this kernel can open an SCTP socket (and what to do if not).</li>
 *   <li>{@code report}: runs the TCK against this machine's provider and prints the portability
 *       matrix; exits non-zero when a required case fails.</li>
 *   <li>{@code demo}: the {@code sctp_peeloff} man page's use case, live: sporadic associations stay
 *       on a one-to-many socket, busy ones are detected by their rate and peeled off.</li>
 * </ul>
 *
 * <p>Exit status: 0 success, 1 a failed check (lost message, failed required case, ...), 2 a usage
 * error, 3 no SCTP here (no provider, or a kernel without SCTP).
 */
public final class Main {
    /** Everything worked and every check passed. */
    public static final int EXIT_OK = 0;
    /** A check failed: a message was lost or duplicated, a required TCK case failed, ... */
    public static final int EXIT_FAILED = 1;
    /** The command line was wrong. */
    public static final int EXIT_USAGE = 2;
    /** SCTP cannot be used here: no provider is available, or the kernel has no SCTP. */
    public static final int EXIT_NO_SCTP = 3;

    private Main() {
    }

    /**
     * Runs one command and exits with its status.
     *
     * @param args the command ({@code doctor}, {@code report} or {@code demo}) and its options
     */
    public static void main(String[] args) {
        int status;
        try {
            status = run(args, System.out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = EXIT_FAILED;
        }
        System.out.flush();
        System.exit(status);
    }

    /**
     * Runs one command.
     *
     * @param args the command and its options
     * @param out  where the command writes
     * @return the exit status
     * @throws InterruptedException when interrupted while waiting
     */
    public static int run(String[] args, PrintStream out) throws InterruptedException {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage(out);
            return args.length == 0 ? EXIT_USAGE : EXIT_OK;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        Options options = switch (command) {
            case "doctor" -> Doctor.options();
            case "report" -> Report.options();
            case "demo" -> Demo.options();
            default -> null;
        };
        if (options == null) {
            out.println("unknown command '" + command + "'");
            usage(out);
            return EXIT_USAGE;
        }
        if (Arrays.asList(rest).contains("--help") || Arrays.asList(rest).contains("-h")) {
            out.println("usage: kit/run " + command + " [options]");
            out.print(options.describe());
            return EXIT_OK;
        }
        try {
            options.parse(rest);
            return switch (command) {
                case "doctor" -> new Doctor(out).run(options);
                case "report" -> new Report(out).run(options);
                default -> new Demo(Demo.config(options), out).run();
            };
        } catch (Options.UsageException e) {
            out.println("kit " + command + ": " + e.getMessage());
            out.println("usage: kit/run " + command + " [options]");
            out.print(switch (command) {
                case "doctor" -> Doctor.options().describe();
                case "report" -> Report.options().describe();
                default -> Demo.options().describe();
            });
            return EXIT_USAGE;
        }
    }

    private static void usage(PrintStream out) {
        out.println("usage: kit/run doctor|report|demo [options]   (kit/run COMMAND --help for its options)");
        out.println("  doctor  does SCTP work here? the OS, the JVM, the provider chosen and why, its capabilities");
        out.println("  report  runs the TCK against this machine's provider and prints the portability matrix");
        out.println("  demo    the sctp_peeloff use case, live: busy associations detected and peeled off");
    }

    /** @return true when running inside harness/linux-vm (it sets {@code PEELOFF_IN_VM=1}) */
    static boolean inVm() {
        return "1".equals(System.getenv("PEELOFF_IN_VM"));
    }
}
