#!/usr/bin/env python3
"""The third-party side of the storage-market wire tests (Tests/StorageMarketTests): dag-cbor and multiformats from
PyPI, sharing no code with ours.

    storagemarket_peer.py decode NAME=HEX ...
        decode each HEX with dag_cbor (strict DAG-CBOR: shortest heads, map keys in canonical order) and print one
        line per value, depth first in the order the keys were written:
            NAME.Path{}=Key1,Key2,...     a map and its keys in wire order
            NAME.Path[]=N                 an array of N items (items are Path.0, Path.1, ...)
            NAME.Path=int:N | str:S | bool:true | bool:false | null | bytes:HEX | cid:HEX (binary CID)
        then "NAME reencoded=HEX" (dag_cbor.encode of what was decoded)
    storagemarket_peer.py build
        print "NAME=HEX" for messages built here field by field, every map with its keys in reverse Go field order
        and an extra key go-fil-markets does not know ("Extra"), which a reader must skip
"""
import hashlib
import sys

import dag_cbor
from multiformats import CID, multihash


def flatten(name, value, out):
    if isinstance(value, dict):
        out.append(f"{name}{{}}=" + ",".join(value.keys()))
        for key, item in value.items():
            flatten(f"{name}.{key}", item, out)
    elif isinstance(value, list):
        out.append(f"{name}[]={len(value)}")
        for index, item in enumerate(value):
            flatten(f"{name}.{index}", item, out)
    elif isinstance(value, bool):
        out.append(f"{name}=bool:{'true' if value else 'false'}")
    elif isinstance(value, int):
        out.append(f"{name}=int:{value}")
    elif isinstance(value, str):
        out.append(f"{name}=str:{value}")
    elif value is None:
        out.append(f"{name}=null")
    elif isinstance(value, bytes):
        out.append(f"{name}=bytes:{value.hex()}")
    elif isinstance(value, CID):
        out.append(f"{name}=cid:{bytes(value).hex()}")
    else:
        raise TypeError(f"{name}: unexpected {type(value)}")


def decode(arguments):
    for argument in arguments:
        name, text = argument.split("=", 1)
        value = dag_cbor.decode(bytes.fromhex(text))
        lines = []
        flatten(name, value, lines)
        print("\n".join(lines))
        print(f"{name} reencoded={dag_cbor.encode(value).hex()}")


# --- build: every map assembled key by key, values encoded by dag_cbor ---

def cbor_map(pairs):
    assert len(pairs) < 24
    out = bytes([0xA0 | len(pairs)])
    for key, encoded in pairs:
        out += dag_cbor.encode(key) + encoded
    return out


def reversed_with_extra(pairs):
    extra = dag_cbor.encode([1, {"x": b"\x00\x01"}, cid_of(b"extra"), None, -5, "skip me"])
    return cbor_map([("Extra", extra)] + list(reversed(pairs)))


def e(value):
    return dag_cbor.encode(value)


def cid_of(data):
    return CID("base32", 1, "dag-cbor", multihash.wrap(hashlib.sha256(data).digest(), "sha2-256"))


def big(n):
    if n == 0:
        return b""
    return bytes([0]) + n.to_bytes((n.bit_length() + 7) // 8, "big")


PIECE = CID.decode(bytes([0x01, 0x81, 0xE2, 0x03, 0x92, 0x20, 0x20]) + bytes([0x11] * 32))
ID_1000 = bytes([0x00, 0xE8, 0x07])          # t01000
ID_1234 = bytes([0x00, 0xD2, 0x09])          # t01234
BLS_SIG = bytes([0x02]) + bytes([0xAB] * 96)
SECP_SIG = bytes([0x01]) + bytes([0xCD] * 65)

DEAL_PROPOSAL = [PIECE, 2048, False, ID_1234, ID_1000, "a label", 100, 200, big(5), big(0), big(7)]


def build():
    ask = reversed_with_extra([
        ("Price", e(big(500_000_000))), ("VerifiedPrice", e(big(50_000_000))), ("MinPieceSize", e(256)),
        ("MaxPieceSize", e(34359738368)), ("Miner", e(ID_1000)), ("Timestamp", e(-3)), ("Expiry", e(86_400)),
        ("SeqNo", e(9)),
    ])
    signed_ask = reversed_with_extra([("Ask", ask), ("Signature", e(BLS_SIG))])
    print("ask_response=" + reversed_with_extra([("Ask", signed_ask)]).hex())
    print("ask_request=" + reversed_with_extra([("Miner", e(ID_1000))]).hex())

    piece = reversed_with_extra([
        ("TransferType", e("manual")), ("Root", e(cid_of(b"root"))), ("PieceCid", e(None)),
        ("PieceSize", e(2032)), ("RawBlockSize", e(1500)),
    ])
    client_proposal = e([DEAL_PROPOSAL, SECP_SIG])  # market.ClientDealProposal, a 2-tuple
    print("proposal=" + reversed_with_extra([
        ("DealProposal", client_proposal), ("Piece", piece), ("FastRetrieval", e(True)),
    ]).hex())

    response = reversed_with_extra([
        ("State", e(3)), ("Message", e("")), ("Proposal", e(cid_of(b"proposal"))),
        ("PublishMessage", e(cid_of(b"publish"))),
    ])
    print("signed_response=" + reversed_with_extra([("Response", response), ("Signature", e(None))]).hex())

    print("status_request=" + reversed_with_extra([
        ("Proposal", e(cid_of(b"proposal"))), ("Signature", e(SECP_SIG)),
    ]).hex())
    state = reversed_with_extra([
        ("State", e(7)), ("Message", e("sealing")), ("Proposal", e(DEAL_PROPOSAL)),
        ("ProposalCid", e(cid_of(b"proposal"))), ("AddFundsCid", e(None)), ("PublishCid", e(cid_of(b"publish"))),
        ("DealID", e(42)), ("FastRetrieval", e(False)),
    ])
    print("status_response=" + reversed_with_extra([("DealState", state), ("Signature", e(BLS_SIG))]).hex())


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "decode":
        decode(sys.argv[2:])
    elif len(sys.argv) == 2 and sys.argv[1] == "build":
        build()
    else:
        sys.exit(__doc__)
