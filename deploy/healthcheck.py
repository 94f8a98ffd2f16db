"""The container's health check: GET /healthz on the local server, with a
Host header lumba accepts (its first LUMBA_ALLOWED_HOSTS name), since a
production lumba refuses other hosts. Standard library only: the image has
no curl. Exit 0 when lumba answers 200, else 1."""

import os
import sys
import urllib.request

hosts = os.environ.get("LUMBA_ALLOWED_HOSTS", "").replace(",", " ").split()
host = next((h.lstrip(".") for h in hosts if h != "*"), "localhost")
port = os.environ.get("LUMBA_PORT", "8000")
request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host})
try:
    with urllib.request.urlopen(request, timeout=4) as response:
        sys.exit(0 if response.status == 200 else 1)
except Exception as error:  # any failure is "unhealthy"; say why in `docker inspect`
    print(f"unhealthy: {error}", file=sys.stderr)
    sys.exit(1)
