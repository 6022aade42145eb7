#!/usr/bin/env bash
# Container health probe: exits 0 only if GET /health/ready answers HTTP 200.
# The JRE base image has no curl or wget, and installing one would grow the image for a
# single request, so the request goes through bash's /dev/tcp.
set -euo pipefail

host="${HEALTHCHECK_HOST:-localhost}"
port="${FEEDBACK_HTTP_PORT:-8080}"
path="${HEALTHCHECK_PATH:-/health/ready}"

exec 3<>"/dev/tcp/${host}/${port}"
printf 'GET %s HTTP/1.1\r\nHost: %s\r\nConnection: close\r\n\r\n' "$path" "$host" >&3
# Status line, e.g. "HTTP/1.1 200 OK"; a read timeout guards against a server that accepts but never answers.
IFS=' ' read -r -t 5 _ status _ <&3
exec 3<&-
status="${status%$'\r'}"
[[ "${status:-}" == "200" ]]
