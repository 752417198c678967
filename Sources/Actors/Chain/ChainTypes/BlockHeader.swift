import Multiformats

/// A block header (Lotus `types.BlockHeader`), with Lotus's JSON field names and its 16-field CBOR tuple.
///
/// As in Filecoin, a header at height h refers to the *results of its parent*: `ParentStateRoot` is the state
/// after the parent tipset's messages and cron, `ParentMessageReceipts` the parent's receipts, while `Messages`
/// names the messages this block includes. On this devnet a block is produced either by a miner that won the
/// epoch's election (``ticket`` and ``electionProof`` hold its worker-key signatures, ``miner`` its ID address) or
/// by the built-in producer (``miner`` is `t00`, no ticket, no reward). The daemon assembles the header, so
/// ``blockSig`` stays empty. The roots are devnet encodings (see ChainState's `StateRoot`), not HAMT/AMT roots.
public struct BlockHeader: Sendable, Hashable, Codable {
    /// The producer: the winning miner's ID address, or `t00` for the built-in devnet producer.
    public var miner: Address
    /// The winner's ticket; `nil` for genesis and built-in producer blocks.
    public var ticket: Ticket?
    /// The winner's election proof; `nil` for genesis and built-in producer blocks.
    public var electionProof: ElectionProof?
    /// Drand entries; always empty on this devnet (randomness comes from the chain itself).
    public var beaconEntries: [BeaconEntry]
    /// The winner's winning PoSt proofs.
    public var winPoStProof: [PoStProof]
    /// The parent tipset's key.
    public var parents: TipSetKey
    /// The chain weight of the parent tipset (devnet: its height).
    public var parentWeight: TokenAmount
    /// The block's epoch.
    public var height: ChainEpoch
    /// The state after executing the parent tipset.
    public var parentStateRoot: CID
    /// The receipts of the parent tipset's messages.
    public var parentMessageReceipts: CID
    /// The messages this block includes.
    public var messages: CID
    /// BLS aggregate signature; `nil` on this devnet (no BLS messages).
    public var blsAggregate: Signature?
    /// Unix time in seconds of the epoch's start.
    public var timestamp: UInt64
    /// The producer's signature over the header; `nil` on this devnet (the daemon assembles headers).
    public var blockSig: Signature?
    /// Fork signalling bits (always 0).
    public var forkSignaling: UInt64
    /// The base fee in force for the parent's messages.
    public var parentBaseFee: TokenAmount

    /// Creates a header.
    public init(
        miner: Address, ticket: Ticket? = nil, electionProof: ElectionProof? = nil, beaconEntries: [BeaconEntry] = [],
        winPoStProof: [PoStProof] = [], parents: TipSetKey, parentWeight: TokenAmount, height: ChainEpoch,
        parentStateRoot: CID, parentMessageReceipts: CID, messages: CID, blsAggregate: Signature? = nil,
        timestamp: UInt64, blockSig: Signature? = nil, forkSignaling: UInt64 = 0, parentBaseFee: TokenAmount
    ) {
        self.miner = miner
        self.ticket = ticket
        self.electionProof = electionProof
        self.beaconEntries = beaconEntries
        self.winPoStProof = winPoStProof
        self.parents = parents
        self.parentWeight = parentWeight
        self.height = height
        self.parentStateRoot = parentStateRoot
        self.parentMessageReceipts = parentMessageReceipts
        self.messages = messages
        self.blsAggregate = blsAggregate
        self.timestamp = timestamp
        self.blockSig = blockSig
        self.forkSignaling = forkSignaling
        self.parentBaseFee = parentBaseFee
    }

    /// The DAG-CBOR encoding, cbor-gen's 16-field tuple in declaration order.
    public var cborBytes: [UInt8] {
        var cbor = CBORWriter()
        cbor.arrayHeader(16)
        cbor.byteString(miner.bytes)
        if let ticket {
            cbor.arrayHeader(1)
            cbor.byteString(ticket.vrfProof)
        } else {
            cbor.null()
        }
        if let electionProof {
            cbor.arrayHeader(2)
            cbor.integer(electionProof.winCount)
            cbor.byteString(electionProof.vrfProof)
        } else {
            cbor.null()
        }
        cbor.arrayHeader(beaconEntries.count)
        for entry in beaconEntries {
            cbor.arrayHeader(2)
            cbor.unsigned(entry.round)
            cbor.byteString(entry.data)
        }
        cbor.arrayHeader(winPoStProof.count)
        for proof in winPoStProof {
            cbor.arrayHeader(2)
            cbor.integer(proof.postProof)
            cbor.byteString(proof.proofBytes)
        }
        cbor.arrayHeader(parents.cids.count)
        for parent in parents.cids { cbor.cidLink(binary: parent.bytes) }
        cbor.bigInt(parentWeight)
        cbor.integer(height)
        cbor.cidLink(binary: parentStateRoot.bytes)
        cbor.cidLink(binary: parentMessageReceipts.bytes)
        cbor.cidLink(binary: messages.bytes)
        if let blsAggregate { cbor.byteString(blsAggregate.bytes) } else { cbor.null() }
        cbor.unsigned(timestamp)
        if let blockSig { cbor.byteString(blockSig.bytes) } else { cbor.null() }
        cbor.unsigned(forkSignaling)
        cbor.bigInt(parentBaseFee)
        return cbor.bytes
    }

    /// The block CID: CIDv1 dag-cbor blake2b-256 of ``cborBytes``.
    public var cid: CID { CID.dagCBORBlake2b256(of: cborBytes) }

    enum CodingKeys: String, CodingKey {
        case miner = "Miner", ticket = "Ticket", electionProof = "ElectionProof", beaconEntries = "BeaconEntries"
        case winPoStProof = "WinPoStProof", parents = "Parents", parentWeight = "ParentWeight", height = "Height"
        case parentStateRoot = "ParentStateRoot", parentMessageReceipts = "ParentMessageReceipts"
        case messages = "Messages", blsAggregate = "BLSAggregate", timestamp = "Timestamp", blockSig = "BlockSig"
        case forkSignaling = "ForkSignaling", parentBaseFee = "ParentBaseFee"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        miner = try c.decode(Address.self, forKey: .miner)
        ticket = try c.decodeIfPresent(Ticket.self, forKey: .ticket)
        electionProof = try c.decodeIfPresent(ElectionProof.self, forKey: .electionProof)
        beaconEntries = try c.decodeIfPresent([BeaconEntry].self, forKey: .beaconEntries) ?? []
        winPoStProof = try c.decodeIfPresent([PoStProof].self, forKey: .winPoStProof) ?? []
        parents = try c.decodeIfPresent(TipSetKey.self, forKey: .parents) ?? .empty
        parentWeight = try c.decode(TokenAmount.self, forKey: .parentWeight)
        height = try c.decode(ChainEpoch.self, forKey: .height)
        parentStateRoot = try c.decode(CID.self, forKey: .parentStateRoot)
        parentMessageReceipts = try c.decode(CID.self, forKey: .parentMessageReceipts)
        messages = try c.decode(CID.self, forKey: .messages)
        blsAggregate = try c.decodeIfPresent(Signature.self, forKey: .blsAggregate)
        timestamp = try c.decode(UInt64.self, forKey: .timestamp)
        blockSig = try c.decodeIfPresent(Signature.self, forKey: .blockSig)
        forkSignaling = try c.decodeIfPresent(UInt64.self, forKey: .forkSignaling) ?? 0
        parentBaseFee = try c.decode(TokenAmount.self, forKey: .parentBaseFee)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(miner, forKey: .miner)
        try c.encode(ticket, forKey: .ticket)
        try c.encode(electionProof, forKey: .electionProof)
        try c.encode(beaconEntries, forKey: .beaconEntries)
        try c.encode(winPoStProof, forKey: .winPoStProof)
        try c.encode(parents, forKey: .parents)
        try c.encode(parentWeight, forKey: .parentWeight)
        try c.encode(height, forKey: .height)
        try c.encode(parentStateRoot, forKey: .parentStateRoot)
        try c.encode(parentMessageReceipts, forKey: .parentMessageReceipts)
        try c.encode(messages, forKey: .messages)
        try c.encode(blsAggregate, forKey: .blsAggregate)
        try c.encode(timestamp, forKey: .timestamp)
        try c.encode(blockSig, forKey: .blockSig)
        try c.encode(forkSignaling, forKey: .forkSignaling)
        try c.encode(parentBaseFee, forKey: .parentBaseFee)
    }
}

/// A drand beacon entry (Lotus `types.BeaconEntry`): `{"Round":n,"Data":"<base64>"}`. Unused on this devnet.
public struct BeaconEntry: Sendable, Hashable, Codable {
    /// The drand round.
    public var round: UInt64
    /// The beacon signature.
    public var data: [UInt8]

    /// Creates an entry.
    public init(round: UInt64, data: [UInt8]) {
        self.round = round
        self.data = data
    }

    enum CodingKeys: String, CodingKey { case round = "Round", data = "Data" }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        round = try c.decode(UInt64.self, forKey: .round)
        data = try Base64Field.decode(c, forKey: .data)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(round, forKey: .round)
        try Base64Field.encode(data, into: &c, forKey: .data)
    }
}
