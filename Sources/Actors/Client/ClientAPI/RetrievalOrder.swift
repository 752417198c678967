import ChainTypes
import Multiformats

/// `ClientRetrieve`'s order (Lotus `api.RetrievalOrder`, the fields this build uses): the payload and the provider.
/// JSON: `{"Root":{"/":…},"Piece":{"/":…}|null,"Miner":"t01000","Client":"t1…"}`; other Lotus fields are ignored.
public struct RetrievalOrder: Sendable, Equatable, Codable {
    /// The data CID.
    public var root: CID
    /// The piece that holds it, if the client knows.
    public var piece: CID?
    public var miner: Address
    /// The paying wallet (retrievals are free on this devnet; kept for the API's shape).
    public var client: Address?

    public init(root: CID, piece: CID? = nil, miner: Address, client: Address? = nil) {
        self.root = root
        self.piece = piece
        self.miner = miner
        self.client = client
    }

    enum CodingKeys: String, CodingKey { case root = "Root", piece = "Piece", miner = "Miner", client = "Client" }
}

/// Where `ClientRetrieve` writes (Lotus `api.FileRef`): the file unpacked from the CAR, or the CAR itself.
/// JSON: `{"Path":"/out","IsCAR":false}`.
public struct FileRef: Sendable, Equatable, Codable {
    public var path: String
    public var isCAR: Bool

    public init(path: String, isCAR: Bool) {
        self.path = path
        self.isCAR = isCAR
    }

    enum CodingKeys: String, CodingKey { case path = "Path", isCAR = "IsCAR" }
}
