import ChainTypes
import Multiformats
import StorageMarket

/// The provider's validity checks on a proposal, in go-fil-markets' order with its reason strings
/// (`providerstates.ValidateDealProposal`): a proposal that fails one is rejected before the acceptance policy
/// (``DealAcceptance``) is asked.
public struct ProposalValidation: Sendable {
    /// What the checks compare the proposal with, gathered from the chain and the provider's ask.
    public struct Facts: Sendable {
        /// This provider's miner address (ID form).
        public var provider: Address
        /// The provider's address as the proposal may name it (robust or ID form).
        public var providerAliases: Set<Address>
        public var head: ChainEpoch
        public var network: NetworkParams
        /// The client's key address (the signature's signer), if the client is an account on chain.
        public var clientKey: Address?
        /// What the client has free in market escrow.
        public var clientAvailable: TokenAmount
        /// The provider's ask: price per GiB per epoch (verified and not), piece size bounds.
        public var askPrice: TokenAmount
        public var askVerifiedPrice: TokenAmount
        public var minPieceSize: UInt64
        public var maxPieceSize: UInt64

        public init(
            provider: Address, providerAliases: Set<Address>, head: ChainEpoch, network: NetworkParams, clientKey: Address?,
            clientAvailable: TokenAmount, askPrice: TokenAmount, askVerifiedPrice: TokenAmount, minPieceSize: UInt64, maxPieceSize: UInt64
        ) {
            self.provider = provider
            self.providerAliases = providerAliases
            self.head = head
            self.network = network
            self.clientKey = clientKey
            self.clientAvailable = clientAvailable
            self.askPrice = askPrice
            self.askVerifiedPrice = askVerifiedPrice
            self.minPieceSize = minPieceSize
            self.maxPieceSize = maxPieceSize
        }
    }

    /// The most bytes a label may have (go-fil-markets `DealMaxLabelSize`).
    public static let maxLabelSize = 256

    /// `nil` when `deal` passes every check, else the reason the client is told.
    public static func reject(_ deal: ClientDealProposal, facts: Facts) -> String? {
        let p = deal.proposal
        guard let clientKey = facts.clientKey else {
            return "verifying StorageDealProposal: client \(p.client) is not an account on chain"
        }
        do {
            try WalletKey.verify(deal.clientSignature, data: p.cborBytes, signer: clientKey)
        } catch {
            return "verifying StorageDealProposal: could not verify signature: \(error)"
        }
        guard facts.providerAliases.contains(p.provider) else {
            return "incorrect provider for deal"
        }
        guard p.label.utf8.count <= maxLabelSize else {
            return "deal label can be at most \(maxLabelSize) bytes, is \(p.label.utf8.count)"
        }
        guard p.pieceSize >= 128, p.pieceSize & (p.pieceSize - 1) == 0 else {
            return "proposal piece size is invalid: padded piece size must be a power of 2 of at least 128, is \(p.pieceSize)"
        }
        guard p.pieceCID.codec == .filCommitmentUnsealed else {
            return "proposal PieceCID had wrong prefix"
        }
        guard p.endEpoch > p.startEpoch else {
            return "proposal end before proposal start"
        }
        guard facts.head <= p.startEpoch else {
            return "deal start epoch has already elapsed"
        }
        let duration = p.endEpoch.subtractingReportingOverflow(p.startEpoch)
        guard !duration.overflow, duration.partialValue >= facts.network.dealMinDuration, duration.partialValue <= facts.network.dealMaxDuration
        else {
            return "deal duration out of bounds (min, max, provided): \(facts.network.dealMinDuration), \(facts.network.dealMaxDuration), \(duration.overflow ? "overflow" : String(duration.partialValue))"
        }
        let askPrice = p.verifiedDeal ? facts.askVerifiedPrice : facts.askPrice
        guard let minPrice = Self.minimumPrice(askPerGiB: askPrice, pieceSize: p.pieceSize) else {
            return "storage price per epoch cannot be computed for a \(p.pieceSize)-byte piece"
        }
        guard p.storagePricePerEpoch >= minPrice else {
            return "storage price per epoch less than asking price: \(p.storagePricePerEpoch.attoFIL) < \(minPrice.attoFIL)"
        }
        guard p.pieceSize >= facts.minPieceSize else {
            return "piece size less than minimum required size: \(p.pieceSize) < \(facts.minPieceSize)"
        }
        guard p.pieceSize <= facts.maxPieceSize else {
            return "piece size more than maximum allowed size: \(p.pieceSize) > \(facts.maxPieceSize)"
        }
        guard !p.storagePricePerEpoch.isNegative, !p.clientCollateral.isNegative, !p.providerCollateral.isNegative,
            let total = p.storagePricePerEpoch.multipliedReportingOverflow(by: duration.partialValue)
        else {
            return "proposal price and collaterals must be non-negative and within the total supply"
        }
        let (needed, overflow) = total.attoFIL.addingReportingOverflow(p.clientCollateral.attoFIL)
        guard !overflow, facts.clientAvailable.attoFIL >= needed else {
            return "clientMarketBalance.Available too small: \(facts.clientAvailable.attoFIL) < \(overflow ? "overflow" : String(needed))"
        }
        guard !p.verifiedDeal else {
            return "verified deal DataCap too small for proposed piece size"
        }
        return nil
    }

    /// The least a deal of `pieceSize` padded bytes pays per epoch at `askPerGiB` (rounded down, as go-fil-markets).
    public static func minimumPrice(askPerGiB: TokenAmount, pieceSize: UInt64) -> TokenAmount? {
        let (product, overflow) = askPerGiB.attoFIL.multipliedReportingOverflow(by: Int128(pieceSize))
        guard !overflow else { return nil }
        return TokenAmount(attoFIL: product / Int128(1 << 30))
    }
}
