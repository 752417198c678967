import Multiformats

/// The identify protobuf (libp2p/specs `identify/README.md`), the body of each `/ipfs/id/1.0.0` answer:
///
/// ```protobuf
/// message Identify {
///   optional bytes  publicKey       = 1;  // libp2p PublicKey protobuf
///   repeated bytes  listenAddrs     = 2;  // binary multiaddrs
///   repeated string protocols       = 3;
///   optional bytes  observedAddr    = 4;  // binary multiaddr
///   optional string protocolVersion = 5;
///   optional string agentVersion    = 6;
///   optional bytes  signedPeerRecord = 8; // not sent; ignored on receipt
/// }
/// ```
/// Fields are written in field-number order; unknown fields are skipped on decoding.
struct IdentifyMessage: Sendable, Equatable {
    var publicKey: [UInt8]?
    var listenAddresses: [[UInt8]] = []
    var protocols: [String] = []
    var observedAddress: [UInt8]?
    var protocolVersion: String?
    var agentVersion: String?

    init(
        publicKey: [UInt8]?, listenAddresses: [[UInt8]], protocols: [String], observedAddress: [UInt8]?,
        protocolVersion: String?, agentVersion: String?
    ) {
        self.publicKey = publicKey
        self.listenAddresses = listenAddresses
        self.protocols = protocols
        self.observedAddress = observedAddress
        self.protocolVersion = protocolVersion
        self.agentVersion = agentVersion
    }

    /// The protobuf encoding.
    func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        if let publicKey { writer.writeBytes(publicKey, field: 1) }
        for address in listenAddresses { writer.writeBytes(address, field: 2) }
        for name in protocols { writer.writeString(name, field: 3) }
        if let observedAddress { writer.writeBytes(observedAddress, field: 4) }
        if let protocolVersion { writer.writeString(protocolVersion, field: 5) }
        if let agentVersion { writer.writeString(agentVersion, field: 6) }
        return writer.bytes
    }

    /// Decodes a message; unknown fields (such as `signedPeerRecord`) are skipped.
    /// - Throws: ``Libp2pHostError`` `.protocolViolation` for malformed protobuf, a known field with the wrong
    ///   wire type, or a string that is not UTF-8.
    init(decoding bytes: some Collection<UInt8>) throws(Libp2pHostError) {
        do {
            var reader = try ProtobufReader(bytes)
            while let field = try reader.next() {
                guard (1...6).contains(field.number) else { continue }
                guard case .bytes(let value) = field.value else {
                    throw Libp2pHostError(.protocolViolation, "identify: field \(field.number) is not length-delimited")
                }
                switch field.number {
                case 1: publicKey = value
                case 2: listenAddresses.append(value)
                case 3: protocols.append(try Self.text(value, field: "protocols"))
                case 4: observedAddress = value
                case 5: protocolVersion = try Self.text(value, field: "protocolVersion")
                default: agentVersion = try Self.text(value, field: "agentVersion")
                }
            }
        } catch let error as MultiformatsError {
            throw Libp2pHostError(.protocolViolation, "identify: malformed message (\(error.message))")
        } catch let error as Libp2pHostError {
            throw error
        } catch {
            throw Libp2pHostError(.protocolViolation, "identify: \(error)")
        }
    }

    private static func text(_ bytes: [UInt8], field: String) throws(Libp2pHostError) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Libp2pHostError(.protocolViolation, "identify: \(field) is not valid UTF-8")
        }
        return text
    }

    /// The record for ``Libp2pHost/identifyInfo(_:)``, checked against the peer the connection proved.
    /// - Throws: ``Libp2pHostError`` `.protocolViolation` when the public key is missing, not a valid key, or
    ///   not the key of `expectedPeer`. Listen addresses that do not parse are dropped.
    func info(expectedPeer: PeerID) throws(Libp2pHostError) -> IdentifyInfo {
        guard let publicKey else {
            throw Libp2pHostError(.protocolViolation, "identify from \(expectedPeer) has no public key")
        }
        let key: Libp2pPublicKey
        do {
            key = try Libp2pPublicKey(marshaled: publicKey)
        } catch {
            throw Libp2pHostError(.protocolViolation, "identify from \(expectedPeer) has an unusable public key: \(error.message)")
        }
        guard key.peerID == expectedPeer else {
            throw Libp2pHostError(
                .protocolViolation, "identify from \(expectedPeer) carries the key of \(key.peerID); ignoring it")
        }
        return IdentifyInfo(
            publicKey: key,
            listenAddresses: listenAddresses.compactMap { try? Multiaddr(bytes: $0) },
            protocols: protocols,
            observedAddress: observedAddress.flatMap { try? Multiaddr(bytes: $0) },
            protocolVersion: protocolVersion ?? "",
            agentVersion: agentVersion ?? "")
    }
}
