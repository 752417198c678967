import ChainState
import ChainTypes
import Foundation
import Multiformats

/// The result of `StateGetActor` (Lotus `types.Actor`): `{"Code":{"/":…},"Head":{"/":…},"Nonce":n,"Balance":"…"}`.
///
/// `Code` is the builtin actor's code CID in the pre-manifest form (CIDv1, raw, identity multihash of
/// `fil/8/<name>`); `Head` is the CID (dag-cbor, BLAKE2b-256) of the actor record's canonical JSON on this devnet,
/// so it changes exactly when the actor's state does.
public struct ActorView: Sendable, Equatable, Codable {
    /// The actor's code.
    public var code: CID
    /// Its state.
    public var head: CID
    /// The next nonce it must use.
    public var nonce: UInt64
    /// Its balance.
    public var balance: TokenAmount

    /// The view of `record`.
    public init(_ record: ActorRecord) {
        code = CID(codec: .raw, multihash: .identity(Array("fil/8/\(record.code.rawValue)".utf8)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bytes = (try? encoder.encode(record)).map { Array($0) } ?? []
        head = CID.dagCBORBlake2b256(of: bytes)
        nonce = record.nonce
        balance = record.balance
    }

    enum CodingKeys: String, CodingKey {
        case code = "Code", head = "Head", nonce = "Nonce", balance = "Balance"
    }
}
