#!/usr/bin/env python3
"""JSON-RPC over httpx with HTTP/2 prior knowledge: 100 concurrent calls through one AsyncClient.

usage: httpx_http2.py URL TOKEN
"""
import asyncio
import sys

import httpx


async def main() -> int:
    url, token = sys.argv[1], sys.argv[2]
    limits = httpx.Limits(max_connections=1)
    async with httpx.AsyncClient(http1=False, http2=True, limits=limits, timeout=30) as client:
        async def call(i: int):
            r = await client.post(url, json={"jsonrpc": "2.0", "id": i, "method": "Filecoin.Session", "params": []},
                                  headers={"Authorization": f"Bearer {token}"})
            return r.http_version, r.status_code, r.json()
        results = await asyncio.gather(*(call(i) for i in range(100)))
    sessions = {body["result"] for _, _, body in results}
    versions = {version for version, _, _ in results}
    if versions != {"HTTP/2"} or any(status != 200 for _, status, _ in results) or len(sessions) != 1:
        print(f"bad: versions={versions} sessions={sessions}", file=sys.stderr)
        return 1
    print("ok 100 calls over HTTP/2 with httpx")
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
