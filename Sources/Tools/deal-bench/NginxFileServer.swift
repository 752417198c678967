import BenchSupport
import Foundation

/// nginx serving one file over HTTP/1.1 on loopback (sendfile on, one worker), from a private prefix directory, in
/// the foreground as a child of this process: the baseline a piece retrieval is measured against.
struct NginxFileServer {
    let process: Process
    let url: String

    static func start(executable: String, file: String, prefix: String) throws -> NginxFileServer {
        let root = prefix + "/www"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root + "/piece", withDestinationPath: file)
        let port = try BenchNodes.freeLoopbackPort()
        let config = """
            daemon off;
            master_process on;
            worker_processes 1;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log warn;
            events { worker_connections 64; }
            http {
                access_log off;
                sendfile on;
                client_body_temp_path \(prefix)/body;
                proxy_temp_path \(prefix)/proxy;
                fastcgi_temp_path \(prefix)/fastcgi;
                uwsgi_temp_path \(prefix)/uwsgi;
                scgi_temp_path \(prefix)/scgi;
                server {
                    listen 127.0.0.1:\(port);
                    root \(root);
                }
            }

            """
        try config.write(toFile: prefix + "/nginx.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-p", prefix + "/", "-c", prefix + "/nginx.conf", "-e", prefix + "/error.log"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let server = NginxFileServer(process: process, url: "http://127.0.0.1:\(port)/piece")
        try server.waitUntilListening(port: port)
        return server
    }

    /// Polls until nginx accepts a connection (at most 5 s).
    func waitUntilListening(port: Int) throws {
        for _ in 0..<100 {
            guard process.isRunning else { throw BenchError("nginx exited (\(process.terminationStatus))") }
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = in_port_t(UInt16(port).bigEndian)
            let connected = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
            }
            close(fd)
            if connected { return }
            usleep(50_000)
        }
        throw BenchError("nginx did not listen on port \(port) in 5 s")
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
