import Foundation
import HTTP2Transport
import Synchronization
import TestScheduling
import Testing

/// A websocket JSON-RPC client in stdlib Python: upgrades, sends each argv message as a masked text
/// frame (a message "PING" sends a ping, "CANCEL:<id>" sends xrpc.cancel, "WAIT:<n>" reads n frames,
/// "ECHO:<n>" sends an Echo call of an n-byte string, "HEAD:<n>" only the head of a text frame of n bytes),
/// and prints every frame received as one line "<opcode> <payload>" ("8 <code>" for a close frame).
private let webSocketScript = #"""
import base64, json, os, socket, struct, sys
port, auth = int(sys.argv[1]), sys.argv[2]
s = socket.create_connection(("127.0.0.1", port)); s.settimeout(60)
key = base64.b64encode(os.urandom(16)).decode()
hdr = f"Authorization: Bearer {auth}\r\n" if auth != "-" else ""
s.sendall((f"GET /rpc/v0 HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{hdr}\r\n").encode())
buf = b""
while b"\r\n\r\n" not in buf:
    chunk = s.recv(4096)
    if not chunk: break
    buf += chunk
head, _, buf = buf.partition(b"\r\n\r\n")
print("STATUS", head.split(b"\r\n")[0].decode()); sys.stdout.flush()
if b" 101 " not in head.split(b"\r\n")[0]: sys.exit(0)
def send(opcode, payload):
    mask = os.urandom(4); n = len(payload)
    h = bytes([0x80 | opcode])
    h += bytes([0x80 | n]) if n < 126 else (bytes([0x80 | 126]) + struct.pack(">H", n) if n < 65536 else bytes([0x80 | 127]) + struct.pack(">Q", n))
    s.sendall(h + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))
def recv_exact(n):
    global buf
    while len(buf) < n:
        chunk = s.recv(65536)
        if not chunk: raise EOFError
        buf += chunk
    out, buf = buf[:n], buf[n:]
    return out
def read_frame():
    b0, b1 = recv_exact(2); n = b1 & 0x7F
    if n == 126: n = struct.unpack(">H", recv_exact(2))[0]
    elif n == 127: n = struct.unpack(">Q", recv_exact(8))[0]
    payload = recv_exact(n)
    if b0 & 0x0F == 8: print(8, struct.unpack(">H", payload[:2])[0] if n >= 2 else "-")
    else: print(b0 & 0x0F, payload.decode(errors="replace"))
    sys.stdout.flush()
for arg in sys.argv[3:]:
    if arg == "PING": send(0x9, b"hello")
    elif arg == "CLOSE": send(0x8, struct.pack(">H", 1000))
    elif arg.startswith("CANCEL:"): send(0x1, json.dumps({"jsonrpc": "2.0", "method": "xrpc.cancel", "params": [int(arg[7:])]}).encode())
    elif arg.startswith("ECHO:"):
        send(0x1, json.dumps({"jsonrpc": "2.0", "id": 1, "method": "Filecoin.Echo", "params": ["x" * int(arg[5:])]}).encode())
    elif arg.startswith("HEAD:"): s.sendall(bytes([0x81, 0x80 | 127]) + struct.pack(">Q", int(arg[5:])) + os.urandom(4))
    elif arg.startswith("WAIT:"):
        for _ in range(int(arg[5:])): read_frame()
    else: send(0x1, arg.encode())
"""#

@Suite("JSON-RPC over websocket (HTTP/1.1 upgrade)", .timingSensitive)
struct WebSocketTests {
    func session(port: Int, token: String?, _ steps: [String]) async throws -> [String] {
        let dir = try Tool.temporaryDirectory()
        let script = dir.appendingPathComponent("ws.py")
        try webSocketScript.write(to: script, atomically: true, encoding: .utf8)
        let result = try await Tool.run("python3", [script.path, String(port), token ?? "-"] + steps)
        #expect(result.stderr.isEmpty, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    @Test("calls, channel values and close, xrpc.cancel, ping")
    func channels() async throws {
        let api = TestAPI()
        let running = try await RunningServer.start(api: api)
        let lines = try await session(port: running.port, token: Fixture.adminToken, [
            #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Echo","params":["ws"]}"#, "WAIT:1",
            #"{"jsonrpc":"2.0","id":2,"method":"Filecoin.Count","params":[2]}"#, "WAIT:4",
            "PING", "WAIT:1",
            #"{"jsonrpc":"2.0","id":7,"method":"Filecoin.Ticks","params":[]}"#, "WAIT:3",
            "CANCEL:7",
            "CLOSE",
        ])
        #expect(lines.first == "STATUS HTTP/1.1 101 Switching Protocols")
        #expect(lines.contains(#"1 {"jsonrpc":"2.0","id":1,"result":"ws"}"#))
        #expect(lines.contains(#"1 {"jsonrpc":"2.0","id":2,"result":1}"#))
        #expect(lines.contains(#"1 {"jsonrpc":"2.0","method":"xrpc.ch.val","params":[1,0]}"#))
        #expect(lines.contains(#"1 {"jsonrpc":"2.0","method":"xrpc.ch.val","params":[1,1]}"#))
        #expect(lines.contains(#"1 {"jsonrpc":"2.0","method":"xrpc.ch.close","params":[1]}"#))
        #expect(lines.contains("10 hello"))
        #expect(lines.contains(#"1 {"jsonrpc":"2.0","id":7,"result":2}"#))
        #expect(lines.contains(#"1 {"jsonrpc":"2.0","method":"xrpc.ch.val","params":[2,0]}"#))
        // xrpc.cancel (or the close that follows) stops the server-side producer.
        try await waitUntil { api.activeTicks.load(ordering: .relaxed) == 0 }
        try await running.stop()
    }

    @Test("upgrade with a bad token gets 401; without a token the session is read only")
    func auth() async throws {
        let running = try await RunningServer.start()
        let refused = try await session(port: running.port, token: Fixture.foreignToken, [])
        #expect(refused.first == "STATUS HTTP/1.1 401 Unauthorized")
        let readOnly = try await session(port: running.port, token: nil, [
            #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.Store","params":["x"]}"#, "WAIT:1", "CLOSE",
        ])
        #expect(readOnly.contains(#"1 {"jsonrpc":"2.0","id":1,"error":{"code":1,"message":"missing permission to invoke 'Store' (need 'write')"}}"#))
        try await running.stop()
    }

    /// A caller without a token may hold the server to `[API] MaxRequestSize` on HTTP only with a token; the same
    /// holds for websocket messages: its frames are limited to the small token-less limit (1 MiB) as soon as their
    /// head arrives, before any payload is buffered.
    @Test("without a token a websocket frame over 1 MiB is refused at its head (close 1009); with a token it is served")
    func tokenlessFrameLimit() async throws {
        let running = try await RunningServer.start()
        let refused = try await session(port: running.port, token: nil, ["HEAD:\(2 << 20)", "WAIT:1"])
        #expect(refused.contains("8 1009"), "\(refused)")
        let small = try await session(port: running.port, token: nil, ["ECHO:1000", "WAIT:1", "CLOSE"])
        #expect(small.contains(#"1 {"jsonrpc":"2.0","id":1,"result":"\#(String(repeating: "x", count: 1000))"}"#), "\(small.prefix(3))")
        let served = try await session(port: running.port, token: Fixture.adminToken, ["ECHO:\(2 << 20)", "WAIT:1", "CLOSE"])
        #expect(served.contains(#"1 {"jsonrpc":"2.0","id":1,"result":"\#(String(repeating: "x", count: 2 << 20))"}"#))
        try await running.stop()
    }
}
