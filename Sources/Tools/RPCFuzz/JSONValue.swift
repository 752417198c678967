import RPCAuth

/// A JSON value as the fuzzer sends it. Numbers are kept as their literal text, so values beyond any Swift
/// integer type (`18446744073709551616`, `1e400`) can be written exactly.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    /// A number literal, written as is.
    case number(String)
    case string(String)
    case array([JSONValue])
    /// Members in order; a key may repeat (hostile input does that too).
    case object([(key: String, value: JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text == rhs.text }

    /// The JSON text.
    public var text: String {
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let value): out += value ? "true" : "false"
        case .number(let literal): out += literal
        case .string(let string): JSONValue.writeString(string, to: &out)
        case .array(let elements):
            out += "["
            for (index, element) in elements.enumerated() {
                if index > 0 { out += "," }
                element.write(to: &out)
            }
            out += "]"
        case .object(let members):
            out += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { out += "," }
                JSONValue.writeString(member.key, to: &out)
                out += ":"
                member.value.write(to: &out)
            }
            out += "}"
        }
    }

    static func writeString(_ string: String, to out: inout String) { out += GoJSON.quote(string) }
}
