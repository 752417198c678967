#!/usr/bin/env python3
"""The third-party side of the CAR interop tests: py-ipld-car (ipld-car) and ipld-dag-pb from PyPI, with a UnixFS
file layout written here from the go-unixfs balanced builder's description (it shares no code with ours).

    car_peer.py read CAR FILE [CHUNK [LINKS]]
                                   read a CAR (every block's CID checked with hashlib), reassemble the file
                                   under its root, compare with FILE, rebuild FILE's DAG independently and print
                                   "root=<cid> blocks=<n> file=ok rebuilt=<cid> same-bytes=<yes|no>"
    car_peer.py write FILE CAR [CHUNK [LINKS]]
                                   build FILE's DAG here and write it with ipld_car.encode; print the root
"""
import hashlib
import sys

import ipld_car
import ipld_dag_pb
from multiformats import CID, multihash


def uvarint(value: int) -> bytes:
    out = bytearray()
    while value >= 0x80:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def read_uvarint(data: bytes, pos: int):
    value, shift = 0, 0
    while True:
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7


def unixfs_file(filesize: int, blocksizes: list) -> bytes:
    # Data { Type = 1: File (2); filesize = 3; repeated blocksizes = 4 }
    out = bytes([0x08, 0x02, 0x18]) + uvarint(filesize)
    for size in blocksizes:
        out += bytes([0x20]) + uvarint(size)
    return out


def parse_unixfs(data: bytes) -> dict:
    fields = {"blocksizes": []}
    pos = 0
    while pos < len(data):
        tag, pos = read_uvarint(data, pos)
        number, wire = tag >> 3, tag & 7
        if wire == 0:
            value, pos = read_uvarint(data, pos)
        elif wire == 2:
            length, pos = read_uvarint(data, pos)
            value, pos = data[pos:pos + length], pos + length
        else:
            raise ValueError(f"unexpected wire type {wire}")
        if number == 4:
            fields["blocksizes"].append(value)
        else:
            fields[number] = value
    return fields


class Builder:
    """go-unixfs balanced.Layout: a leaf, then roots of growing depth, each filled depth-first."""

    def __init__(self, data: bytes, chunk: int, links: int):
        self.data, self.chunk, self.links = data, chunk, links
        self.offset = 0
        self.blocks = {}

    def done(self) -> bool:
        return self.offset >= len(self.data)

    def leaf(self):
        piece = self.data[self.offset:self.offset + self.chunk]
        self.offset += self.chunk
        cid = CID("base32", 1, "raw", multihash.digest(piece, "sha2-256"))
        self.blocks[cid] = (bytes(piece), [])
        return cid, len(piece), len(piece)

    def node(self, children):
        filesize = sum(child[1] for child in children)
        pb = ipld_dag_pb.PBNode(unixfs_file(filesize, [c[1] for c in children]),
                                [ipld_dag_pb.PBLink(c[0], "", c[2]) for c in children])
        raw = bytes(ipld_dag_pb.encode(pb))
        cid = CID("base32", 1, "dag-pb", multihash.digest(raw, "sha2-256"))
        self.blocks[cid] = (raw, [c[0] for c in children])
        return cid, filesize, len(raw) + sum(c[2] for c in children)

    def fill(self, children, depth):
        while len(children) < self.links and not self.done():
            children.append(self.leaf() if depth == 1 else self.fill([], depth - 1))
        return self.node(children)

    def build(self):
        root = self.leaf()
        depth = 1
        while not self.done():
            root = self.fill([root], depth)
            depth += 1
        return root[0]

    def ordered(self, root):
        """Blocks depth-first from the root, each once (go-car's selective CAR order)."""
        seen, order, stack = set(), [], [root]
        while stack:
            cid = stack.pop()
            raw, children = self.blocks[cid]
            if cid not in seen:
                seen.add(cid)
                order.append((cid, raw))
            stack.extend(reversed(children))
        return order


def export(blocks: dict, cid) -> bytes:
    raw = blocks[cid]
    if cid.codec.name == "raw":
        return raw
    node = ipld_dag_pb.decode(raw)
    meta = parse_unixfs(bytes(node.data))
    assert meta[1] == 2, "not a UnixFS file"
    assert len(meta["blocksizes"]) == len(node.links)
    out = bytes(meta.get(2, b""))
    for link, size in zip(node.links, meta["blocksizes"]):
        part = export(blocks, link.hash)
        assert len(part) == size
        out += part
    assert len(out) == meta[3]
    return out


def read(car_path: str, file_path: str, chunk: int, links: int) -> None:
    car = open(car_path, "rb").read()
    roots, blocks = ipld_car.decode(car)
    assert len(roots) == 1
    store = {}
    for cid, data in blocks:
        assert cid.hashfun.name == "sha2-256"
        assert hashlib.sha256(bytes(data)).digest() == bytes(cid.raw_digest), f"block {cid} does not match"
        store[cid] = bytes(data)
    content = open(file_path, "rb").read()
    assert export(store, roots[0]) == content, "reassembled file differs"
    builder = Builder(content, chunk, links)
    rebuilt = builder.build()
    same = bytes(ipld_car.encode([rebuilt], builder.ordered(rebuilt))) == car
    print(f"root={roots[0].encode('base32')} blocks={len(blocks)} file=ok rebuilt={rebuilt.encode('base32')} "
          f"same-bytes={'yes' if same else 'no'}")


def write(file_path: str, car_path: str, chunk: int, links: int) -> None:
    builder = Builder(open(file_path, "rb").read(), chunk, links)
    root = builder.build()
    open(car_path, "wb").write(bytes(ipld_car.encode([root], builder.ordered(root))))
    print(root.encode("base32"))


if __name__ == "__main__":
    chunk = int(sys.argv[4]) if len(sys.argv) > 4 else 1 << 20
    links = int(sys.argv[5]) if len(sys.argv) > 5 else 1024
    if sys.argv[1] == "read":
        read(sys.argv[2], sys.argv[3], chunk, links)
    elif sys.argv[1] == "write":
        write(sys.argv[2], sys.argv[3], chunk, links)
    else:
        sys.exit(f"unknown mode {sys.argv[1]}")
