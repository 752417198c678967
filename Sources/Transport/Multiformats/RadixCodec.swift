/// Text in a radix that does not divide a byte evenly (base58, base36): the bytes are read as one big-endian
/// number written in the alphabet, and each leading `0x00` byte is one leading zero digit.
///
/// The conversion is quadratic in the length, so ``decode(ascii:)`` refuses text longer than
/// ``maxDecodeLength`` characters; identifiers written this way are far shorter.
struct RadixCodec: Sendable {
    /// Longest text ``decode(ascii:)`` accepts.
    static let maxDecodeLength = 4096

    /// Name for error messages (`base58`).
    let name: String
    private let alphabet: [UInt8]
    /// Maps an ASCII byte to its digit value, or 0xFF when it is not in the alphabet.
    private let reverse: [UInt8]

    init(name: String, alphabet text: String) {
        self.name = name
        alphabet = Array(text.utf8)
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, char) in alphabet.enumerated() { table[Int(char)] = UInt8(index) }
        reverse = table
    }

    private var radix: UInt32 { UInt32(alphabet.count) }

    /// Encodes `bytes`.
    func encode(_ bytes: some Collection<UInt8>) -> String {
        let input = Array(bytes)
        let zeros = input.firstIndex { $0 != 0 } ?? input.count
        // Little-endian digits of the number formed by the bytes after the leading zeros.
        var digits: [UInt8] = []
        digits.reserveCapacity((input.count - zeros) * 2 + 1)
        for byte in input[zeros...] {
            var carry = UInt32(byte)
            for index in digits.indices {
                carry += UInt32(digits[index]) << 8
                digits[index] = UInt8(carry % radix)
                carry /= radix
            }
            while carry > 0 {
                digits.append(UInt8(carry % radix))
                carry /= radix
            }
        }
        var out = [UInt8](repeating: alphabet[0], count: zeros)
        out.reserveCapacity(zeros + digits.count)
        for digit in digits.reversed() { out.append(alphabet[Int(digit)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes ASCII characters in this alphabet.
    ///
    /// - Throws: ``MultiformatsError`` of kind ``MultiformatsError/Kind/invalidEncoding`` for a character
    ///   outside the alphabet or text longer than ``maxDecodeLength``.
    func decode(ascii chars: some Collection<UInt8>) throws(MultiformatsError) -> [UInt8] {
        guard chars.count <= Self.maxDecodeLength else {
            throw MultiformatsError(
                .invalidEncoding, "\(name): \(chars.count) characters is longer than the \(Self.maxDecodeLength) accepted")
        }
        var zeros = 0
        var leading = true
        // Little-endian bytes of the number formed by the digits after the leading zero digits.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(chars.count)
        var position = 0
        for char in chars {
            let digit = reverse[Int(char)]
            if digit == 0xFF {
                let shown = (0x21...0x7E).contains(char) ? "'\(Character(Unicode.Scalar(char)))'" : "0x" + String(char, radix: 16)
                throw MultiformatsError(
                    .invalidEncoding, "\(name): character \(shown) at offset \(position) is not in the \(name) alphabet")
            }
            position += 1
            if leading && digit == 0 {
                zeros += 1
                continue
            }
            leading = false
            var carry = UInt32(digit)
            for index in bytes.indices {
                carry += UInt32(bytes[index]) * radix
                bytes[index] = UInt8(truncatingIfNeeded: carry)
                carry >>= 8
            }
            while carry > 0 {
                bytes.append(UInt8(truncatingIfNeeded: carry))
                carry >>= 8
            }
        }
        return [UInt8](repeating: 0, count: zeros) + bytes.reversed()
    }
}
