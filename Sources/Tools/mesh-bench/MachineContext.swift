import Foundation
import NIOCore

/// What the numbers were measured on.
enum MachineContext {
    static var buildConfiguration: String {
        #if DEBUG
            "debug (numbers are about 10x slower than release; use -c release)"
        #else
            "release"
        #endif
    }

    static func describe(mode: String, h2load: String?, nginx: String?) -> [String] {
        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?
            .split(separator: " ").prefix(3).joined(separator: " ") ?? "unknown"
        return [
            "cores (nproc): \(ProcessInfo.processInfo.activeProcessorCount), NIO event loops: \(System.coreCount), "
                + "load average before the run: \(load)",
            "build: \(buildConfiguration), mode: \(mode), loopback 127.0.0.1 only; client and servers share the cores",
            "h2load: \(h2load ?? "not found"), nginx: \(nginx ?? "not found")",
        ]
    }
}
