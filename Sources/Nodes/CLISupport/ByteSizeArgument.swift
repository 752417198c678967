import Foundation

/// A size as Lotus's commands read one (go-units `RAMInBytes`): a number and an optional binary unit, `256B`, `2KiB`,
/// `32GiB`, `1m`, `512 MiB`; units are powers of 1024.
public enum ByteSizeArgument {
    /// The size in bytes.
    /// - Throws: ``CLIError`` naming the text when it is not a size or overflows.
    public static func parse(_ text: String) throws -> UInt64 {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix { $0.isNumber }
        guard !digits.isEmpty, let number = UInt64(digits) else { throw CLIError("invalid size '\(text)': expected a number such as 256B or 32GiB") }
        var unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces).lowercased()
        if unit.hasSuffix("b") { unit.removeLast() }
        if unit.hasSuffix("i") { unit.removeLast() }
        let powers: [String: UInt64] = ["": 0, "k": 1, "m": 2, "g": 3, "t": 4, "p": 5]
        guard let power = powers[unit] else { throw CLIError("invalid size '\(text)': unknown unit") }
        var value = number
        for _ in 0..<power {
            let (next, overflow) = value.multipliedReportingOverflow(by: 1024)
            guard !overflow else { throw CLIError("invalid size '\(text)': too large") }
            value = next
        }
        return value
    }
}
