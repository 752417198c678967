#!/usr/bin/env python3
"""An independent piece-commitment implementation for the Swift tests to compare against.

Written from the definitions, sharing nothing with the Swift/C code: Fr32 is the bit-stream definition (every
254 bits of the little-endian input become a 256-bit little-endian word), the tree is built level by level over
the fully padded leaves (zero leaves included, no zero-root table), hashing with hashlib.

    commp_reference.py commp FILE...                       -> "<padded size> <commP hex>" per file
    commp_reference.py commd SECTOR_SIZE FILE:PADDED...    -> "<commD hex>" for pieces placed in order
"""
import hashlib
import sys

MASK254 = (1 << 254) - 1


def fr32(payload: bytes) -> bytes:
    assert len(payload) % 127 == 0
    out = bytearray()
    for start in range(0, len(payload), 127):
        value = int.from_bytes(payload[start:start + 127], "little")
        for i in range(4):
            out += ((value >> (254 * i)) & MASK254).to_bytes(32, "little")
    return bytes(out)


def node(left: bytes, right: bytes) -> bytes:
    digest = bytearray(hashlib.sha256(left + right).digest())
    digest[31] &= 0x3F
    return bytes(digest)


def root(leaves: bytes) -> bytes:
    level = [leaves[i:i + 32] for i in range(0, len(leaves), 32)]
    while len(level) > 1:
        level = [node(level[i], level[i + 1]) for i in range(0, len(level), 2)]
    return level[0]


def padded_size(n: int) -> int:
    quads = max(1, -(-n // 127))
    size = 128
    while size // 128 < quads:
        size *= 2
    return size


def piece_leaves(payload: bytes, padded: int) -> bytes:
    unpadded = padded // 128 * 127
    assert len(payload) <= unpadded
    return fr32(payload + bytes(unpadded - len(payload)))


def commp(path: str) -> str:
    payload = open(path, "rb").read()
    padded = padded_size(len(payload))
    return f"{padded} {root(piece_leaves(payload, padded)).hex()}"


def commd(sector: int, specs: list) -> str:
    sector_leaves = bytearray()
    for spec in specs:
        path, padded = spec.rsplit(":", 1)
        padded = int(padded)
        # Each piece starts at a multiple of its own size; the gap stays zero.
        while len(sector_leaves) % padded:
            sector_leaves += bytes(32)
        sector_leaves += piece_leaves(open(path, "rb").read(), padded)
    assert len(sector_leaves) <= sector
    sector_leaves += bytes(sector - len(sector_leaves))
    return root(bytes(sector_leaves)).hex()


if __name__ == "__main__":
    if sys.argv[1] == "commp":
        for path in sys.argv[2:]:
            print(commp(path))
    elif sys.argv[1] == "commd":
        print(commd(int(sys.argv[2]), sys.argv[3:]))
    else:
        sys.exit(f"unknown mode {sys.argv[1]}")
