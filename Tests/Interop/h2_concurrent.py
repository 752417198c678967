#!/usr/bin/env python3
"""100 concurrent JSON-RPC calls on ONE HTTP/2 (h2c prior knowledge) connection, with the `h2` library.

usage: h2_concurrent.py HOST PORT TOKEN [N]
Prints one line `ok N streams on 1 connection` and exits 0 when every stream got the right answer.
"""
import json
import socket
import sys

import h2.config
import h2.connection
import h2.events


def main() -> int:
    host, port, token = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    count = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    sock = socket.create_connection((host, port), timeout=30)
    conn = h2.connection.H2Connection(config=h2.config.H2Configuration(client_side=True))
    conn.initiate_connection()
    sock.sendall(conn.data_to_send())

    expected = {}
    for i in range(count):
        stream_id = conn.get_next_available_stream_id()
        method = "Filecoin.Version" if i % 2 == 0 else "Filecoin.AuthVerify"
        params = [] if i % 2 == 0 else [token]
        body = json.dumps({"jsonrpc": "2.0", "id": i, "method": method, "params": params}).encode()
        conn.send_headers(stream_id, [
            (":method", "POST"), (":scheme", "http"), (":authority", f"{host}:{port}"), (":path", "/rpc/v0"),
            ("content-type", "application/json"), ("authorization", f"Bearer {token}"),
            ("content-length", str(len(body))),
        ])
        conn.send_data(stream_id, body, end_stream=True)
        expected[stream_id] = (i, method)
    sock.sendall(conn.data_to_send())

    bodies = {sid: b"" for sid in expected}
    statuses = {}
    done = set()
    while len(done) < count:
        data = sock.recv(65536)
        if not data:
            print("connection closed early", file=sys.stderr)
            return 1
        for event in conn.receive_data(data):
            if isinstance(event, h2.events.ResponseReceived):
                statuses[event.stream_id] = dict(event.headers).get(b":status")
            elif isinstance(event, h2.events.DataReceived):
                bodies[event.stream_id] += event.data
                conn.acknowledge_received_data(event.flow_controlled_length, event.stream_id)
            elif isinstance(event, h2.events.StreamEnded):
                done.add(event.stream_id)
            elif isinstance(event, h2.events.StreamReset):
                print(f"stream {event.stream_id} reset", file=sys.stderr)
                return 1
        sock.sendall(conn.data_to_send())

    for sid, (i, method) in expected.items():
        reply = json.loads(bodies[sid])
        if statuses.get(sid) != b"200" or reply.get("id") != i or "result" not in reply:
            print(f"stream {sid}: bad reply {statuses.get(sid)} {reply}", file=sys.stderr)
            return 1
        if method == "Filecoin.Version" and reply["result"]["APIVersion"] != 66816:
            print(f"stream {sid}: wrong version {reply}", file=sys.stderr)
            return 1
        if method == "Filecoin.AuthVerify" and reply["result"] != ["read", "write", "sign", "admin"]:
            print(f"stream {sid}: wrong perms {reply}", file=sys.stderr)
            return 1
    conn.close_connection()
    sock.sendall(conn.data_to_send())
    sock.close()
    print(f"ok {count} streams on 1 connection")
    return 0


if __name__ == "__main__":
    sys.exit(main())
