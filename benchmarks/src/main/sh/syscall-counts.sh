#!/bin/sh
# System calls of one measure-3 throughput run, counted by the kernel's tracepoints (perf stat), which
# barely slow the program down: strace stops the process at every call and changes which thread
# runs when, so that under it the receiver almost never finds its queue empty.
#
# Inside a boot of harness/linux-vm (perf installed in the guest), after benchmarks/run has built:
#   benchmarks/src/main/sh/syscall-counts.sh CHECKOUT peeloff|jdk OUT.csv
# OUT.csv: perf's CSV, one line per event; OUT.csv.stdout: the run's RESULT line (messages sent).
# The EAGAIN returns of recvmsg/sendmsg are counted with a filter on the exit tracepoint (ret == -11).
set -eu
checkout="$1"; impl="$2"; out="$3"
mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null || true
cp="$checkout/benchmarks/target/peeloff-benchmarks.jar:$(ls "$checkout"/benchmarks/target/lib/*.jar | tr '\n' ':')"
perf stat -x, -o "$out" \
  -e syscalls:sys_enter_recvmsg -e syscalls:sys_exit_recvmsg --filter 'ret == -11' \
  -e syscalls:sys_enter_sendmsg -e syscalls:sys_exit_sendmsg --filter 'ret == -11' \
  -e syscalls:sys_enter_poll -e syscalls:sys_enter_getsockopt -e syscalls:sys_enter_setsockopt \
  -e syscalls:sys_enter_epoll_wait -e syscalls:sys_enter_futex \
  -- java -cp "$cp" org.peeloff.bench.Driver --tput-once "$impl" 1024 0 3000 > "$out.stdout" 2>&1
