/// A block's ticket (Lotus `types.Ticket`): `{"VRFProof":"<base64>"}`. On this devnet the VRF output is the
/// winner's worker-key signature over the epoch's ticket randomness (see ChainState's `Election`).
public struct Ticket: Sendable, Hashable, Codable {
    /// The VRF proof bytes (devnet: a type-1 signature's data).
    public var vrfProof: [UInt8]

    /// Creates a ticket.
    public init(vrfProof: [UInt8]) { self.vrfProof = vrfProof }

    enum CodingKeys: String, CodingKey { case vrfProof = "VRFProof" }

    public init(from decoder: any Decoder) throws {
        vrfProof = try Base64Field.decode(try decoder.container(keyedBy: CodingKeys.self), forKey: .vrfProof)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try Base64Field.encode(vrfProof, into: &c, forKey: .vrfProof)
    }
}

/// A block's election proof (Lotus `types.ElectionProof`): `{"WinCount":1,"VRFProof":"<base64>"}`. On this
/// devnet the VRF output is the winner's worker-key signature over the epoch's election randomness.
public struct ElectionProof: Sendable, Hashable, Codable {
    /// How many times the miner won this epoch (always 1 on this devnet: one block per epoch).
    public var winCount: Int64
    /// The VRF proof bytes (devnet: a type-1 signature's data).
    public var vrfProof: [UInt8]

    /// Creates an election proof.
    public init(winCount: Int64, vrfProof: [UInt8]) {
        self.winCount = winCount
        self.vrfProof = vrfProof
    }

    enum CodingKeys: String, CodingKey { case winCount = "WinCount", vrfProof = "VRFProof" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        winCount = try c.decodeIfPresent(Int64.self, forKey: .winCount) ?? 0
        vrfProof = try Base64Field.decode(c, forKey: .vrfProof)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(winCount, forKey: .winCount)
        try Base64Field.encode(vrfProof, into: &c, forKey: .vrfProof)
    }
}

/// A proof of spacetime as carried in blocks and Window PoSt messages (go-state-types `proof.PoStProof`):
/// `{"PoStProof":5,"ProofBytes":"<base64>"}`, where `PoStProof` is the registered PoSt proof type.
public struct PoStProof: Sendable, Hashable, Codable {
    /// The registered PoSt proof type (e.g. 5 = StackedDrgWindow2KiBV1, 0 = StackedDrgWinning2KiBV1).
    public var postProof: Int64
    /// The proof bytes; their meaning is defined by the proof verifier (the sealing issue's mock PoSt).
    public var proofBytes: [UInt8]

    /// Creates a proof.
    public init(postProof: Int64, proofBytes: [UInt8]) {
        self.postProof = postProof
        self.proofBytes = proofBytes
    }

    enum CodingKeys: String, CodingKey { case postProof = "PoStProof", proofBytes = "ProofBytes" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        postProof = try c.decode(Int64.self, forKey: .postProof)
        proofBytes = try Base64Field.decode(c, forKey: .proofBytes)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(postProof, forKey: .postProof)
        try Base64Field.encode(proofBytes, into: &c, forKey: .proofBytes)
    }
}
