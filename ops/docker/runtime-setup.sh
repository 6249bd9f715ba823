#!/bin/sh
# Shared by the runtime stages of fer.Dockerfile and fer.gpu.Dockerfile (Debian/Ubuntu bases): curl for the
# HEALTHCHECKs, the non-root user `fer` (uid 10001) whose home holds the native-library caches (JavaCPP, DJL), and
# the directories the compose file mounts volumes on, owned by that user so fresh named volumes are too.
set -eu
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends curl ca-certificates
rm -rf /var/lib/apt/lists/*
groupadd --system --gid 10001 fer
useradd --system --uid 10001 --gid fer --create-home --home-dir /home/fer --shell /usr/sbin/nologin fer
mkdir -p /var/lib/fer/keys /var/lib/fer/work /data/fer /opt/fer
chown -R fer:fer /var/lib/fer
