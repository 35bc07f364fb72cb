#!/usr/bin/env bash
# Runs, on the machine it is started on, the TCK of the Peeloff provider for that machine's OS:
# solaris-illumos on Solaris/illumos (SunOS), linux on Linux. Used by harness/vagrant (inside each
# box) and by .github/workflows/illumos.yml (inside the vmactions OmniOS/OpenIndiana VMs).
#
#   tck.sh [REPO_DIR [RESULTS_DIR]]
#
# REPO_DIR defaults to the checkout this script is in; RESULTS_DIR to REPO_DIR/harness/vagrant/results/<host>.
# Installs a JDK 17+ when none is found (pkg on illumos, apt-get on Debian/Ubuntu; needs root),
# runs  ./mvnw -B verify -pl <module> -am -Dpeeloff.kernel=required  and copies into RESULTS_DIR:
# build.log, the module's surefire-reports (unit tests and TEST-<module>-kernel.xml), the raw kernel-test
# reports, the semantics report (target/peeloff-semantics) and environment.txt. Exits with Maven's status.
#
# On a real illumos the kernel tests must run directly on that kernel. harness/kernel-tests always
# goes through harness/linux-vm/run, which runs its command directly when the host kernel has SCTP,
# but it probes that with Linux means (/proc/sys/net/sctp, or python3); on illumos this script sets
# PEELOFF_VM_MODE=direct so linux-vm/run never tries to boot its qemu guest there. It also puts
# /usr/gnu/bin first in PATH: harness/kernel-tests uses GNU grep and sed options.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=${1:-$(cd "$here/../../.." && pwd)}
results=${2:-$repo/harness/vagrant/results/$(hostname)}
os=$(uname -s)

say() { echo "[peeloff tck] $*"; }

java_major() { # JAVA -> major version, or 0
  "$1" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9]*\).*/\1/p' | head -n 1 | grep . || echo 0
}

find_jdk() { # prints a JAVA_HOME with java >= 17, or nothing
  local d
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME/bin/java")" -ge 17 ]; then
    echo "$JAVA_HOME"; return
  fi
  for d in /usr/jdk/openjdk21* /usr/jdk/openjdk17* /usr/jdk/instances/jdk21* /usr/jdk/instances/jdk17* \
           /usr/lib/jvm/java-21-openjdk* /usr/lib/jvm/java-17-openjdk* /usr/lib/jvm/*; do
    if [ -x "$d/bin/java" ] && [ -x "$d/bin/javac" ] && [ "$(java_major "$d/bin/java")" -ge 17 ]; then
      echo "$d"; return
    fi
  done
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else pfexec "$@"; fi
}

case "$os" in
  SunOS)
    module=solaris-illumos
    export PATH="/usr/gnu/bin:/usr/bin:/usr/sbin:/sbin:$PATH"
    export PEELOFF_VM_MODE=direct
    if [ -z "$(find_jdk)" ]; then
      say "installing OpenJDK 17 with pkg"
      # pkg exits 4 when there is nothing to do
      as_root pkg install -v runtime/java/openjdk17 || [ $? -eq 4 ] \
        || as_root pkg install -v runtime/java/openjdk21 || [ $? -eq 4 ]
    fi
    for p in text/gnu-grep text/gnu-sed; do
      as_root pkg install -q "$p" >/dev/null 2>&1 || true
    done
    ;;
  Linux)
    module=linux
    if [ -z "$(find_jdk)" ]; then
      say "installing OpenJDK 17 with apt-get"
      as_root apt-get update -q
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q openjdk-17-jdk-headless \
        || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q default-jdk-headless
    fi
    # the real kernel's SCTP, loaded so harness/linux-vm/run finds it and runs directly
    as_root modprobe sctp 2>/dev/null || true
    ;;
  *)
    echo "tck.sh: no provider module for $os" >&2; exit 2 ;;
esac

JAVA_HOME=$(find_jdk)
if [ -z "$JAVA_HOME" ]; then
  echo "tck.sh: no JDK 17 or newer found or installable" >&2; exit 1
fi
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
# a fresh machine has no Maven for mvnw to fetch the pinned one with: let it use Maven Central
if ! command -v mvn >/dev/null 2>&1; then
  export MVNW_REPOURL="${MVNW_REPOURL:-https://repo.maven.apache.org/maven2}"
fi

rm -rf "$results"; mkdir -p "$results"
{
  echo "date: $(date -u '+%Y-%m-%dT%H:%M:%SZ')"
  echo "uname: $(uname -a)"
  [ -f /etc/release ] && sed 's/^/release: /' /etc/release
  [ -f /etc/os-release ] && sed 's/^/os-release: /' /etc/os-release
  echo "java: $("$JAVA_HOME/bin/java" -version 2>&1 | tr '\n' ' ')"
  echo "module: $module"
  echo "command: ./mvnw -B verify -pl $module -am -Dpeeloff.kernel=required"
} > "$results/environment.txt"
cat "$results/environment.txt"

cd "$repo"
set +e
./mvnw -B verify -pl "$module" -am -Dpeeloff.kernel=required 2>&1 | tee "$results/build.log"
status=${PIPESTATUS[0]}
set -e

copy() { if [ -e "$1" ]; then cp -R "$1" "$results/$2"; fi; }
copy "$repo/$module/target/surefire-reports" surefire-reports
copy "$repo/$module/target/kernel-test-reports" kernel-test-reports
copy "$repo/target/peeloff-semantics" peeloff-semantics
grep '\[kernel-tests\]' "$results/build.log" > "$results/kernel-tests.txt" || true
say "kernel tests: $(tail -n 2 "$results/kernel-tests.txt" | tr '\n' ' ')"
say "Maven exit status $status; results in $results"
exit "$status"
