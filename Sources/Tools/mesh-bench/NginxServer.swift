import Foundation

/// nginx serving a fixed JSON body over h2c (`listen … http2` without TLS) at `/rpc/v0`, from a
/// private prefix directory, in the foreground (`daemon off`) as a child of this process.
struct NginxServer: Sendable {
    let child: ChildProcess
    let port: Int
    let prefix: String

    static func start(executable: String, body: [UInt8], port: Int, prefix: String) throws -> NginxServer {
        let text = String(decoding: body, as: UTF8.self)
        guard !text.contains("$") else { throw BenchError("the reply contains '$', which nginx's `return` would expand") }
        let literal = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'")
        let temp = prefix + "/temp"
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let config = """
            daemon off;
            master_process on;
            worker_processes auto;
            pid \(prefix)/nginx.pid;
            error_log \(prefix)/error.log warn;
            events { worker_connections 1024; }
            http {
                access_log off;
                keepalive_requests 1000000;
                http2_max_concurrent_streams 128;
                client_body_temp_path \(temp)/body;
                proxy_temp_path \(temp)/proxy;
                fastcgi_temp_path \(temp)/fastcgi;
                uwsgi_temp_path \(temp)/uwsgi;
                scgi_temp_path \(temp)/scgi;
                server {
                    listen 127.0.0.1:\(port) http2;
                    location = /rpc/v0 {
                        default_type application/json;
                        return 200 '\(literal)';
                    }
                }
            }

            """
        let path = prefix + "/nginx.conf"
        try config.write(toFile: path, atomically: true, encoding: .utf8)
        let child = try ChildProcess.launch(
            executable, ["-p", prefix + "/", "-c", path, "-e", prefix + "/error.log"], output: prefix + "/nginx.out")
        return NginxServer(child: child, port: port, prefix: prefix)
    }

    /// nginx's own complaints, for a failed start.
    var log: String {
        let files = ["/nginx.out", "/error.log"].map { prefix + $0 }
        return files.compactMap { try? String(contentsOfFile: $0, encoding: .utf8) }.joined().suffix(800).description
    }

    func stop() async { await child.stop() }
}
