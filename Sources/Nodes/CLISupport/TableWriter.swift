/// Lotus's `lib/tablewriter` without borders: a header row of the column names, then one row per ``write(_:)``,
/// each cell left-aligned and padded to the column's width plus two spaces. Columns no row has a value for are
/// left out (so `Default` only shows when some address is the default). A column named in `separateLine` (Lotus's
/// `NewLineCol`) is printed under its row as `  Name: value` when the value is not empty — the header row's too.
public struct TableWriter: Sendable {
    private var columns: [(name: String, used: Bool)]
    private var rows: [[Int: String]] = []
    private let separateLine: Set<String>

    /// A table with `columns` in this order; those in `separateLine` go on a line of their own under each row.
    public init(_ columns: [String], separateLine: Set<String> = []) {
        self.columns = columns.map { ($0, false) }
        self.separateLine = separateLine
    }

    /// Adds a row; keys that are not columns yet become new columns at the end.
    public mutating func write(_ row: [String: String]) {
        var cells: [Int: String] = [:]
        for (name, value) in row.sorted(by: { $0.key < $1.key }) {
            if let index = columns.firstIndex(where: { $0.name == name }) {
                cells[index] = value
                columns[index].used = true
            } else {
                columns.append((name, true))
                cells[columns.count - 1] = value
            }
        }
        rows.append(cells)
    }

    /// The table's text, one line per row, each ending with a newline.
    public func render() -> String {
        let header = Dictionary(uniqueKeysWithValues: columns.indices.map { ($0, columns[$0].name) })
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: columns.count)
        for index in columns.indices where columns[index].used {
            widths[index] = all.compactMap { $0[index]?.count }.max() ?? 0
        }
        var out = ""
        let inline = columns.indices.filter { columns[$0].used && !separateLine.contains(columns[$0].name) }
        let below = columns.indices.filter { columns[$0].used && separateLine.contains(columns[$0].name) }
        for row in all {
            for index in inline {
                let cell = row[index] ?? ""
                out += cell + String(repeating: " ", count: widths[index] - cell.count + 2)
            }
            out += "\n"
            for index in below {
                if let cell = row[index], !cell.isEmpty { out += "  \(columns[index].name): \(cell)\n" }
            }
        }
        return out
    }
}
