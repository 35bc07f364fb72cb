#!/bin/sh
# benchmarks/src/main/sh/jit-experiment.sh — how a JMH fork of measure 1 warms up under icount.
#
#   jit-experiment.sh OUTDIR CBINARY ASSOCS [VARIANT...]
#
# Run inside one boot (harness/linux-vm/run --icount shift=2,sleep=off --cpus 1 --rw <checkout> -- ...),
# with BENCH_JAVA and BENCH_CP set as benchmarks/run sets them.  A VARIANT is
# IMPL:WARMUP:MEASURED[:JVM flags separated by commas], e.g. peeloff:20:5 or
# peeloff:10:5:-XX:TieredStopAtLevel=1.  "c" runs the C program's peel-off (1 warm-up round,
# MEASURED rounds).  Each Java variant is one JMH fork (SingleShotTime, batch = ASSOCS) with JMH's
# compiler profiler (-prof comp): every iteration's line says how much JIT compilation happened
# during it, which is time the one emulated CPU spent compiling rather than peeling off.
# Nothing here is a figure of the report; it is what the report's plan is chosen from.
set -u
out=$1 cbin=$2 n=$3
shift 3
ulimit -n 65536 2>/dev/null || true
if [ "${PEELOFF_IN_VM:-0}" = 1 ]; then
  echo "1024 65000" >/proc/sys/net/ipv4/ip_local_port_range || true
  ip link set lo mtu 1500 2>/dev/null || true
fi
export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -XX:ErrorFile=$out/hs_err_%p.log"
for v in "$@"; do
  impl=$(echo "$v" | cut -d: -f1); wi=$(echo "$v" | cut -d: -f2); mi=$(echo "$v" | cut -d: -f3)
  flags=$(echo "$v" | cut -d: -f4- | tr ',' ' ')
  echo "=== variant $v (guest clock $(date +%s))"
  if [ "$impl" = c ]; then
    "$cbin" peel "$n" "$mi" "$wi"
  else
    "$BENCH_JAVA" -cp "$BENCH_CP" org.openjdk.jmh.Main "PeelOffBenchmark\\.$impl\$" -p assocs="$n" \
      -bs "$n" -wbs "$n" -wi "$wi" -i "$mi" -f 1 -prof comp -foe true \
      -jvmArgsAppend "-Xms512m -Xmx512m $flags" 2>&1
  fi
  while [ "$(wc -l </proc/net/sctp/assocs)" -gt 1 ]; do sleep 1; done
done
echo "=== done (guest clock $(date +%s))"
