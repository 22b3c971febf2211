#!/usr/bin/env bash
# Make sure Redis answers on 127.0.0.1:6379 (the cache and queue tests use it); start the local
# server if it is down. Fails (never skips) when it cannot be reached.
set -euo pipefail
ping() { python3 - <<'PY'
import socket, sys
try:
    with socket.create_connection(("127.0.0.1", 6379), timeout=1) as s:
        s.sendall(b"PING\r\n")
        sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
except OSError:
    sys.exit(1)
PY
}
if ping; then exit 0; fi
echo "Redis is down; starting the local server"
if command -v redis-server >/dev/null 2>&1; then
  mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
fi
for _ in $(seq 1 30); do
  ping && exit 0
  sleep 1
done
echo "error: Redis is not reachable on 127.0.0.1:6379" >&2
exit 1
