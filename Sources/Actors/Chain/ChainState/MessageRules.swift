import ChainTypes

/// The syntactic checks every message must pass to be included in a block (Lotus `ValidForBlockInclusion`),
/// shared by the message pool and the VM.
public enum MessageRules {
    /// Why `message` may not be included, or `nil` if it may. `size` is the signed message's CBOR size.
    public static func invalidReason(_ message: Message, size: Int, network: NetworkParams) -> String? {
        if message.version != 0 { return "'Version' \(message.version) is unsupported (only 0)" }
        if message.value.isNegative { return "'Value' field cannot be negative" }
        if message.value > TokenAmount.totalSupply { return "'Value' field cannot be greater than total filecoin supply" }
        if message.gasFeeCap.isNegative { return "'GasFeeCap' field cannot be negative" }
        if message.gasPremium.isNegative { return "'GasPremium' field cannot be negative" }
        if message.gasFeeCap > TokenAmount.totalSupply {
            return "'GasFeeCap' field cannot be greater than total filecoin supply"
        }
        if message.gasPremium > message.gasFeeCap { return "'GasFeeCap' less than 'GasPremium'" }
        if message.gasLimit > network.blockGasLimit {
            return "'GasLimit' field cannot be greater than a block's gas limit (\(message.gasLimit) > \(network.blockGasLimit))"
        }
        if message.gasLimit <= 0 { return "'GasLimit' field cannot be less than or equal to 0" }
        let minimum = network.gas.onChainMessage(size: size)
        if message.gasLimit < minimum {
            return "'GasLimit' field cannot be less than the cost of storing a message on chain "
                + "(\(message.gasLimit) < \(minimum))"
        }
        return nil
    }

    /// Why the fields a caller of `MpoolPushMessage` chose cannot make a valid message, or `nil`: checked before
    /// the pool computes gas and fees from them, so no product or sum of caller-chosen amounts can overflow. Zero
    /// gas fields are filled in by the pool.
    public static func invalidChoice(_ message: Message, maxFee: TokenAmount?, network: NetworkParams) -> String? {
        let supply = TokenAmount.totalSupply
        let amounts = [("Value", message.value), ("GasFeeCap", message.gasFeeCap), ("GasPremium", message.gasPremium), ("MaxFee", maxFee ?? .zero)]
        for (name, amount) in amounts where amount.isNegative || amount > supply {
            return "'\(name)' \(amount) must be from 0 to the total filecoin supply \(supply)"
        }
        guard (0...network.blockGasLimit).contains(message.gasLimit) else {
            return "'GasLimit' \(message.gasLimit) must be from 0 (estimate it) to a block's gas limit \(network.blockGasLimit)"
        }
        return nil
    }
}
