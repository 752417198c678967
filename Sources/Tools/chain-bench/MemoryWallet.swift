import ChainTypes
import FullNode
import FullNodeAPI
import Synchronization

/// The bench's wallet: keys held in memory only (the daemon's ``DaemonNode/KeystoreWallet`` writes files, which
/// the bench does not measure).
final class MemoryWallet: WalletStore {
    private let state = Mutex<(keys: [Address: WalletKey], defaultAddress: Address?)>(([:], nil))

    /// A wallet holding `keys`, the first one the default.
    init(_ keys: [WalletKey]) {
        state.withLock { state in
            for key in keys { state.keys[key.address] = key }
            state.defaultAddress = keys.first?.address
        }
    }

    func addresses() throws -> [Address] { state.withLock { $0.keys.keys.sorted() } }
    func key(for address: Address) throws -> WalletKey? { state.withLock { $0.keys[address] } }
    func add(_ key: WalletKey) throws { state.withLock { $0.keys[key.address] = key } }
    func defaultAddress() throws -> Address? { state.withLock { $0.defaultAddress } }

    func setDefault(_ address: Address) throws {
        let held = state.withLock { state in
            guard state.keys[address] != nil else { return false }
            state.defaultAddress = address
            return true
        }
        guard held else { throw BenchFailure("the bench wallet does not hold \(address)") }
    }
}

/// A bench failure with what went wrong.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
