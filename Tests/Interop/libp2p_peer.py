#!/usr/bin/env python3
"""A py-libp2p peer for the Swift host's interop tests (Tests/Libp2pInteropTests).

It speaks TCP + Noise + yamux only (no TLS, secio, plaintext or mplex), as go-libp2p and
py-libp2p do with their default `new_host(...)`, and serves ping and identify (py-libp2p's
defaults) plus the echo protocol /lotus-swift/echo/1.0.0: every byte read is written back, and
when the remote half-closes the handler reports how many bytes it saw and their sha256.

Every line on stdout is one JSON object, so the Swift test can read events in order:

  listen                 {"event":"ready","id":"12D3...","addrs":["/ip4/127.0.0.1/tcp/N"]}
                         then {"event":"echo","peer":...,"bytes":N,"sha256":...} per echo stream;
                         runs until stdin is closed.
  dial ADDR [options]    connects to ADDR (/ip4/../tcp/N/p2p/ID) and runs the requested checks:
                         --ping N           {"event":"ping","rtt_ms":...} per ping
                         --identify         {"event":"identify", ...the peer's identify message...}
                         --echo-streams S --echo-bytes B
                                            S parallel echo streams of B bytes each way:
                                            {"event":"echo-stream","index":i,"sent_sha256":...,
                                             "received_sha256":...,"received":N}
                         --hold             {"event":"holding"}, then keeps the connection until
                                            stdin is closed
                         {"event":"done","ok":true|false}
Requires py-libp2p 0.8.1 (scripts/install-test-deps installs it into .venv-interop).
"""

import argparse
import hashlib
import json
import logging
import os
import sys

import multiaddr
import trio

from libp2p import create_yamux_muxer_option, new_host
from libp2p.crypto.ed25519 import create_new_key_pair
from libp2p.crypto.x25519 import create_new_key_pair as create_new_x25519_key_pair
from libp2p.custom_types import TProtocol
from libp2p.host.ping import ID as PING_ID
from libp2p.identity.identify.identify import ID as IDENTIFY_ID
from libp2p.identity.identify.pb.identify_pb2 import Identify
from libp2p.network.stream.exceptions import StreamEOF
from libp2p.peer.id import ID as PeerID
from libp2p.peer.peerinfo import info_from_p2p_addr
from libp2p.crypto.serialization import deserialize_public_key
from libp2p.security.noise.transport import PROTOCOL_ID as NOISE_ID, Transport as NoiseTransport
from libp2p.utils.varint import read_varint_prefixed_bytes

ECHO_ID = TProtocol("/lotus-swift/echo/1.0.0")
CHUNK = 64 * 1024

logging.basicConfig(level=logging.WARNING, stream=sys.stderr)


def emit(**event) -> None:
    print(json.dumps(event, sort_keys=True), flush=True)


def make_host(seed: bytes | None):
    key_pair = create_new_key_pair(seed) if seed else create_new_key_pair()
    noise = NoiseTransport(key_pair, noise_privkey=create_new_x25519_key_pair().private_key)
    yamux_only = {p: m for p, m in create_yamux_muxer_option().items() if "yamux" in str(p)}
    return new_host(key_pair=key_pair, sec_opt={NOISE_ID: noise}, muxer_opt=yamux_only)


def pattern(index: int, size: int) -> bytes:
    """Deterministic, non-repeating test bytes for stream `index` (sha256 counter mode)."""
    out = bytearray()
    counter = 0
    while len(out) < size:
        out += hashlib.sha256(f"{index}:{counter}".encode()).digest() * 64
        counter += 1
    return bytes(out[:size])


async def read_chunks(stream):
    """Yields what `stream` delivers, CHUNK bytes at most at a time, until the remote half-closes it."""
    while True:
        try:
            chunk = await stream.read(CHUNK)
        except StreamEOF:
            return
        if not chunk:
            return
        yield chunk


async def echo_handler(stream) -> None:
    digest = hashlib.sha256()
    total = 0
    try:
        async for chunk in read_chunks(stream):
            digest.update(chunk)
            total += len(chunk)
            await stream.write(chunk)
        await stream.close_write()
        emit(event="echo", peer=str(stream.muxed_conn.peer_id), bytes=total, sha256=digest.hexdigest())
    except Exception as error:  # report, never hang the test
        emit(event="echo-error", error=repr(error), bytes=total)
        await stream.reset()


async def listen(seed: bytes | None) -> None:
    host = make_host(seed)
    host.set_stream_handler(ECHO_ID, echo_handler)
    listen_addr = multiaddr.Multiaddr("/ip4/127.0.0.1/tcp/0")
    async with host.run(listen_addrs=[listen_addr]):
        addrs = [str(a.decapsulate(multiaddr.Multiaddr(f"/p2p/{host.get_id()}"))) for a in host.get_addrs()]
        emit(event="ready", id=host.get_id().to_string(), addrs=addrs)
        # Serve until the test closes our stdin.
        await trio.to_thread.run_sync(sys.stdin.read, abandon_on_cancel=True)


async def read_identify(host, peer_id) -> dict:
    stream = await host.new_stream(peer_id, [IDENTIFY_ID])
    data = await read_varint_prefixed_bytes(stream)
    await stream.close()
    message = Identify()
    message.ParseFromString(data)
    key = deserialize_public_key(message.public_key)
    return {
        "peer_id": PeerID.from_pubkey(key).to_string(),
        "listen_addrs": [str(multiaddr.Multiaddr(a)) for a in message.listen_addrs],
        "observed_addr": str(multiaddr.Multiaddr(message.observed_addr)) if message.observed_addr else "",
        "protocols": list(message.protocols),
        "protocol_version": message.protocol_version,
        "agent_version": message.agent_version,
    }


async def echo_stream(host, peer_id, index: int, size: int, results: list) -> None:
    data = pattern(index, size)
    stream = await host.new_stream(peer_id, [ECHO_ID])
    received = hashlib.sha256()
    count = 0

    async def send() -> None:
        for offset in range(0, len(data), CHUNK):
            await stream.write(data[offset:offset + CHUNK])
        await stream.close_write()

    async with trio.open_nursery() as nursery:
        nursery.start_soon(send)
        async for chunk in read_chunks(stream):
            received.update(chunk)
            count += len(chunk)
    results[index] = {
        "index": index, "sent_sha256": hashlib.sha256(data).hexdigest(),
        "received_sha256": received.hexdigest(), "received": count,
    }


async def dial(address: str, pings: int, identify: bool, streams: int, size: int, seed: bytes | None, hold: bool = False) -> bool:
    host = make_host(seed)
    ok = True
    async with host.run(listen_addrs=[multiaddr.Multiaddr("/ip4/127.0.0.1/tcp/0")]):
        info = info_from_p2p_addr(multiaddr.Multiaddr(address))
        await host.connect(info)
        emit(event="connected", id=host.get_id().to_string(), peer=info.peer_id.to_string())
        if pings:
            stream = await host.new_stream(info.peer_id, [PING_ID])
            for _ in range(pings):
                payload = os.urandom(32)
                start = trio.current_time()
                await stream.write(payload)
                echoed = b""
                while len(echoed) < 32:
                    echoed += await stream.read(32 - len(echoed))
                rtt = (trio.current_time() - start) * 1000
                good = echoed == payload
                ok = ok and good
                emit(event="ping", rtt_ms=rtt, ok=good)
            await stream.close()
        if identify:
            emit(event="identify", **(await read_identify(host, info.peer_id)))
        if streams:
            results: list = [None] * streams
            async with trio.open_nursery() as nursery:
                for index in range(streams):
                    nursery.start_soon(echo_stream, host, info.peer_id, index, size, results)
            for result in results:
                good = result["sent_sha256"] == result["received_sha256"] and result["received"] == size
                ok = ok and good
                emit(event="echo-stream", ok=good, **result)
        if hold:
            # Keep the connection open until the test closes our stdin (it looks at the connection meanwhile).
            emit(event="holding")
            await trio.to_thread.run_sync(sys.stdin.read, abandon_on_cancel=True)
    emit(event="done", ok=ok)
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="mode", required=True)
    lp = sub.add_parser("listen")
    lp.add_argument("--seed", help="32-byte Ed25519 seed in hex (default: random)")
    dp = sub.add_parser("dial")
    dp.add_argument("address")
    dp.add_argument("--seed", help="32-byte Ed25519 seed in hex (default: random)")
    dp.add_argument("--ping", type=int, default=0)
    dp.add_argument("--identify", action="store_true")
    dp.add_argument("--echo-streams", type=int, default=0)
    dp.add_argument("--echo-bytes", type=int, default=8 * 1024 * 1024)
    dp.add_argument("--hold", action="store_true", help="keep the connection until stdin is closed")
    args = parser.parse_args()
    seed = bytes.fromhex(args.seed) if args.seed else None
    if args.mode == "listen":
        trio.run(listen, seed)
        return 0
    ok = trio.run(dial, args.address, args.ping, args.identify, args.echo_streams, args.echo_bytes, seed, args.hold)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
