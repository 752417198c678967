/// The single-value container of ``SynthesisDecoder``: primitives get samples (boundary integers, learned
/// strings); any other type decodes itself from the same node.
struct SynthesisSingleValue: SingleValueDecodingContainer {
    let decoder: SynthesisDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool {
        guard decoder.tooDeep || decoder.context.random.chance(1, in: 8) else { return false }
        decoder.leaf(.null)
        return true
    }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try sample(T.self) }

    /// A recorded sample of a primitive `T`, or `T` decoded from this node.
    private func sample<T: Decodable>(_ type: T.Type) throws -> T {
        let value: Any
        switch type {
        case is Bool.Type: value = decoder.sampleBool()
        case is String.Type: value = decoder.sampleString()
        case is Double.Type: value = decoder.sampleFloat(Double.self)
        case is Float.Type: value = decoder.sampleFloat(Float.self)
        case is Int.Type: value = decoder.sampleInteger(Int.self)
        case is Int8.Type: value = decoder.sampleInteger(Int8.self)
        case is Int16.Type: value = decoder.sampleInteger(Int16.self)
        case is Int32.Type: value = decoder.sampleInteger(Int32.self)
        case is Int64.Type: value = decoder.sampleInteger(Int64.self)
        case is Int128.Type: value = decoder.sampleInteger(Int128.self)
        case is UInt.Type: value = decoder.sampleInteger(UInt.self)
        case is UInt8.Type: value = decoder.sampleInteger(UInt8.self)
        case is UInt16.Type: value = decoder.sampleInteger(UInt16.self)
        case is UInt32.Type: value = decoder.sampleInteger(UInt32.self)
        case is UInt64.Type: value = decoder.sampleInteger(UInt64.self)
        case is UInt128.Type: value = decoder.sampleInteger(UInt128.self)
        default: return try decodeComposite(T.self)
        }
        guard let typed = value as? T else {
            throw DecodingError.typeMismatch(T.self, .init(codingPath: codingPath, debugDescription: "sample of the wrong type"))
        }
        return typed
    }

    /// `T` decoded from this node; a composite value that refuses its samples (a CID, an address, an amount) is
    /// sampled again here, so one refusal does not spoil a whole param with several such fields. Retries share a
    /// bounded budget per synthesis run, so nested refusals cannot multiply.
    private func decodeComposite<T: Decodable>(_ type: T.Type) throws -> T {
        while true {
            do {
                return try T(from: decoder)
            } catch {
                guard decoder.context.retries < SynthesisContext.retryBudget else { throw error }
                decoder.context.retries += 1
                decoder.node.shape = .unset
            }
        }
    }

    // The concrete overloads share the generic sampler.
    func decode(_ type: Bool.Type) throws -> Bool { try sample(Bool.self) }
    func decode(_ type: String.Type) throws -> String { try sample(String.self) }
    func decode(_ type: Double.Type) throws -> Double { try sample(Double.self) }
    func decode(_ type: Float.Type) throws -> Float { try sample(Float.self) }
    func decode(_ type: Int.Type) throws -> Int { try sample(Int.self) }
    func decode(_ type: Int8.Type) throws -> Int8 { try sample(Int8.self) }
    func decode(_ type: Int16.Type) throws -> Int16 { try sample(Int16.self) }
    func decode(_ type: Int32.Type) throws -> Int32 { try sample(Int32.self) }
    func decode(_ type: Int64.Type) throws -> Int64 { try sample(Int64.self) }
    func decode(_ type: UInt.Type) throws -> UInt { try sample(UInt.self) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try sample(UInt8.self) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try sample(UInt16.self) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try sample(UInt32.self) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try sample(UInt64.self) }
}
