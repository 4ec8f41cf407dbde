# Sourced by ./mvnw, ./lightning and .ci/run: point JAVA_HOME at a JDK >= 21.
# The default `java` may be older (17 on Debian 12); Maven itself must run on >= 21 because
# in-process plugins (the CRD generator) load our compiled classes.
lightning_jdk_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n1; }
lightning_pick_jdk() {
  local c major restore_f=0
  case $- in *f*) restore_f=1; set +f ;; esac   # mvnw runs with globbing off
  for c in "${JAVA_HOME-}" /usr/lib/jvm/* /opt/java/* /opt/jdk* /usr/local/lib/jvm/* "$HOME"/.sdkman/candidates/java/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    major=$(lightning_jdk_major "$c")
    case "$major" in ''|1.*) continue ;; esac
    if [ "$major" -ge 21 ] 2>/dev/null; then JAVA_HOME="$c"; export JAVA_HOME; [ $restore_f = 0 ] || set -f; return 0; fi
  done
  [ $restore_f = 0 ] || set -f
  echo "error: no JDK 21 or newer found (checked JAVA_HOME and /usr/lib/jvm); install one, e.g. 'apt-get install temurin-25-jdk' or 'openjdk-21-jdk', or set JAVA_HOME to it" >&2
  return 1
}
lightning_pick_jdk || exit 1
