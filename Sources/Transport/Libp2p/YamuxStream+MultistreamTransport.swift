import MultistreamSelect
import Yamux

/// A yamux stream is a duplex byte stream, so multistream-select can negotiate each stream's protocol on it.
/// (Neither module knows the other; the host, which uses both, declares the conformance.)
extension YamuxStream: MultistreamTransport {}
