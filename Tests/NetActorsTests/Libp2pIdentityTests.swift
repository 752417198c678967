import ConfigFile
import Foundation
import Multiformats
import Repo
import Testing

/// The node's libp2p identity in the repo keystore, as Lotus keeps it: key `libp2p-host`, Type `libp2p-host`,
/// PrivateKey = the libp2p protobuf of an Ed25519 key.
@Suite("libp2p identity in the keystore")
struct Libp2pIdentityTests {
    /// libp2p/specs peer-ids test vector (reference/formats-and-peers.md §2).
    static let specPrivateKey = "080112407e0830617c4a7de83925dfb2694556b12936c477a0e1feb2e148ec9da60fee7d1ed1e8fae2c4a144b8be8fd4b47bf3d3b34b871c3cacf6010f0e42d474fce27e"
    static let specPeer = "12D3KooWBtg3aaRMjxwedh83aGiUkwSxDwUZkzuJcfaqUmo7R3pq"

    static func freshRepo() throws -> Repo {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lp2pid-\(UUID().uuidString.prefix(8))").path
        let repo = Repo(path: RepoPath(dir))
        try repo.initialize(configText: ConfigFile.commentedDefault())
        return repo
    }

    static func bytes(hex: String) -> [UInt8] {
        try! Hex.decode(hex)  // the test's own vectors: a typo traps
    }

    @Test("Created on first use as Lotus stores it, then the same key on every later start")
    func createdOnceThenReused() throws {
        let repo = try Self.freshRepo()
        #expect(try repo.keystore.get("libp2p-host") == nil)
        let first = try repo.libp2pIdentity()
        let stored = try #require(try repo.keystore.get("libp2p-host"))
        #expect(stored.type == "libp2p-host")
        #expect(stored.privateKey.count == 68, "08 01 12 40 + 32-byte seed + 32-byte public key")
        #expect(Array(stored.privateKey.prefix(4)) == [0x08, 0x01, 0x12, 0x40])
        #expect(stored.privateKey == first.marshaled)
        let file = repo.keystore.filePath(for: "libp2p-host")
        #expect(file.hasSuffix("/NRUWE4BSOAWWQ33TOQ"), "Lotus's file name: base32 of the key name")
        let mode = try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        #expect(try repo.libp2pIdentity().publicKey.peerID == first.publicKey.peerID, "a restart keeps the peer ID")
    }

    @Test("A Lotus keystore entry (spec vector) gives the spec's peer ID")
    func readsLotusKey() throws {
        let repo = try Self.freshRepo()
        let json = #"{"Type":"libp2p-host","PrivateKey":"\#(Data(Self.bytes(hex: Self.specPrivateKey)).base64EncodedString())"}"#
        try Data(json.utf8).write(to: URL(fileURLWithPath: repo.keystore.filePath(for: "libp2p-host")))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: repo.keystore.filePath(for: "libp2p-host"))
        #expect(try repo.libp2pIdentity().publicKey.peerID.description == Self.specPeer)
    }

    @Test("A key of another type or that is not an Ed25519 libp2p key is refused, saying what to do")
    func refusesForeignKeys() throws {
        let repo = try Self.freshRepo()
        try repo.keystore.put("libp2p-host", KeyInfo(type: "bls", privateKey: Self.bytes(hex: Self.specPrivateKey)))
        let wrongType = #expect(throws: RepoError.self) { try repo.libp2pIdentity() }
        #expect(wrongType?.kind == .corrupt)
        #expect(wrongType?.message.contains("has type 'bls', expected 'libp2p-host'") == true)

        let other = try Self.freshRepo()
        try other.keystore.put("libp2p-host", KeyInfo(type: "libp2p-host", privateKey: [0x08, 0x00, 0x12, 0x02, 0xAA, 0xBB]))
        let notEd25519 = #expect(throws: RepoError.self) { try other.libp2pIdentity() }
        #expect(notEd25519?.message.contains("is not a libp2p Ed25519 private key") == true, "\(String(describing: notEd25519))")
        #expect(notEd25519?.message.contains("move the file away") == true)
    }
}
