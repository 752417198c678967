import Multiformats
import NetAPI

/// Turns `net connect` / `net ping` arguments into peers to dial, as Lotus's `addrutil.ParseAddresses`:
/// each argument is a multiaddr ending in `/p2p/<peer ID>`; addresses of the same peer are grouped, in order.
public enum PeerAddressArguments {
    /// - Throws: ``CLIError`` naming the argument and the form expected.
    public static func parse(_ arguments: [String]) throws -> [PeerAddrInfo] {
        var infos: [PeerAddrInfo] = []
        for argument in arguments {
            let address: Multiaddr
            do {
                address = try Multiaddr(argument)
            } catch {
                throw CLIError("'\(argument)' is not a multiaddr (\(error)); use the form /ip4/HOST/tcp/PORT/p2p/12D3KooW…")
            }
            guard let peer = address.peerID else {
                throw CLIError("'\(argument)' has no /p2p/<peer ID> part; use the form /ip4/HOST/tcp/PORT/p2p/12D3KooW…")
            }
            let transport = address.decapsulate(.p2p)
            let addrs = transport.components.isEmpty ? [] : [transport]
            if let index = infos.firstIndex(where: { $0.id == peer }) {
                infos[index].addrs += addrs
            } else {
                infos.append(PeerAddrInfo(id: peer, addrs: addrs))
            }
        }
        return infos
    }

    /// Parses a peer ID argument (base58 `12D3KooW…`/`Qm…` or its CID form).
    /// - Throws: ``CLIError`` naming the argument.
    public static func peerID(_ argument: String) throws -> PeerID {
        do {
            return try PeerID(argument)
        } catch {
            throw CLIError("'\(argument)' is not a peer ID (\(error)); expected the form 12D3KooW…")
        }
    }
}
