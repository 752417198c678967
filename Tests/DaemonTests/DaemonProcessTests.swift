import APICore
import ChainState
import ChainStore
import ChainTypes
import Foundation
import FullNode
import FullNodeAPI
import MeshTestKit
import Multiformats
import Testing

/// The operator's view of `lotus daemon --devnet`: real processes, real sockets, real repos.
@Suite("lotus daemon processes", .serialized)
struct DaemonProcessTests {
    @Test("Genesis: a new repo gets a funded default wallet, the head advances, tokens guard the API, stop is clean")
    func genesis() async throws {
        let daemon = try await DevnetDaemon.start(repo: DevnetDaemon.temporaryRepo("genesis"))
        defer { daemon.process.kill() }
        #expect(try String(contentsOfFile: daemon.repo + "/api", encoding: .utf8) == "/ip4/127.0.0.1/tcp/\(daemon.port)/http")
        let config = try String(contentsOfFile: daemon.repo + "/config.toml", encoding: .utf8)
        #expect(config.contains("#ListenAddress = \"/ip4/127.0.0.1/tcp/1234/http\""), "the full node's default API address")
        #expect(config.contains("#DefaultMaxFee = \"0.07 FIL\""))
        #expect(FileManager.default.fileExists(atPath: daemon.repo + "/datastore/chain.sqlite"))
        let tokenMode = try FileManager.default.attributesOfItem(atPath: daemon.repo + "/token")[.posixPermissions] as? Int
        #expect(tokenMode == 0o600)

        let first = try Int(await daemon.lotusOK(["chain", "head", "--height"])) ?? -1
        #expect(try await DevnetDaemon.eventually { try Int(await daemon.lotusOK(["chain", "head", "--height"])) ?? 0 >= first + 3 })
        #expect(try await daemon.lotusOK(["chain", "head"]).hasPrefix("bafy2bzace"))

        let wallet = try await daemon.lotusOK(["wallet", "default"])
        #expect(wallet.hasPrefix("t1"))
        let list = try await daemon.lotusOK(["wallet", "list"])
        #expect(list.hasPrefix("Address "))
        #expect(list.contains(wallet) && list.contains("1000000 FIL") && list.contains("X"), "\(list)")
        #expect(try await daemon.lotusOK(["wallet", "balance"]) == "1000000 FIL")
        let version = try await daemon.lotusOK(["version"])
        #expect(version.contains("+api2.3.0") && version.contains("Local: lotus version"), "\(version)")
        #expect(try await daemon.lotusOK(["auth", "api-info", "--perm", "admin"]).hasPrefix("FULLNODE_API_INFO=ey"))

        let body = #"{"jsonrpc":"2.0","id":1,"method":"Filecoin.ChainHead","params":[]}"#
        for path in ["/rpc/v0", "/rpc/v1"] {
            let url = "http://127.0.0.1:\(daemon.port)\(path)"
            let head = try await Tools.run("/usr/bin/curl", ["-s", "--http2-prior-knowledge", "-X", "POST", "-d", body, url])
            #expect(head.stdout.contains(#""Height":"#) && head.stdout.contains(#""Cids":[{"/":"bafy2bzace"#), "\(head)")
            let bad = try await Tools.run(
                "/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "-H", "Authorization: Bearer nope", "-X", "POST", "-d", body, url])
            #expect(bad.stdout == "401", "a wrong token is refused on \(path)")
        }
        var updates = try await daemon.api.subscribe(\.chainNotify).makeAsyncIterator()
        let current = try #require(try await updates.next())
        let applied = try #require(try await updates.next())
        #expect(current.map(\.type) == ["current"] && applied.map(\.type) == ["apply"], "ChainNotify over HTTP/2")
        #expect(applied[0].val.height == current[0].val.height + 1 && applied[0].val.parents == current[0].val.key)

        let send = #"{"jsonrpc":"2.0","id":2,"method":"Filecoin.WalletNew","params":["secp256k1"]}"#
        let unauthenticated = try await Tools.run("/usr/bin/curl", ["-s", "-X", "POST", "-d", send, "http://127.0.0.1:\(daemon.port)/rpc/v1"])
        #expect(unauthenticated.stdout.contains("missing permission to invoke 'WalletNew' (need 'write')"), "\(unauthenticated)")

        let api = daemon.api
        _ = try await api.call(\.chainHead)  // the connection is up before the wait starts
        let never = CID.dagCBORBlake2b256(of: Array("never sent".utf8))
        let waiting = Task { try await api.call(\.stateWaitMsg, never, 0, -1, true) }
        // Time for the request to reach the daemon (a busy CI machine once took longer than 200 ms).
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await daemon.lotus(["daemon", "stop"]).status == 0)
        #expect(await daemon.process.waitForExit() == 0)
        await #expect {
            _ = try await waiting.value
        } throws: { error in
            (error as? RPCError)?.code == .shuttingDown
        }
        #expect(!FileManager.default.fileExists(atPath: daemon.repo + "/api"), "the api file is removed on clean shutdown")
        let waited = try await daemon.lotus(["wait-api", "--timeout", "300ms"])
        #expect(waited.status == 1 && waited.stderr.contains("timed out waiting for api to come online"), "\(waited)")
    }

    @Test("Transfers: wallet new, send, balance, mpool")
    func transfers() async throws {
        let daemon = try await DevnetDaemon.start(repo: DevnetDaemon.temporaryRepo("send"))
        defer { daemon.process.kill() }
        #expect(try await daemon.lotusOK(["wait-api"]).isEmpty)
        let recipient = try await daemon.lotusOK(["wallet", "new"])
        #expect(recipient.hasPrefix("t1") && recipient.count == 41)
        let cid = try await daemon.lotusOK(["send", recipient, "12.5"])
        #expect(cid.hasPrefix("bafy2bzace"), "lotus send prints the message CID")
        #expect(try await DevnetDaemon.eventually { try await daemon.lotusOK(["wallet", "balance", recipient]) == "12.5 FIL" })
        let lookup = try #require(try await daemon.api.call(\.stateSearchMsg, nil, try CID(cid), -1, true))
        #expect(lookup.receipt.exitCode == .ok)
        let sender = try await daemon.lotusOK(["wallet", "default"])
        let remaining = try await daemon.api.call(\.walletBalance, try Address(parsing: sender))
        #expect(remaining < TokenAmount(wholeFIL: 1_000_000) - TokenAmount(wholeFIL: 12), "value and gas were paid")
        #expect(try await daemon.lotusOK(["mpool", "pending", "--cids"]).isEmpty)

        let second = try await daemon.lotusOK(["send", "--from", sender, recipient, "0.5"])
        #expect(second != cid)
        #expect(try await DevnetDaemon.eventually { try await daemon.lotusOK(["wallet", "balance", recipient]) == "13 FIL" })
        #expect(try await daemon.lotusOK(["wallet", "set-default", recipient]).isEmpty)
        #expect(try await daemon.lotusOK(["wallet", "default"]) == recipient)

        let stranger = try await daemon.lotus(["send", "--from", "t1nrcatzbofjv7wkflnjc4ogfjexqmhutqay5w65y", recipient, "1"])
        #expect(stranger.status == 1 && stranger.stderr.contains("key not found"), "\(stranger)")
        let invalid = try await daemon.lotus(["send", "t1abc", "1"])
        #expect(invalid.status == 1 && invalid.stderr.contains("invalid address 't1abc'"), "\(invalid)")
        let noMiner = try await daemon.lotus(["state", "miner-info", "t01000"])
        #expect(noMiner.status == 1, "\(noMiner)")

        let owner = try Address(parsing: recipient)
        let create = try await daemon.api.call(
            \.mpoolPushMessage,
            Message(
                to: Address(id: BuiltinActor.power), from: owner, value: TokenAmount(wholeFIL: 1),
                method: PowerMethod.createMiner.rawValue,
                params: CreateMinerParams(owner: owner, worker: owner, windowPoStProofType: 10).encoded),
            nil)
        let created = try await daemon.api.call(\.stateWaitMsg, create.cid, 1, -1, true)
        #expect(created.receipt.exitCode == .ok, "\(created.receipt.error ?? "")")
        let miner = try CreateMinerReturn.decode(created.receipt.returnValue, method: "CreateMiner").idAddress
        let info = try await daemon.lotusOK(["state", "miner-info", miner.description])
        #expect(info.hasPrefix("Available Balance: "), "\(info)")
        let ownerID = try await daemon.api.call(\.stateLookupID, owner, nil)
        #expect(info.contains("\nOwner:\t\(ownerID)\nWorker:\t\(ownerID)\n"), "\(info)")
        #expect(info.contains("\nSectorSize:\t2 KiB (2048)\n"), "\(info)")
        #expect(info.contains("\nByte Power:   0 B / 0 B (0.0000%)\n"), "\(info)")
        #expect(info.contains("\nProving Period Start:\t"), "\(info)")
        await daemon.process.terminate()
    }

    @Test("mpool pending lists pushed messages until an epoch includes them; auth create-token")
    func mpoolPending() async throws {
        let daemon = try await DevnetDaemon.start(repo: DevnetDaemon.temporaryRepo("mpool"), blockTime: "1m")
        defer { daemon.process.kill() }
        let recipient = try await daemon.lotusOK(["wallet", "new"])
        let other = try await daemon.lotusOK(["wallet", "new"])
        let first = try await daemon.lotusOK(["send", recipient, "1"])
        let second = try await daemon.lotusOK(["send", other, "2"])
        #expect(try await daemon.lotusOK(["mpool", "pending", "--cids"]) == "\(first)\n\(second)", "nonce order")
        #expect(try await daemon.lotusOK(["mpool", "pending", "--cids", "--to", other]) == second)
        #expect(try await daemon.lotusOK(["mpool", "pending", "--cids", "--local"]).split(separator: "\n").count == 2)
        let json = try await daemon.lotusOK(["mpool", "pending", "--to", recipient])
        #expect(json.hasPrefix("{\n  \"CID\": {\n    \"/\": \"\(first)\"\n  },\n  \"Message\": {\n"), "\(json)")
        #expect(json.contains("\n    \"Nonce\": 0,\n") && json.contains("\n    \"Value\": \"1000000000000000000\",\n"), "\(json)")
        #expect(json.hasSuffix("\n  }\n}"), "\(json)")
        let token = try await daemon.lotusOK(["auth", "create-token", "--perm", "write"])
        #expect(token.split(separator: ".").count == 3)
        let noPerm = try await daemon.lotus(["auth", "create-token"])
        #expect(noPerm.status == 1 && noPerm.stderr.contains("--perm flag not set"), "\(noPerm)")
        await daemon.process.terminate()
    }

    @Test("Restart: the same chain and wallet, from the stored head, without replaying")
    func restart() async throws {
        let repo = DevnetDaemon.temporaryRepo("restart")
        let first = try await DevnetDaemon.start(repo: repo)
        let genesis = try await first.api.call(\.chainGetTipSetByHeight, 0, nil)
        let wallet = try await first.api.call(\.walletDefaultAddress)
        #expect(try await DevnetDaemon.eventually { try await first.api.call(\.chainHead).height >= 5 })
        #expect(await first.process.terminate() == 0, "SIGTERM stops the daemon cleanly")
        let stoppedAt = try #require(try ChainStore(path: repo + "/datastore/chain.sqlite").load(recentEpochs: 1)).head.height

        // Down for a second: a daemon that made up for the missed epochs would produce 10 at once when it starts.
        try await Task.sleep(for: .seconds(1))
        let launched = ContinuousClock.now
        let second = try await DevnetDaemon.start(repo: repo)
        defer { second.process.kill() }
        let resumed = try await second.api.call(\.chainHead).height
        // Epochs the clock may have produced since the launch (100 ms each), however slow a loaded machine made it.
        let elapsed = ContinuousClock.now - launched
        let since = ChainEpoch(elapsed.components.seconds * 10 + elapsed.components.attoseconds / 100_000_000_000_000_000)
        #expect(
            resumed >= stoppedAt && resumed <= stoppedAt + since + 2,
            "continues from the head (\(stoppedAt)), no burst of missed epochs: \(resumed) after \(elapsed)")
        #expect(try await second.api.call(\.chainGetTipSetByHeight, 0, nil) == genesis)
        #expect(try await second.api.call(\.walletDefaultAddress) == wallet)
        #expect(try await DevnetDaemon.eventually { try await second.api.call(\.chainHead).height > resumed + 2 })

        let changed = try await Tools.run(
            "lotus", ["daemon", "--devnet", "--block-time", "250ms", "--api", "\(try Tools.freePort())"], environment: ["LOTUS_PATH": repo])
        #expect(changed.status == 1 && changed.stderr.contains("already locked"), "one daemon per repo: \(changed)")
        await second.process.terminate()
        let other = try await Tools.run(
            "lotus", ["daemon", "--devnet", "--block-time", "250ms", "--api", "\(try Tools.freePort())"], environment: ["LOTUS_PATH": repo])
        #expect(other.status == 1 && other.stderr.contains("--block-time") && other.stderr.contains("100ms"), "\(other)")
    }

    @Test("Bad network params or config: the error names the file and the key")
    func badParameters() async throws {
        let dir = DevnetDaemon.temporaryRepo("params")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let cases: [(String, String)] = [
            (#"{"WPoStChallengeWindow": "ten"}"#, "WPoStChallengeWindow"),
            (#"{"BlockDelay": 5}"#, "BlockDelay"),
            (#"{"WPoStChallengeLookback": 50}"#, "WPoStChallengeLookback"),
            ("{not json", "not valid JSON"),
        ]
        for (index, (text, key)) in cases.enumerated() {
            let file = dir + "/params-\(index).json"
            try text.write(toFile: file, atomically: true, encoding: .utf8)
            let out = try await Tools.run(
                "lotus", ["daemon", "--devnet", "--network-params", file, "--api", "\(try Tools.freePort())"],
                environment: ["LOTUS_PATH": dir + "/repo-\(index)"])
            #expect(out.status == 1, "\(out)")
            #expect(out.stderr.contains(file) && out.stderr.contains(key), "\(text): \(out.stderr)")
            #expect(!FileManager.default.fileExists(atPath: dir + "/repo-\(index)/api"))
        }
        let missing = try await Tools.run("lotus", ["daemon", "--devnet", "--network-params", dir + "/nope.json"], environment: ["LOTUS_PATH": dir + "/r"])
        #expect(missing.status == 1 && missing.stderr.contains(dir + "/nope.json"), "\(missing)")

        let good = dir + "/good.json"
        try #"{"WPoStChallengeWindow": 12, "SectorSizes": ["2KiB"]}"#.write(toFile: good, atomically: true, encoding: .utf8)
        let daemon = try await DevnetDaemon.start(repo: dir + "/good", extra: ["--network-params", good])
        let params = try await daemon.api.call(\.stateGetNetworkParams)
        #expect(params.wPoStChallengeWindow == 12 && params.blockDelayMillis == 100 && params.sectorSizes == [.kib2])
        await daemon.process.terminate()

        try "[API]\n  Timeout = 30\n".write(toFile: dir + "/good/config.toml", atomically: true, encoding: .utf8)
        let badConfig = try await Tools.run("lotus", ["daemon", "--api", "\(try Tools.freePort())"], environment: ["LOTUS_PATH": dir + "/good"])
        #expect(badConfig.status == 1, "\(badConfig)")
        #expect(badConfig.stderr.contains("config.toml") && badConfig.stderr.contains("[API] Timeout"), "\(badConfig.stderr)")
        let noRepo = try await Tools.run("lotus", ["daemon"], environment: ["LOTUS_PATH": dir + "/none"])
        #expect(noRepo.status == 1 && noRepo.stderr.contains("lotus daemon --devnet"), "\(noRepo)")
    }
}
