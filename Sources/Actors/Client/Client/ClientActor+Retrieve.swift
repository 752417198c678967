import APICore
import CAR
import ChainTypes
import ClientAPI
import Foundation
import FullNodeAPI
import Logging
import Multiformats
import StorageMarket

/// Retrieval by data CID (this build's `/lotus-swift/retrieval/car/1.0.0` in place of go-fil-markets' graphsync
/// retrieval): the CAR comes from the deal's provider into `<path>.car.partial`, then is kept as the CAR or unpacked
/// into the file its UnixFS DAG holds.
extension ClientActor {
    public func retrieve(_ order: RetrievalOrder, to file: FileRef) async throws {
        let info: MinerInfo
        do {
            info = try await chain.call(\.stateMinerInfo, order.miner, nil)
        } catch {
            throw RPCError(.methodError, "failed getting the miner's peer ID: \(Self.reason(error))")
        }
        let provider = try Self.peer(of: info, miner: order.miner)
        try await connect(provider) { try Self.addresses(of: info, miner: order.miner) }
        let partial = file.path + ".car.partial"
        defer { try? FileManager.default.removeItem(atPath: partial) }
        let size: UInt64
        do {
            size = try await network.retrieve(order.root, from: provider, to: partial)
        } catch {
            throw RPCError(.methodError, "retrieving \(order.root) from \(order.miner): \(Self.reason(error))")
        }
        if FileManager.default.fileExists(atPath: file.path) { try FileManager.default.removeItem(atPath: file.path) }
        if file.isCAR {
            try FileManager.default.moveItem(atPath: partial, toPath: file.path)
        } else {
            do {
                let index = try CARIndex(path: partial)
                guard FileManager.default.createFile(atPath: file.path, contents: nil), let output = FileHandle(forWritingAtPath: file.path) else { throw RPCError(.methodError, "cannot write \(file.path)") }
                defer { try? output.close() }
                _ = try index.exporter().export(root: order.root) { (bytes: ArraySlice<UInt8>) throws(CARError) in
                    do {
                        try output.write(contentsOf: bytes)
                    } catch {
                        throw CARError(.io, "writing \(file.path): \(error)")
                    }
                }
            } catch let error as CARError {
                throw RPCError(.methodError, "the retrieved CAR of \(order.root) does not unpack: \(error)")
            }
        }
        logger.info("retrieved", metadata: ["payload": "\(order.root)", "bytes": "\(size)", "car": "\(file.isCAR)"])
    }
}
