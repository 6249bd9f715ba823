#!/bin/sh
# `fer` inside the images: the same JVM settings as the repository's launcher, on the jars under /opt/fer/lib.
set -eu
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-$(nproc)}"
# Spinning OpenMP threads (libnd4j, libtorch) collapse throughput when they share cores with anything else.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
. /opt/fer/onednn-isa.sh && fer_limit_onednn_on_zen5
# shellcheck disable=SC2086 # FER_JAVA_OPTS holds several options
exec java ${FER_JAVA_OPTS:-} -Dai.djl.offline=true -Dfer.home=/opt/fer -Dfer.data.dir=/data/fer \
  -cp '/opt/fer/lib/*' io.fer.cli.Fer "$@"
