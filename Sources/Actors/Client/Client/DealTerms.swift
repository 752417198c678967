import APICore
import ChainTypes
import Foundation
import Multiformats

/// The terms Lotus's `ClientStartDeal` derives from its parameters (node/impl/client and go-fil-markets' client), as
/// pure functions over values from outside, each checked: a bad value is an ``APICore/RPCError``, never a trap.
enum DealTerms {
    /// Lotus's start buffer when the caller gives no start epoch: 8 days (seal, pre-commit, prove-commit, 8 h spare).
    static let startBufferHours: Int64 = 8 * 24

    /// The chain head plus ``startBufferHours`` of epochs at the chain's block time.
    static func defaultStart(head: ChainEpoch, blockDelayMillis: Int64) -> ChainEpoch {
        let epochsPerHour = 3_600_000 / max(blockDelayMillis, 1)
        let (buffer, overflow) = startBufferHours.multipliedReportingOverflow(by: epochsPerHour)
        let (start, overflow2) = head.addingReportingOverflow(overflow ? ChainEpoch.max : buffer)
        return overflow || overflow2 ? ChainEpoch.max : start
    }

    /// Lotus's `calcDealExpiration`: `start + minDuration`, moved up to the epoch before the miner's next proving
    /// period boundary, so the deal ends where a proving period does.
    static func endEpoch(start: ChainEpoch, minDuration: UInt64, deadline: DeadlineInfo) throws -> ChainEpoch {
        let period = deadline.wPoStProvingPeriod
        guard period > 0 else { throw RPCError(.methodError, "the miner's proving period is \(period) epochs; cannot align the deal's end") }
        guard let duration = ChainEpoch(exactly: minDuration) else { throw outOfRange("MinBlocksDuration \(minDuration)") }
        let (minimum, overflow) = start.addingReportingOverflow(duration)
        guard !overflow, minimum <= ChainEpoch.max - 3 * period else {
            throw outOfRange("a deal starting at epoch \(start) for \(minDuration) epochs")
        }
        var end = minimum + period - (minimum % period) + (deadline.periodStart % period) - 1
        while end < minimum { end += period }
        return end
    }

    /// The padded size of an unpadded piece size (`abi.UnpaddedPieceSize.Padded`), which must be 127 × 2^k bytes.
    static func paddedPieceSize(unpadded: UInt64) throws -> UInt64 {
        let (padded, overflow) = (unpadded / 127).multipliedReportingOverflow(by: 128)
        guard unpadded >= 127, unpadded % 127 == 0, !overflow, padded.nonzeroBitCount == 1 else {
            throw RPCError(
                .methodError,
                "piece size \(unpadded) is not an unpadded piece size: it must be 127 × 2^k bytes (2032 for a 2 KiB piece, "
                    + "8323072 for 8 MiB), as `lotus client commP` prints it")
        }
        return padded
    }

    /// go-fil-markets' deal label (`clientutils.LabelField`): the data root CID in multibase base64url (`u…`).
    static func label(root: CID) -> String {
        let base64 = Data(root.bytes).base64EncodedString()
        return "u" + String(base64.map { $0 == "+" ? "-" : $0 == "/" ? "_" : $0 }.filter { $0 != "=" })
    }

    /// A caller's amount, which must lie in 0…total supply.
    static func checkAmount(_ amount: TokenAmount, _ name: String) throws {
        guard !amount.isNegative, amount <= .totalSupply else {
            throw RPCError(.methodError, "\(name) \(amount) attoFIL is out of range: it must lie between 0 and the total supply")
        }
    }

    /// What the client's escrow must cover for `proposal` (`ClientBalanceRequirement`): price × duration + client
    /// collateral.
    static func clientRequirement(_ proposal: DealProposal) throws -> TokenAmount {
        guard let total = proposal.storagePricePerEpoch.multipliedReportingOverflow(by: proposal.duration) else {
            throw outOfRange("price \(proposal.storagePricePerEpoch) × \(proposal.duration) epochs")
        }
        let requirement = total + proposal.clientCollateral
        try checkAmount(requirement, "the deal's total price")
        return requirement
    }

    static func outOfRange(_ what: String) -> RPCError {
        RPCError(.methodError, "\(what) is out of range")
    }
}
