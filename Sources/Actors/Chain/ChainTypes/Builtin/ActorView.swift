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

    /// An actor as `StateGetActor` reports it.
    public init(code: CID, head: CID, nonce: UInt64, balance: TokenAmount) {
        self.code = code
        self.head = head
        self.nonce = nonce
        self.balance = balance
    }

    enum CodingKeys: String, CodingKey {
        case code = "Code", head = "Head", nonce = "Nonce", balance = "Balance"
    }
}
