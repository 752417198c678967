import APICore
import ArgumentParser
import CLISupport
import ChainTypes
import FullNodeAPI

/// `lotus send [--from ADDR] TARGET AMOUNT`: sends FIL with `MpoolPushMessage` and prints the message CID, as
/// Lotus v1.17 does (it does not wait; `lotus state wait-msg CID` waits).
struct Send: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Send funds between accounts")
    @ParentCommand var root: Lotus

    @Option(help: "optionally specify the account to send funds from") var from: String?
    @Option(name: .customLong("gas-premium"), help: "specify gas price to use in AttoFIL") var gasPremium = "0"
    @Option(name: .customLong("gas-feecap"), help: "specify gas fee cap to use in AttoFIL") var gasFeeCap = "0"
    @Option(name: .customLong("gas-limit"), help: "specify gas limit") var gasLimit: Int64 = 0
    @Option(name: .customLong("max-fee"), help: "most to pay in fees, in FIL (default: [Fees] DefaultMaxFee)") var maxFee: String?
    @Option(help: "specify method to invoke") var method: UInt64 = 0
    @Argument(help: "target address") var target: String
    @Argument(help: "amount in FIL (e.g. 10, 0.5, \"1.5 FIL\")") var amount: String

    func run() async throws {
        let node = try root.fullNode()
        let to = try parseAddress(target)
        let value = try parseFIL(amount, what: "amount")
        let sender: Address
        if let from {
            sender = try parseAddress(from)
        } else {
            sender = try await node.call(\.walletDefaultAddress)
        }
        var message = Message(to: to, from: sender, value: value, gasLimit: gasLimit, method: method)
        message.gasPremium = try attoFIL(gasPremium, flag: "--gas-premium")
        message.gasFeeCap = try attoFIL(gasFeeCap, flag: "--gas-feecap")
        var spec = MessageSendSpec()
        if let maxFee { spec.maxFee = try parseFIL(maxFee, what: "--max-fee") }
        let signed = try await node.call(\.mpoolPushMessage, message, spec)
        print(signed.cid)
    }

    private func attoFIL(_ text: String, flag: String) throws -> TokenAmount {
        guard let value = Int128(text), value >= 0 else {
            throw CLIError("invalid \(flag) '\(text)': expected a whole number of attoFIL")
        }
        return TokenAmount(attoFIL: value)
    }
}

/// Parses a FIL amount argument (`10`, `0.5`, `1.5 FIL`), with the reason when it is invalid.
func parseFIL(_ text: String, what: String) throws -> TokenAmount {
    do {
        return try TokenAmount(fil: text)
    } catch {
        throw CLIError("failed to parse \(what): \(error)")
    }
}
