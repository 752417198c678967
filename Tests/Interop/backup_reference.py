"""An independent reader and writer of Lotus's metadata backup format (lib/backupds), from its description:

    0x82                       array(2)
      0x9f                     indefinite-length array
        (0x82 bstr key, bstr value)*
      0xff                     break
      bstr(32)                 sha256 over the bytes from 0x9f through 0xff

  backup_reference.py read FILE           prints "<hex key> <hex value>" per entry, exits 1 on a bad checksum
  backup_reference.py write FILE PAIRS    writes a backup of the hex "key=value" lines of the file PAIRS
"""
import hashlib
import sys


def head(data, i):
    major, info = data[i] >> 5, data[i] & 0x1F
    i += 1
    if info < 24:
        return major, info, i
    size = {24: 1, 25: 2, 26: 4, 27: 8}[info]
    return major, int.from_bytes(data[i:i + size], "big"), i + size


def bstr(data, i):
    major, length, i = head(data, i)
    if major != 2:
        raise ValueError(f"expected a byte string at {i}")
    return data[i:i + length], i + length


def encode_bstr(value):
    n = len(value)
    if n < 24:
        return bytes([0x40 | n]) + value
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if n < 1 << (8 * size):
            return bytes([0x40 | info]) + n.to_bytes(size, "big") + value


def read(path):
    data = open(path, "rb").read()
    if data[0] != 0x82 or data[1] != 0x9F:
        raise ValueError("not a backup: bad header")
    i, entries = 2, []
    while data[i] != 0xFF:
        if data[i] != 0x82:
            raise ValueError(f"expected an entry at {i}")
        key, i = bstr(data, i + 1)
        value, i = bstr(data, i)
        entries.append((key, value))
    i += 1
    stored, _ = bstr(data, i)
    if stored != hashlib.sha256(data[1:i]).digest():
        print("checksum mismatch", file=sys.stderr)
        sys.exit(1)
    for key, value in entries:
        print(key.hex(), value.hex())


def write(path, pairs):
    body = b"\x9f" + b"".join(b"\x82" + encode_bstr(bytes.fromhex(k)) + encode_bstr(bytes.fromhex(v)) for k, v in (p.split("=") for p in pairs)) + b"\xff"
    open(path, "wb").write(b"\x82" + body + encode_bstr(hashlib.sha256(body).digest()))


if __name__ == "__main__":
    if sys.argv[1] == "read":
        read(sys.argv[2])
    else:
        write(sys.argv[2], open(sys.argv[3]).read().split())
