import Foundation
import TestScheduling

/// Plain blocking TCP sockets for tests that play a silent, slow or half-open client of a node's API port.
public enum RawSocket {
    /// A blocking TCP connection to 127.0.0.1:`port`, or nil when it cannot be made.
    public static func connect(port: Int) -> Int32? {
        let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Foundation.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(socket)
            return nil
        }
        return socket
    }

    /// Sends all of `text`; false when the connection is gone.
    public static func send(_ socket: Int32, _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let result = bytes[sent...].withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard result > 0 else { return false }
            sent += result
        }
        return true
    }

    /// What arrives on `socket` until the peer closes it or `idle` passes without a byte, as text. Waits with
    /// `Task.sleep`, never in a blocking call: a cooperative thread blocked here would starve the server under test.
    public static func receive(_ socket: Int32, idle: Duration) async -> String {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        var quietSince = ContinuousClock.now
        while ContinuousClock.now - quietSince < idle {
            var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 0) == 1 else {
                try? await Task.sleep(for: .milliseconds(10))
                continue
            }
            let count = recv(socket, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[..<count]
            quietSince = .now
        }
        return String(decoding: received, as: UTF8.self)
    }

    /// Whether the peer has closed `socket` (end of stream or a reset); does not wait.
    public static func isClosed(_ socket: Int32) -> Bool {
        var entry = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 0) == 1 else { return false }
        var byte: UInt8 = 0
        return recv(socket, &byte, 1, Int32(MSG_PEEK)) <= 0
    }

    /// Whether the peer closes every one of `sockets` within `limit` (``TestTime/scaled(_:)``; checked every 50 ms
    /// with `Task.sleep`).
    public static func allClosed(_ sockets: [Int32], within limit: Duration) async -> Bool {
        await TestTime.poll(within: limit, every: .milliseconds(50)) { sockets.allSatisfy(isClosed) }
    }
}
