#!/bin/sh
# probe-abi.sh -- compiles and runs aix-abi-probe.c with the local C compiler and prints the
# properties file it produces on stdout. Constants the probe could not see with #ifdef (enums)
# are retried one by one; a name that does not compile alone does not exist in these headers and
# stays absent (the provider then reports the feature needing it as UNSUPPORTED).
#
#   probe-abi.sh [WORKDIR]        (CC defaults to the first of cc, xlc, gcc, clang found)
#
# POSIX sh: it runs on AIX's /bin/sh (ksh) as well as on Linux (the aix module's build runs it
# against Linux headers as a check of the probe itself).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
src="$here/aix-abi-probe.c"
work=${1:-${TMPDIR:-/tmp}/peeloff-probe.$$}
mkdir -p "$work"

if [ -z "${CC:-}" ]; then
  for c in cc xlc gcc clang; do
    if command -v "$c" >/dev/null 2>&1; then CC=$c; break; fi
  done
fi
[ -n "${CC:-}" ] || { echo "probe-abi.sh: no C compiler found (set CC)" >&2; exit 1; }

# 64-bit objects on AIX (the JVM is 64-bit); other systems are 64-bit by default
flags=""
if [ "$(uname -s)" = AIX ]; then
  case "$CC" in
    *gcc*|*clang*) flags="-maix64" ;;
    *) flags="-q64" ;;
  esac
fi

# shellcheck disable=SC2086
"$CC" $flags -o "$work/probe" "$src" >"$work/cc.log" 2>&1 || {
  echo "probe-abi.sh: $CC could not compile $src:" >&2; cat "$work/cc.log" >&2; exit 1; }
"$work/probe" >"$work/probe.out"

grep -v '^#missing ' "$work/probe.out"
for name in $(sed -n 's/^#missing //p' "$work/probe.out"); do
  # shellcheck disable=SC2086
  if "$CC" $flags -DPROBE_ONE="$name" -DPROBE_KEY="\"$name\"" -o "$work/one" "$src" >/dev/null 2>&1; then
    "$work/one"
  else
    echo "# $name: not defined by these headers"
  fi
done
