#!/bin/sh
# Assembles connector-cli/target/sluice-<version>/ (bin/sluice, lib/) and its .tar.gz at `mvn package`.
# Run by the exec plugin after the dependency plugin copied the runtime jars into lib/.
#   $1 target directory, $2 version, $3 this module's jar
set -eu
target=$1
version=$2
jar=$3
name="sluice-$version"
dist="$target/$name"

mkdir -p "$dist/bin" "$dist/lib"
cp "$(dirname "$0")/bin/sluice" "$dist/bin/sluice"
chmod 755 "$dist/bin/sluice"
cp "$jar" "$dist/lib/"
# One fixed class path order for the archive below and the launcher: our jar first, then the small
# jars, the large Hadoop jars last. The JVM opens jars in class path order until it finds a class,
# so a command on local files (picocli and Sluice's own classes) never opens the Hadoop jars,
# whose tens of thousands of entries take time to index (~25 ms, benchmarks/results/v02-cli.md).
(cd "$dist/lib" && {
  basename "$jar"
  ls -1 -- *.jar | grep -vxF "$(basename "$jar")" | grep -v '^hadoop-'
  ls -1 -- hadoop-*.jar
}) > "$dist/lib/classpath"
cp=$(sed "s|^|$dist/lib/|" "$dist/lib/classpath" | tr '\n' ':')

# A class-data sharing archive of what `sluice ls` and `sluice --help` load, made with the runtime
# that builds (the launcher uses it only with that same runtime, at this path). Its effect is small
# (see benchmarks/results/v02-cli.md): picocli's Java 5 class files cannot be archived.
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
java_home=$(cd "$(dirname "$(readlink -f "$(command -v "$java")")")/.." && pwd -P)
rm -f "$dist/lib/sluice.jsa" "$dist/lib/sluice.jsa.runtime" "$dist/lib/sluice.jsa.made-by"
training=$(mktemp -d)
echo x > "$training/a.txt"
if "$java" -XX:ArchiveClassesAtExit="$dist/lib/sluice.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off \
    -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xss1m -Dsluice.stderr.tty=false \
    -cp "$cp" io.sluice.cli.SluiceCli ls -l "$training" >/dev/null 2>&1 \
    && [ -f "$dist/lib/sluice.jsa" ]; then
  # Which runtime made it, and where: the launcher uses it only for that pair.
  runtime=$(sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"/\1/p' "$java_home/release")
  lib=$(cd "$dist/lib" && pwd -P)
  printf '%s|%s\n' "$runtime" "$lib" > "$dist/lib/sluice.jsa.made-by"
else
  echo "package.sh: no class-data sharing archive (this runtime cannot make one); sluice starts slower" >&2
  rm -f "$dist/lib/sluice.jsa"
fi
rm -rf "$training"

# Readable by everyone: the tarball is for any user of the machine.
chmod -R a+rX "$dist"
tar -C "$target" -czf "$target/$name.tar.gz" "$name"
echo "package.sh: wrote $target/$name.tar.gz"
