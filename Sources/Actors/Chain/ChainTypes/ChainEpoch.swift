/// An epoch (block height), as go-state-types `abi.ChainEpoch`: genesis is 0.
public typealias ChainEpoch = Int64

/// A method number on an actor (go-state-types `abi.MethodNum`); 0 is a plain send.
public typealias MethodNumber = UInt64
