import APICore
import ArgumentParser
import CLISupport
import MarketsAPI
import Multiformats

/// `lotus-miner data-transfers`: the markets node's data transfers (clients pushing online deals' data).
struct DataTransfers: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data-transfers", abstract: "Manage data transfers", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List ongoing data transfers for this miner")
        @ParentCommand var root: LotusMiner
        @Flag(name: [.short, .long], help: "print verbose transfer details") var verbose = false
        @Flag(help: "show completed data transfers") var completed = false
        @Flag(help: "watch deal updates in real-time, rather than a one time list") var watch = false
        @Flag(name: .customLong("show-failed"), help: "show failed/cancelled transfers") var showFailed = false

        func run() async throws {
            let node = try NodeConnection(.markets, resolver: root.resolver)
            var shown: [DataTransferChannel]?
            repeat {
                let channels = try await node.markets.call(\.marketListDataTransfers)
                if channels != shown {
                    if watch { print("\u{1B}[2J\u{1B}[H", terminator: "") }
                    print(Self.render(channels, verbose: verbose, completed: completed, showFailed: showFailed), terminator: "")
                    shown = channels
                }
                if watch { try await Task.sleep(for: .seconds(1)) }
            } while watch
        }

        /// Lotus's `OutputDataTransferChannels`: sending, then receiving channels, by transfer ID; completed ones only
        /// with `completed`, failed and cancelled ones only with `showFailed`; peers and CIDs shortened unless
        /// `verbose`.
        static func render(_ channels: [DataTransferChannel], verbose: Bool, completed: Bool, showFailed: Bool) -> String {
            let shown = channels.filter { channel in
                (completed || channel.status != .completed) && (showFailed || (channel.status != .failed && channel.status != .cancelled))
            }.sorted { $0.transferID < $1.transferID }
            func table(_ peerColumn: String, _ rows: [DataTransferChannel]) -> String {
                var table = TableWriter(
                    ["ID", "Status", peerColumn, "Root Cid", "Initiated?", "Transferred", "Voucher", "Message"], separateLine: ["Message"])
                for channel in rows {
                    let voucher = !verbose && channel.voucher.count > 40 ? String(channel.voucher.prefix(37)) + "..." : channel.voucher
                    table.write([
                        "ID": String(channel.transferID), "Status": channel.status.name, peerColumn: Self.ellipsis(channel.otherPeer, verbose),
                        "Root Cid": Self.ellipsis(channel.baseCID.description, verbose), "Initiated?": channel.isInitiator ? "Y" : "N",
                        "Transferred": LotusFormat.bytesSize(channel.transferred), "Voucher": voucher, "Message": channel.message,
                    ])
                }
                return table.render()
            }
            return "Sending Channels\n\n" + table("Sending To", shown.filter(\.isSender)) + "\nReceiving Channels\n\n"
                + table("Receiving From", shown.filter { !$0.isSender })
        }

        static func ellipsis(_ text: String, _ verbose: Bool) -> String {
            verbose || text.count <= 8 ? text : "..." + text.suffix(8)
        }
    }
}
