// libFuzzer target: the chain wire types a client sends — messages and signed messages in CBOR (CBORReader), and
// in JSON: messages, bitfields, addresses, amounts. Compiled into the ChainTypes module by scripts/fuzz.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChainTypes(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? Message(cborBytes: bytes)
    _ = try? SignedMessage(cborBytes: bytes)
    let json = Data(bytes)
    let decoder = JSONDecoder()
    _ = try? decoder.decode(Message.self, from: json)
    _ = try? decoder.decode(SignedMessage.self, from: json)
    _ = try? decoder.decode(BitField.self, from: json)
    _ = try? decoder.decode(TokenAmount.self, from: json)
    _ = try? Address(parsing: String(decoding: bytes, as: UTF8.self))
    return 0
}
