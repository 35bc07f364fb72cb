#!/bin/sh
# tck-on-host.sh -- runs on the remote host, from the directory harness/remote/run copied there.
#
#   tck-on-host.sh PROVIDER TCK_CLASS [JVM_ARG...]
#
# Finds a Java 17+ on the host, (AIX) compiles the ABI probe against /usr/include/netinet/sctp.h
# and passes its values to the TCK, runs the TCK class with the JUnit console launcher, and leaves
# in this directory: reports/ (JUnit XML), target/peeloff-semantics/ (the semantics report),
# tck.log, probe.log, aix-abi.properties, environment.txt and status (the launcher's exit code).
# POSIX sh: AIX's /bin/sh (ksh), illumos' /bin/sh.
set -u

cd "$(dirname "$0")" || exit 2
here=$(pwd)
provider=${1:?provider}
tck=${2:?TCK class}
shift 2

say() { echo "[tck-on-host] $*"; }

# ---- a Java 17 or newer -------------------------------------------------------------------------
major() {
  # "17.0.9", "21", "1.8.0_392" -> 17, 21, 8
  v=$("$1" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n 1)
  case "$v" in
    1.*) echo "$v" | cut -d. -f2 ;;
    "") echo 0 ;;
    *) echo "$v" | cut -d. -f1 | sed 's/[^0-9].*//' ;;
  esac
}
java=""
candidates="${PEELOFF_JAVA:-}"
[ -n "${JAVA_HOME:-}" ] && candidates="$candidates $JAVA_HOME/bin/java"
command -v java >/dev/null 2>&1 && candidates="$candidates $(command -v java)"
for c in /usr/java*_64/bin/java /opt/IBM/semeru*/bin/java /opt/ibm-semeru*/bin/java /opt/java*/bin/java \
         /usr/lib/jvm/*/bin/java /opt/jdk*/bin/java /usr/jdk/*/bin/java /opt/*/jdk*/bin/java; do
  [ -x "$c" ] && candidates="$candidates $c"
done
for c in $candidates; do
  [ -x "$c" ] || continue
  m=$(major "$c")
  if [ "${m:-0}" -ge 17 ] 2>/dev/null; then java=$c; break; fi
  say "skipping $c (Java $m; the TCK needs 17 or newer)"
done
if [ -z "$java" ]; then
  say "FAILED: no Java 17 or newer found (tried:$candidates); pass --java PATH to harness/remote/run"
  echo 3 > status
  exit 3
fi
say "java: $java"

{
  echo "host: $(uname -a)"
  [ -r /etc/release ] && head -n 1 /etc/release
  command -v oslevel >/dev/null 2>&1 && echo "oslevel: $(oslevel -s 2>/dev/null)"
  echo "java: $java"
  "$java" -version 2>&1
} > environment.txt 2>&1

# ---- AIX: the values no public source gives, from this host's headers ---------------------------
abi=""
case " $* " in
  *" -Dorg.peeloff.aix.abi="*) say "-Dorg.peeloff.aix.abi given: the probe is not run" ;;
  *)
    if [ "$provider" = aix ]; then
      if ./probe-abi.sh "$here/probe-work" > aix-abi.properties 2> probe.log; then
        abi="-Dorg.peeloff.aix.abi=$here/aix-abi.properties"
        say "probe: $(grep -c '=' aix-abi.properties) values read from <netinet/sctp.h> (aix-abi.properties)"
        grep '^# ' aix-abi.properties | sed 's/^/[tck-on-host] probe: /'
      else
        say "WARNING: the probe could not be compiled (see probe.log); the features needing the unknown values"
        say "will fail UNSUPPORTED and their TCK cases abort"
        rm -f aix-abi.properties
      fi
    fi ;;
esac

# ---- the TCK ------------------------------------------------------------------------------------
mkdir -p reports target
sep=":"
# shellcheck disable=SC2086  # $abi is one option or nothing
"$java" -Xss1m -Dpeeloff.root="$here" -Dorg.peeloff.provider="$provider" $abi "$@" \
  --add-opens java.base/java.io=ALL-UNNAMED \
  -cp "lib/*${sep}test-classes" org.junit.platform.console.ConsoleLauncher execute \
  --select-class "$tck" --reports-dir reports --disable-banner --disable-ansi-colors --details=tree --details-theme=ascii \
  --fail-if-no-tests > tck.log 2>&1
rc=$?
echo "$rc" > status
tail -n 25 tck.log
exit "$rc"
