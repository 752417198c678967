import ChainState
import ChainTypes
import Foundation
import Multiformats

extension ActorView {
    /// The view of `record`.
    init(_ record: ActorRecord) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bytes = (try? encoder.encode(record)).map { Array($0) } ?? []
        self.init(
            code: CID(codec: .raw, multihash: .identity(Array("fil/8/\(record.code.rawValue)".utf8))),
            head: CID.dagCBORBlake2b256(of: bytes), nonce: record.nonce, balance: record.balance)
    }
}
