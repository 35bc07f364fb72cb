#!/bin/sh
# benchmarks/src/main/sh/in-vm.sh — every measurement of the benchmarks, in one boot of one kernel.
#
#   in-vm.sh --out DIR --c PATH [--quick|--full] [--only 1,...,8] [--profile]
#
# Run by benchmarks/run through harness/linux-vm/run (inside the qemu guest, or directly on a host
# whose kernel has SCTP), with benchmarks/target writable.  Needs BENCH_JAVA and BENCH_CP in the
# environment.  Runs org.peeloff.bench.Driver once per step (meta, each measure, the profile), each
# in a fresh JVM: JIT-compiled code occasionally crashes under qemu's TCG emulation (a SIGSEGV in
# code the JIT is patching), so a step whose JVM dies is run again, up to 3 times, and resumes after
# the whole units (sizes, repetitions) already in raw.tsv.  A crashed JVM leaves its hs_err file in DIR.
set -eu

say() { echo "[in-vm] $*"; }

out="" cbin="" plan="" only="1,2,3,4,5,6,7,8" profile=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --c) cbin="$2"; shift 2 ;;
    --quick) plan="--plan quick"; shift ;;
    --full) plan="--plan full"; shift ;;
    --only) only="$2"; shift 2 ;;
    --profile) profile=1; shift ;;
    *) say "unknown argument: $1"; exit 2 ;;
  esac
done
[ -n "$out" ] && [ -n "$cbin" ] || { say "usage: in-vm.sh --out DIR --c PATH [--quick|--full] [--only LIST] [--profile]"; exit 2; }

# One descriptor per client socket and per peeled socket: 2 x 20,000 and then some.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

# Inside the throw-away guest only: a wider ephemeral port range, so that 20,000 client sockets
# never wait for a free port.  The host's settings are never touched.
# And loopback's MTU is set to Ethernet's 1,500, so that packets are sized as between hosts.
# Observed here with loopback's 64 KiB MTU: the shared-socket scenario (measure 4) fell to near zero
# messages per second in 5 of 7 runs, whichever implementation served it (the associations sat out
# retransmission timeouts); with 1,500 in none of 9.  The C load generator also sets a 1,500-byte
# path MTU on its own sockets, which covers measure 4 on a host kernel, where lo is left alone.
# And the receive buffer is accounted per association (net.sctp.rcvbuf_policy=1) rather than per
# socket: with the default, each of the shared socket's 200 associations advertises a window as large
# as the whole socket's buffer, the busy senders fill it, the kernel discards what no longer fits, and
# the senders sit out retransmission timeouts (one run with the default: 63 to 562 T3-rtx expiries
# per server run, windows at 16 msgs/s next to windows at 5,000). Measure 4 is to compare receivers,
# not the kernel's recovery from that overflow.
if [ "${PEELOFF_IN_VM:-0}" = 1 ] && [ -w /proc/sys/net/ipv4/ip_local_port_range ]; then
  echo "1024 65000" >/proc/sys/net/ipv4/ip_local_port_range || true
  ip link set lo mtu 1500 2>/dev/null || busybox ip link set lo mtu 1500 2>/dev/null || say "could not set lo's MTU"
  echo 1 >/proc/sys/net/sctp/rcvbuf_policy 2>/dev/null || say "could not set net.sctp.rcvbuf_policy"
fi
say "kernel $(uname -r), $(nproc) CPUs, ulimit -n $(ulimit -n), emulated: $([ "${PEELOFF_IN_VM:-0}" = 1 ] && echo yes || echo no)," \
  "ephemeral ports $(tr '\t' ' ' </proc/sys/net/ipv4/ip_local_port_range), lo MTU $(cat /sys/class/net/lo/mtu)," \
  "net.sctp.rcvbuf_policy $(cat /proc/sys/net/sctp/rcvbuf_policy 2>/dev/null || echo '?')"

# The JDK's SCTP dlopens libsctp.so.1.
found=no
for f in /usr/lib/*/libsctp.so.1 /usr/lib/libsctp.so.1 /lib/*/libsctp.so.1; do
  [ -e "$f" ] && found=yes
done
if [ $found = no ]; then
  say "libsctp.so.1 is missing: the JDK's SCTP cannot work (apt-get install libsctp1)"
  exit 3
fi

# A JVM that crashes leaves its hs_err file where it can be read afterwards (also JMH's forks).
export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -XX:ErrorFile=$out/hs_err_%p.log"

raw="$out/raw.tsv"
t0=$(date +%s)
failed=""
retries=""

# step NAME: runs the Driver for one step, again after a crash (at most 3 runs in all).
step() {
  name=$1
  tries=0
  while :; do
    tries=$((tries + 1))
    rc=0
    "$BENCH_JAVA" -Xms768m -Xmx768m -cp "$BENCH_CP" org.peeloff.bench.Driver \
      --out "$out" --c "$cbin" $plan --only "$only" --step "$name" || rc=$?
    [ $rc = 0 ] && return 0
    if [ $tries -ge 3 ]; then
      say "step $name failed $tries times (last exit $rc); going on without it"
      failed="$failed $name"
      return 0
    fi
    say "step $name: the JVM exited with status $rc; running the step again (it resumes after what was measured)"
    retries="$retries $name(exit $rc)"
  done
}

step meta
for m in $(echo "$only" | tr ',' ' '); do
  step "$m"
done
if [ $profile = 1 ]; then
  step profile
fi

printf 'meta\tseconds\t%s\n' "$(( $(date +%s) - t0 ))" >>"$raw"
[ -z "$retries" ] || printf 'meta\tretried steps\t%s\n' "${retries# }" >>"$raw"
[ -z "$failed" ] || printf 'meta\tfailed steps\t%s\n' "${failed# }" >>"$raw"
crashes=$(ls "$out"/hs_err_*.log 2>/dev/null | wc -l)
[ "$crashes" = 0 ] || printf 'meta\tjvm crashes\t%s (hs_err files in benchmarks/target/run)\n' "$crashes" >>"$raw"
say "done in $(( $(date +%s) - t0 )) s${retries:+; steps run again after a JVM exit:$retries}${failed:+; FAILED:$failed}"
[ -z "$failed" ]
