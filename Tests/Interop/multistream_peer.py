#!/usr/bin/env python3
"""py-libp2p's multistream-select (libp2p.protocol_muxer) on stdin/stdout, for
MultistreamSelectTests/MultistreamInteropTests.swift.

Usage:
  multistream_peer.py listen PROTOCOL...   responder supporting PROTOCOL...
  multistream_peer.py dial PROTOCOL...     initiator proposing PROTOCOL... in order
  multistream_peer.py ls                   asks the responder for its list

stdin/stdout carry the negotiation. After selecting a protocol python writes "hello from python\n"
on stdout right away (the peer must not lose it), then reads until stdin closes. Results go to stderr:
"selected <protocol>" or "listed <p1> <p2> ...". Exit status 0 means the negotiation succeeded.
"""
import os
import sys

import trio

from libp2p.io.abc import ReadWriteCloser
from libp2p.protocol_muxer.multiselect import Multiselect
from libp2p.protocol_muxer.multiselect_client import MultiselectClient
from libp2p.protocol_muxer.multiselect_communicator import MultiselectCommunicator


class StdioStream(ReadWriteCloser):
    def __init__(self):
        self.rx = trio.lowlevel.FdStream(os.dup(0))
        self.tx = trio.lowlevel.FdStream(os.dup(1))

    async def read(self, n=None):
        return await self.rx.receive_some(n or 65536)

    async def write(self, data):
        await self.tx.send_all(data)

    async def close(self):
        await self.tx.aclose()

    def get_remote_address(self):
        return None


def report(line):
    print(line, file=sys.stderr, flush=True)


async def main():
    mode, protocols = sys.argv[1], sys.argv[2:]
    stream = StdioStream()
    communicator = MultiselectCommunicator(stream)
    if mode == "listen":
        muxer = Multiselect()
        for protocol in protocols:
            muxer.add_handler(protocol, None)
        selected, _ = await muxer.negotiate(communicator)
    elif mode == "dial":
        selected = await MultiselectClient().select_one_of(protocols, communicator)
    else:
        listed = await MultiselectClient().query_multistream_command(communicator, "ls")
        report("listed " + " ".join(listed))
        return
    report(f"selected {selected}")
    await stream.write(b"hello from python\n")
    while await stream.read():
        pass


trio.run(main)
