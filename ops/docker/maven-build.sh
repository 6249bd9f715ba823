#!/bin/sh
# Builds the `fer` launcher's jars into /out/lib (used by the build stages of the Dockerfiles here).
# Arguments go to Maven, e.g. -Pcuda for ND4J's CUDA backend.
set -eu
mvn -B -q -Dmaven.test.skip=true "$@" install
mvn -B -q "$@" -pl cli dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib
cp cli/target/fer-cli-*.jar /out/lib/
