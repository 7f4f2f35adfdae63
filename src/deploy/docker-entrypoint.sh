#!/bin/sh
# Starts Holdfast in a container. The config it runs (and rewrites on API changes) lives in a writable
# directory; on the first start it is seeded from $HOLDFAST_SEED (the image's example, or a mounted
# Kubernetes ConfigMap), with @ADMIN_TOKEN@ replaced by $HOLDFAST_ADMIN_TOKEN. In a fleet a node that starts
# empty takes the fleet's current config as soon as it joins, so the seed matters only for the first node.
set -eu
config="${HOLDFAST_CONFIG:-/var/lib/holdfast/holdfast.json}"
seed="${HOLDFAST_SEED:-/etc/holdfast/holdfast.json}"
if [ ! -f "$config" ]; then
  if [ ! -f "$seed" ]; then
    echo "holdfast: no config at $config and no seed at $seed" >&2
    exit 1
  fi
  if grep -q '@ADMIN_TOKEN@' "$seed"; then
    if [ -z "${HOLDFAST_ADMIN_TOKEN:-}" ]; then
      echo "holdfast: the seed config wants an admin token: set HOLDFAST_ADMIN_TOKEN (hex or base64url)" >&2
      exit 1
    fi
    sed "s|@ADMIN_TOKEN@|${HOLDFAST_ADMIN_TOKEN}|g" "$seed" > "$config"
  else
    cp "$seed" "$config"
  fi
fi
# shellcheck disable=SC2086 # the flags are words on purpose
exec java ${HOLDFAST_JAVA_FLAGS:-} ${JAVA_OPTS:-} -jar /opt/holdfast/holdfast.jar --config "$config" "$@"
