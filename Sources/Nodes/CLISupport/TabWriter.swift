/// Go's `text/tabwriter` as Lotus's commands set it up (`tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', 0)`) for tables
/// whose rows have the same number of cells: every cell but a row's last is padded to its column's widest cell plus
/// two spaces (at least two wide); the last cell is printed as it is. Unlike ``TableWriter``, the header is always
/// printed, rows or not — `lotus-miner proving faults` with no faults prints its header alone.
public struct TabWriter: Sendable {
    private var rows: [[String]] = []
    private let minWidth = 2
    private let padding = 2

    /// A table whose first row is `header`.
    public init(_ header: [String]) { rows = [header] }

    /// Adds a row.
    public mutating func row(_ cells: [String]) { rows.append(cells) }

    /// The table's text, a line per row.
    public func render() -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows {
            for (index, cell) in row.enumerated().dropLast() { widths[index] = max(widths[index], cell.count + padding, minWidth) }
        }
        var out = ""
        for row in rows {
            for (index, cell) in row.enumerated() {
                out += index == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[index] - cell.count)
            }
            out += "\n"
        }
        return out
    }
}
