import Foundation

extension NodeProcess {
    /// The TCP ports this node process listens on, read from `/proc` (Linux): its socket inodes matched against
    /// the LISTEN entries of `/proc/<pid>/net/tcp` and `tcp6`. Lets a test check which listeners a node opens.
    public var listeningTCPPorts: Set<Int> {
        let pid = process.processIdentifier
        let fdDirectory = "/proc/\(pid)/fd"
        var inodes = Set<String>()
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: fdDirectory)) ?? [] {
            guard let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "\(fdDirectory)/\(entry)"),
                target.hasPrefix("socket:[")
            else { continue }
            inodes.insert(String(target.dropFirst("socket:[".count).dropLast()))
        }
        var ports = Set<Int>()
        for table in ["tcp", "tcp6"] {
            guard let text = Self.readProcFile("/proc/\(pid)/net/\(table)") else { continue }
            for line in text.split(separator: "\n").dropFirst() {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                let fields = line.split(separator: " ", omittingEmptySubsequences: true)
                guard fields.count > 9, fields[3] == "0A", inodes.contains(String(fields[9])),
                    let portHex = fields[1].split(separator: ":").last, let port = Int(portHex, radix: 16)
                else { continue }
                ports.insert(port)
            }
        }
        return ports
    }

    /// Reads a `/proc` file to its end. They report size 0 and hand out a page per `read`, so a single read
    /// (what a size-based reader does) would see only the first sockets of a busy machine.
    static func readProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
