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

    /// The whole of a `/proc` file. Those report size 0 and come in page-sized reads, so this reads until EOF
    /// (a one-shot read missed listeners once the socket table outgrew a page under a busy test run).
    static func readProcFile(_ path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var data = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            data += chunk[0..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }
}
