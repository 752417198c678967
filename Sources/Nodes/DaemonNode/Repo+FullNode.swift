import Foundation
import Repo

extension Repo {
    /// `<repo>/datastore/chain.sqlite`: the chain daemon's tipsets, messages, receipts and actor state.
    public var chainDatabasePath: String {
        (datastoreDirectory as NSString).appendingPathComponent("chain.sqlite")
    }
}
