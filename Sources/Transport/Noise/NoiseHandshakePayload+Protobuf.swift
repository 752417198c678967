import Multiformats

extension NoiseHandshakePayload {
    /// The protobuf encoding: fields 1, 2 and (if present) 4, in field order.
    public func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        writer.writeBytes(identityKey, field: 1)
        writer.writeBytes(identitySignature, field: 2)
        if let extensions { writer.writeBytes(extensions.encoded(), field: 4) }
        return writer.bytes
    }

    /// Decodes a payload; unknown fields are skipped, a repeated singular field keeps its last value.
    /// - Throws: ``NoiseError`` `.invalidPayload` for malformed protobuf, a known field with the wrong
    ///   wire type, or a missing identity key or signature.
    public init(decoding bytes: [UInt8]) throws {
        var identityKey: [UInt8]?
        var identitySignature: [UInt8]?
        var extensions: NoiseExtensions?
        do {
            var reader = try ProtobufReader(bytes)
            while let field = try reader.next() {
                switch (field.number, field.value) {
                case (1, .bytes(let value)): identityKey = value
                case (2, .bytes(let value)): identitySignature = value
                case (4, .bytes(let value)): extensions = try NoiseExtensions(decoding: value)
                case (1, _), (2, _), (4, _):
                    throw NoiseError(.invalidPayload, "the peer's Noise handshake payload has field \(field.number) with the wrong wire type")
                default: continue
                }
            }
        } catch let error as NoiseError {
            throw error
        } catch {
            throw NoiseError(.invalidPayload, "the peer's Noise handshake payload is not a valid protobuf: \(error)")
        }
        guard let identityKey, !identityKey.isEmpty else {
            throw NoiseError(.invalidPayload, "the peer's Noise handshake payload has no identity_key; it cannot be authenticated")
        }
        guard let identitySignature, !identitySignature.isEmpty else {
            throw NoiseError(.invalidPayload, "the peer's Noise handshake payload has no identity_sig; it cannot be authenticated")
        }
        self.init(identityKey: identityKey, identitySignature: identitySignature, extensions: extensions)
    }
}

extension NoiseExtensions {
    /// The protobuf encoding: every cert hash (field 1), then every muxer (field 2).
    public func encoded() -> [UInt8] {
        var writer = ProtobufWriter()
        for hash in webtransportCerthashes { writer.writeBytes(hash, field: 1) }
        for muxer in streamMuxers { writer.writeString(muxer, field: 2) }
        return writer.bytes
    }

    /// Decodes extensions; unknown fields are skipped.
    /// - Throws: ``NoiseError`` `.invalidPayload` for malformed protobuf, a wrong wire type or a muxer name that is not UTF-8.
    public init(decoding bytes: [UInt8]) throws {
        var hashes: [[UInt8]] = []
        var muxers: [String] = []
        do {
            var reader = try ProtobufReader(bytes)
            while let field = try reader.next() {
                switch (field.number, field.value) {
                case (1, .bytes(let value)): hashes.append(value)
                case (2, .bytes(let value)):
                    guard let name = String(validating: value, as: UTF8.self) else {
                        throw NoiseError(.invalidPayload, "a stream muxer name in the peer's Noise extensions is not UTF-8")
                    }
                    muxers.append(name)
                case (1, _), (2, _):
                    throw NoiseError(.invalidPayload, "the peer's Noise extensions have field \(field.number) with the wrong wire type")
                default: continue
                }
            }
        } catch let error as NoiseError {
            throw error
        } catch {
            throw NoiseError(.invalidPayload, "the peer's Noise extensions are not a valid protobuf: \(error)")
        }
        self.init(webtransportCerthashes: hashes, streamMuxers: muxers)
    }
}
