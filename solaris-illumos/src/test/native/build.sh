#!/usr/bin/env bash
# Builds the illumos ABI personality (libillumos-personality.so) for the Solaris/illumos provider's
# kernel tests on Linux.
#
#   build.sh ABI_TSV OUT_DIR [SKIP_TESTS KERNEL_MODE]
#
# 1. generates OUT_DIR/illumos_abi.h from the project's abi.tsv (gen-abi-header.awk): every illumos
#    number and layout the personality uses comes from that table, none from the provider's Java;
# 2. compiles illumos_personality.c with it into OUT_DIR/libillumos-personality.so.
# On a system that is not Linux (a real illumos, where the provider uses the real libraries) it
# does nothing. Without a C compiler it fails, unless the kernel tests will not run anyway
# (SKIP_TESTS true, or KERNEL_MODE skip: the values of -DskipTests and -Dpeeloff.kernel).
set -euo pipefail

if [ $# -ne 2 ] && [ $# -ne 4 ]; then
  echo "usage: $0 ABI_TSV OUT_DIR [SKIP_TESTS KERNEL_MODE]" >&2
  exit 2
fi
abi=$1 out=$2 skip_tests=${3:-false} kernel_mode=${4:-auto}
here=$(cd "$(dirname "$0")" && pwd)

if [ "$(uname -s)" != Linux ]; then
  echo "[illumos-personality] $(uname -s): not Linux, nothing to build (the provider uses the system libraries here)"
  exit 0
fi
cc=${CC:-gcc}
if ! command -v "$cc" >/dev/null 2>&1; then
  if [ "$skip_tests" = true ] || [ "$kernel_mode" = skip ]; then
    echo "[illumos-personality] no C compiler ($cc): not built (the kernel tests are skipped anyway)"
    exit 0
  fi
  echo "[illumos-personality] FAILED: no C compiler ($cc) to build the illumos ABI personality;" \
       "install gcc, or skip the kernel tests with -Dpeeloff.kernel=skip" >&2
  exit 1
fi
if [ ! -f "$abi" ]; then
  echo "[illumos-personality] FAILED: no abi.tsv at $abi" >&2
  exit 1
fi

mkdir -p "$out"
awk -f "$here/gen-abi-header.awk" "$abi" > "$out/illumos_abi.h.tmp"
mv "$out/illumos_abi.h.tmp" "$out/illumos_abi.h"
"$cc" -shared -fPIC -O2 -Wall -Wextra -Werror=implicit-function-declaration -fvisibility=hidden \
  -I "$out" -o "$out/libillumos-personality.so.tmp" "$here/illumos_personality.c"
mv "$out/libillumos-personality.so.tmp" "$out/libillumos-personality.so"
echo "[illumos-personality] built $out/libillumos-personality.so from $abi"
