#!/usr/bin/env bash
# Print the path of a Python 3.12 interpreter, or fail with a clear message.
# Tries `python3.12` on PATH, then pyenv's 3.12.x (the default python3 here is 3.11).
set -euo pipefail
is312() { "$1" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 12) else 1)' >/dev/null 2>&1; }
if command -v python3.12 >/dev/null 2>&1 && is312 python3.12; then
  command -v python3.12; exit 0
fi
if command -v pyenv >/dev/null 2>&1; then
  version=$(pyenv versions --bare 2>/dev/null | grep -E '^3\.12(\.[0-9]+)?$' | sort -V | tail -1 || true)
  if [ -n "$version" ]; then
    path=$(PYENV_VERSION="$version" pyenv which python3.12 2>/dev/null || true)
    if [ -n "$path" ] && is312 "$path"; then echo "$path"; exit 0; fi
  fi
fi
for candidate in /usr/bin/python3.12 /usr/local/bin/python3.12; do
  if [ -x "$candidate" ] && is312 "$candidate"; then echo "$candidate"; exit 0; fi
done
echo "error: Python 3.12 not found. Install python3.12 (or pyenv install 3.12) and retry." >&2
exit 1
