import ChainTypes
import APICore
import Foundation
import HTTP2Transport
import SectorStorage
import SectorStorageAPI

/// `GET /remote/...` on a node that runs SectorStorage: other nodes (the markets node of a split) read sector files
/// here through the URLs `StorageFindSector` returns, as Lotus's `paths.FetchHandler` serves them. Needs an admin
/// token.
///
/// - `GET|HEAD /remote/<type>/<sector>`: the file (`unsealed`, `sealed`, `update`), with `Range: bytes=a-b` answered
///   206; streamed in 1 MiB chunks, never held whole.
/// - `GET /remote/<type>/<sector>/<proof>/allocated/<offset>/<size>`: 200 if that byte range of the unsealed file holds
///   data, 416 if not.
/// - `GET /remote/stat/<storage ID>`: the path's `FsStat` as JSON.
public struct RemoteSectorRoute: HTTPStreamRoute {
    public static let prefix = "/remote/"
    let storage: SectorStorageActor

    public init(storage: SectorStorageActor) {
        self.storage = storage
    }

    public func matches(method: String, path: String) -> Bool {
        (method == "GET" || method == "HEAD") && path.hasPrefix(Self.prefix)
    }

    public func respond(to request: HTTPStreamRequest, body: AsyncThrowingStream<[UInt8], any Error>) async -> HTTPStreamResponse {
        guard request.permissions.contains(.admin) else {
            return HTTPStreamResponse(status: 401, headers: [(name: "content-type", value: "application/json")], bytes: Array(#"{"Error":"unauthorized: missing admin permission"}"#.utf8))
        }
        let parts = request.path.dropFirst(Self.prefix.count).split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        do {
            switch parts.count {
            case 2 where parts[0] == "stat":
                let stat = try await storage.stat(parts[1])
                let encoder = JSONEncoder()
                encoder.outputFormatting = .sortedKeys
                return HTTPStreamResponse(status: 200, headers: [(name: "content-type", value: "application/json")], bytes: Array(try encoder.encode(stat)))
            case 2:
                let (file, _) = try await locate(type: parts[0], sector: parts[1])
                return try RemoteFileReader(path: file).response(range: request.header("range"), headOnly: request.method == "HEAD")
            case 6 where parts[3] == "allocated":
                let (file, type) = try await locate(type: parts[0], sector: parts[1])
                guard type == .unsealed else { return HTTPStreamResponse(status: 400, text: "allocated ranges are known for unsealed files only\n") }
                guard let offset = UInt64(parts[4]), let size = UInt64(parts[5]) else {
                    return HTTPStreamResponse(status: 400, text: "offset and size must be whole numbers of bytes\n")
                }
                return try RemoteFileReader(path: file).isAllocated(offset: offset, size: size)
                    ? HTTPStreamResponse(status: 200, bytes: [])
                    : HTTPStreamResponse(status: 416, text: "range \(offset)+\(size) is not allocated in \(parts[1])\n")
            default:
                return HTTPStreamResponse(status: 404, text: "no such sector resource: \(request.path)\n")
            }
        } catch let error as RemoteFileReader.Failure {
            return HTTPStreamResponse(status: error.status, text: error.message + "\n")
        } catch {
            return HTTPStreamResponse(status: 500, text: "\(error)\n")
        }
    }

    /// The local file of `type` (a folder name) of `sector` (a sector file name).
    func locate(type: String, sector: String) async throws -> (String, SectorFileType) {
        guard let fileType = SectorFileType(folder: type) else {
            throw RemoteFileReader.Failure(status: 400, message: "unknown sector file type '\(type)' (unsealed, sealed, cache, update, update-cache)")
        }
        guard let id = SectorID(fileName: sector) else {
            throw RemoteFileReader.Failure(status: 400, message: "'\(sector)' is not a sector name such as s-t01000-3")
        }
        guard let file = try await storage.localFile(fileType, of: id) else {
            throw RemoteFileReader.Failure(status: 404, message: "\(type) file of \(sector) is not stored on this node")
        }
        return (file, fileType)
    }
}
