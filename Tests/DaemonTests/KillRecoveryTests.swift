import APICore
import ChainState
import ChainStore
import ChainTypes
import Foundation
import FullNode
import FullNodeAPI
import MeshTestKit
import Multiformats
import Synchronization
import Testing

/// `kill -9` of a real daemon at random moments while transfers are pushed: after each restart the head resumes
/// at the last committed epoch, every acknowledged message is executed exactly once, nonces run without gaps or
/// repeats, and the recipients hold exactly what the executed messages sent them.
/// Short by default; `LOTUS_SOAK=1` runs 25 rounds.
@Suite("lotus daemon kill -9 recovery", .serialized)
struct KillRecoveryTests {
    /// CIDs of the pushes the daemon acknowledged, and how many pushes were attempted.
    final class Ledger: Sendable {
        let acknowledged = Mutex<[CID]>([])
    }

    @Test("kill -9 while transfers are pushed; restarts lose nothing and execute nothing twice")
    func killNineLoop() async throws {
        let soak = ProcessInfo.processInfo.environment["LOTUS_SOAK"] == "1"
        let rounds = soak ? 25 : 4
        let repo = DevnetDaemon.temporaryRepo("kill9")
        var daemon = try await DevnetDaemon.start(repo: repo)
        let sender = try await daemon.api.call(\.walletDefaultAddress)
        var recipients: [Address] = []
        for _ in 0..<3 { recipients.append(try await daemon.api.call(\.walletNew, "secp256k1")) }
        let ledger = Ledger()
        var generator = SystemRandomNumberGenerator()

        for round in 0..<rounds {
            let api = daemon.api
            // A copy of the recipients: the task must not capture the local `var` itself (the -sanitize=thread
            // build's region checker rejects sending it to the task).
            let pusher = Task { [recipients] in
                var index = 0
                while !Task.isCancelled {
                    let to = recipients[index % recipients.count]
                    index += 1
                    let message = Message(to: to, from: sender, value: TokenAmount(attoFIL: Int128(1_000_000 + index)))
                    guard let signed = try? await api.call(\.mpoolPushMessage, message, nil) else { return }
                    ledger.acknowledged.withLock { $0.append(signed.cid) }
                }
            }
            try await Task.sleep(for: .milliseconds(Int.random(in: 150...900, using: &generator)))
            let seen = (try? await daemon.api.call(\.chainHead).height) ?? 0
            daemon.process.kill()
            _ = await daemon.process.waitForExit()
            _ = await pusher.result

            daemon = try await DevnetDaemon.start(repo: repo)
            let resumed = try await daemon.api.call(\.chainHead).height
            #expect(resumed >= seen, "round \(round): head \(resumed) is behind the committed head \(seen) seen before kill -9")
        }

        // Let the mpool drain, then stop cleanly and audit the database.
        #expect(try await DevnetDaemon.eventually(20) { try await daemon.api.call(\.mpoolPending, nil).isEmpty })
        let headAfterDrain = try await daemon.api.call(\.chainHead).height
        #expect(try await DevnetDaemon.eventually { try await daemon.api.call(\.chainHead).height > headAfterDrain })
        var balances: [Address: TokenAmount] = [:]
        for recipient in recipients { balances[recipient] = try await daemon.api.call(\.walletBalance, recipient) }
        let senderNonce = try await daemon.api.call(\.stateGetActor, sender, nil).nonce
        #expect(await daemon.process.terminate() == 0)

        let store = try ChainStore(path: repo + "/datastore/chain.sqlite")
        defer { try? store.close() }
        let receipts = try store.receiptIndex()
        var counts: [String: Int] = [:]
        for receipt in receipts { counts[receipt.message, default: 0] += 1 }
        #expect(counts.values.allSatisfy { $0 == 1 }, "a message with a receipt has exactly one")
        let acknowledged = ledger.acknowledged.withLock { $0 }
        #expect(acknowledged.count >= rounds, "transfers were acknowledged in the rounds (\(acknowledged.count))")
        print("kill -9 recovery: \(rounds) rounds, \(acknowledged.count) acknowledged transfers, \(receipts.count) executed")
        for cid in acknowledged {
            #expect(counts[cid.description] == 1, "acknowledged message \(cid) was executed exactly once")
        }

        var nonces: [UInt64] = []
        var sent: [Address: TokenAmount] = [:]
        for receipt in receipts {
            let signed = try #require(try store.message(try CID(receipt.message)))
            #expect(signed.message.from == sender)
            nonces.append(signed.message.nonce)
            let lookup = try #require(try store.lookup(message: signed.cid))
            if lookup.receipt.exitCode == .ok { sent[signed.message.to, default: .zero] += signed.message.value }
        }
        #expect(nonces == Array(0..<UInt64(nonces.count)), "nonces continue: each executed once, in order, none skipped")
        #expect(senderNonce == UInt64(nonces.count))
        for recipient in recipients {
            #expect(balances[recipient] == sent[recipient, default: .zero], "\(recipient) holds exactly what was executed")
        }
    }
}
