#!/usr/bin/env python3
"""A py-libp2p Noise peer on a raw TCP connection, for NoiseTests/NoiseInteropTests.swift.

Usage:
  libp2p_noise_peer.py listen BYTES               prints "peer <our peer id>" and "port <port>", accepts one connection
  libp2p_noise_peer.py dial PORT PEER_ID BYTES    prints "peer <our peer id>", dials 127.0.0.1:PORT expecting PEER_ID

Either way it runs py-libp2p's Noise XX handshake (libp2p.security.noise.transport.Transport) straight on the
TCP stream (no multistream-select), prints "remote <peer id>", and then
  listen: echoes BYTES bytes back to the dialler;
  dial:   sends BYTES patterned bytes, reads the echo, checks it.
It prints "ok" and exits 0 when every check passed.
"""
import sys

import trio

from libp2p.crypto.ed25519 import create_new_key_pair
from libp2p.crypto.x25519 import create_new_key_pair as create_x25519_key_pair
from libp2p.io.trio import TrioTCPStream
from libp2p.network.connection.raw_connection import RawConnection
from libp2p.peer.id import ID
from libp2p.security.noise.transport import Transport


def pattern(count):
    out = bytearray(count)
    state = 0x9E3779B9
    for index in range(count):
        state = (state * 1664525 + 1013904223) & 0xFFFFFFFF
        out[index] = state >> 24
    return bytes(out)


def say(line):
    print(line, flush=True)


async def read_exactly(conn, count):
    data = bytearray()
    while len(data) < count:
        chunk = await conn.read()  # one Noise message
        if not chunk:
            raise SystemExit(f"connection ended after {len(data)} of {count} bytes")
        data += chunk
    return bytes(data[:count])


async def main():
    keys = create_new_key_pair()
    transport = Transport(keys, create_x25519_key_pair().private_key)
    say(f"peer {ID.from_pubkey(keys.public_key)}")
    mode = sys.argv[1]

    if mode == "listen":
        count = int(sys.argv[2])
        listeners = await trio.open_tcp_listeners(0, host="127.0.0.1")
        say(f"port {listeners[0].socket.getsockname()[1]}")
        stream = await listeners[0].accept()
        secure = await transport.secure_inbound(RawConnection(TrioTCPStream(stream), False))
        say(f"remote {secure.get_remote_peer()}")
        echoed = 0
        while echoed < count:
            chunk = await secure.read()  # one Noise message
            if not chunk:
                raise SystemExit(f"connection ended after {echoed} of {count} bytes")
            await secure.write(chunk)
            echoed += len(chunk)
        await secure.close()
    else:
        port, expected, count = int(sys.argv[2]), ID.from_base58(sys.argv[3]), int(sys.argv[4])
        stream = await trio.open_tcp_stream("127.0.0.1", port)
        secure = await transport.secure_outbound(RawConnection(TrioTCPStream(stream), True), expected)
        say(f"remote {secure.get_remote_peer()}")
        data = pattern(count)
        async with trio.open_nursery() as nursery:
            nursery.start_soon(secure.write, data)
            echo = await read_exactly(secure, count)
        if echo != data:
            raise SystemExit("the echo differs from what was sent")
        await secure.close()
    say("ok")


trio.run(main)
