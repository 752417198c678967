#!/usr/bin/env python3
"""A Noise_XX_25519_ChaChaPoly_SHA256 peer written with the `noiseprotocol` package (import noise),
for NoiseTests/NoiseInteropTests.swift.

Usage: noise_xx_peer.py initiator|responder STATIC_PRIVATE_KEY_HEX

Frames on stdin/stdout are a 2-byte big-endian length then the Noise message (the libp2p framing).
Handshake payloads: python sends b"python message N", and expects b"swift message N" from the peer.
After the handshake python sends one transport message, handshake_hash || remote static key, then
echoes every transport message it receives until stdin closes. Exit status 0 means every check passed.
"""
import struct
import sys

from noise.connection import Keypair, NoiseConnection


def read_frame(stream):
    header = stream.read(2)
    if len(header) == 0:
        return None
    if len(header) != 2:
        raise SystemExit("truncated frame header")
    (length,) = struct.unpack(">H", header)
    data = stream.read(length)
    if len(data) != length:
        raise SystemExit(f"truncated frame: wanted {length} bytes, got {len(data)}")
    return data


def write_frame(stream, data):
    stream.write(struct.pack(">H", len(data)) + data)
    stream.flush()


def main():
    role, static_hex = sys.argv[1], sys.argv[2]
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    noise = NoiseConnection.from_name(b"Noise_XX_25519_ChaChaPoly_SHA256")
    if role == "initiator":
        noise.set_as_initiator()
    else:
        noise.set_as_responder()
    noise.set_keypair_from_private_bytes(Keypair.STATIC, bytes.fromhex(static_hex))
    noise.set_prologue(b"")
    noise.start_handshake()

    writes = [0, 2] if role == "initiator" else [1]
    remote_static = None
    for index in range(3):
        if index in writes:
            write_frame(stdout, noise.write_message(f"python message {index + 1}".encode()))
        else:
            # noiseprotocol drops its handshake state when the handshake finishes: hold on to it.
            handshake_state = noise.noise_protocol.handshake_state
            payload = noise.read_message(read_frame(stdin))
            if remote_static is None and hasattr(handshake_state.rs, "public_bytes"):
                remote_static = handshake_state.rs.public_bytes
            expected = f"swift message {index + 1}".encode()
            if payload != expected:
                raise SystemExit(f"handshake payload {index + 1}: got {payload!r}, expected {expected!r}")
    if not noise.handshake_finished:
        raise SystemExit("handshake not finished after three messages")

    write_frame(stdout, noise.encrypt(noise.get_handshake_hash() + remote_static))

    echoed = 0
    while True:
        frame = read_frame(stdin)
        if frame is None:
            break
        write_frame(stdout, noise.encrypt(noise.decrypt(frame)))
        echoed += 1
    print(f"ok {role} echoed {echoed}", file=sys.stderr)


if __name__ == "__main__":
    main()
