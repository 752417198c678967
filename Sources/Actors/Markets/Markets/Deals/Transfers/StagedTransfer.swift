import APICore
import Foundation
import StorageMarket
import Synchronization

/// One client's push of a deal's data into the deal-staging directory: appended to `<cid>.car.partial` (kept across a
/// broken stream or a restart, so the client resumes at ``offset``), at most the piece's unpadded size, and renamed to
/// the staged file once the client is done.
final class StagedTransfer: DealDataReceiver {
    private let state: Mutex<(handle: FileHandle?, offset: UInt64)>
    private let partial: String
    private let target: String
    private let capacity: UInt64
    private let done: @Sendable (_ staged: String?) async -> Void

    /// - Parameter done: called once, with the staged file after ``finish()``, or `nil` after ``suspend()``.
    init(partial: String, target: String, capacity: UInt64, done: @escaping @Sendable (String?) async -> Void) throws {
        // A file that cannot be created fails the open below, with its path.
        if !FileManager.default.fileExists(atPath: partial) { _ = FileManager.default.createFile(atPath: partial, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: partial) else { throw RPCError(.methodError, "cannot open \(partial) for writing") }
        let size = try handle.seekToEnd()
        self.state = Mutex((handle, size))
        self.partial = partial
        self.target = target
        self.capacity = capacity
        self.done = done
    }

    var offset: UInt64 { state.withLock { $0.offset } }

    func append(_ bytes: [UInt8]) async throws {
        try state.withLock { state in
            guard let handle = state.handle else { throw RPCError(.methodError, "the transfer has ended") }
            let (end, overflow) = state.offset.addingReportingOverflow(UInt64(bytes.count))
            guard !overflow, end <= capacity else {
                throw RPCError(.methodError, "the data is larger than the deal's piece holds (\(capacity) bytes)")
            }
            try handle.write(contentsOf: bytes)
            state.offset = end
        }
    }

    func finish() async throws -> UInt64 {
        let total = try state.withLock { state in
            guard let handle = state.handle else { throw RPCError(.methodError, "the transfer has ended") }
            try handle.synchronize()
            try handle.close()
            state.handle = nil
            return state.offset
        }
        if FileManager.default.fileExists(atPath: target) { try FileManager.default.removeItem(atPath: target) }
        try FileManager.default.moveItem(atPath: partial, toPath: target)
        await done(target)
        return total
    }

    func suspend() async {
        let open = state.withLock { state in
            try? state.handle?.synchronize()
            try? state.handle?.close()
            defer { state.handle = nil }
            return state.handle != nil
        }
        if open { await done(nil) }
    }
}
