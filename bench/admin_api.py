#!/usr/bin/env python3
"""Latency of the admin API's user listing and search, and of token issuance with and without
the `roles` scope, against a running Portcullis (standard library only).

  admin_api.py --base-url URL --key pcak_… --client-id ID --client-secret S --refresh-token T
               [--requests 200]

Each measurement: warm-up, then N sequential requests on one keep-alive connection; prints one
JSON object {"name": {"p50_ms", "p99_ms", "n", "items"}, ...}.
"""

import argparse
import base64
import http.client
import json
import sys
import time
import urllib.parse


def percentile(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def measure(conn, n, request):
    """`request()` returns (status, body); each call is timed."""
    for _ in range(5):
        request()
    times, last = [], None
    for _ in range(n):
        t = time.perf_counter()
        status, body = request()
        times.append((time.perf_counter() - t) * 1000)
        if status != 200:
            sys.exit(f"HTTP {status}: {body[:300]}")
        last = body
    return {"p50_ms": round(percentile(times, 50), 2), "p99_ms": round(percentile(times, 99), 2), "n": n}, last


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base-url", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--client-id", required=True)
    ap.add_argument("--client-secret", required=True)
    ap.add_argument("--refresh-token", required=True)
    ap.add_argument("--requests", type=int, default=200)
    a = ap.parse_args()
    u = urllib.parse.urlsplit(a.base_url)
    conn = http.client.HTTPConnection(u.hostname, u.port)

    def get(path):
        def request():
            conn.request("GET", path, headers={"Authorization": f"Bearer {a.key}"})
            r = conn.getresponse()
            return r.status, r.read()
        return request

    # The cursor after the 90,000th seeded user (the seed gives user i created_at 1700000000 + i).
    deep = base64.urlsafe_b64encode(b"1700090000:seed090000").rstrip(b"=").decode()
    cells = {
        "list, first page (limit 50)": "/admin/v1/users?limit=50",
        "list, page after 90,000 users": f"/admin/v1/users?limit=50&cursor={deep}",
        "list with total=true": "/admin/v1/users?limit=50&total=true",
        "exact e-mail": "/admin/v1/users?email=user050000@seed.example",
        "text search, 10 matches": "/admin/v1/users?q=user09999",
        "text search, no match (whole table)": "/admin/v1/users?q=nobody-at-all",
        "role filter (1,000 holders)": "/admin/v1/users?role=auditor&limit=50",
        "state filter (disabled, 1,000)": "/admin/v1/users?state=disabled&limit=50",
    }
    out = {}
    for name, path in cells.items():
        stats, body = measure(conn, a.requests, get(path))
        stats["items"] = len(json.loads(body)["items"])
        out[name] = stats

    basic = base64.b64encode(f"{a.client_id}:{a.client_secret}".encode()).decode()
    token = {"value": a.refresh_token}

    def refresh(scope):
        def request():
            body = urllib.parse.urlencode(
                {"grant_type": "refresh_token", "refresh_token": token["value"], "scope": scope}
            )
            conn.request("POST", "/token", body=body, headers={
                "Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"})
            r = conn.getresponse()
            data = r.read()
            if r.status == 200:
                token["value"] = json.loads(data)["refresh_token"]
            return r.status, data
        return request

    for scope in ("openid offline_access", "openid offline_access roles"):
        stats, _ = measure(conn, a.requests, refresh(scope))
        out[f"refresh grant, scope {scope}"] = stats
    print(json.dumps(out))


if __name__ == "__main__":
    main()
