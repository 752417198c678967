import MinerConfig

/// Writes a configuration (``MinerConfig``, the full node's) as TOML the way Lotus does: Go BurntSushi encoder layout (tables in schema order, two
/// spaces of indent per nesting level, a blank line before each top-level table), optionally passed through Lotus's
/// `ConfigUpdate` commenting (docs, `# type:`, `# env var:`, default values commented out).
struct ConfigRenderer<Config: ConfigDocument> {
    /// One line of encoder output.
    private enum Line {
        case blank
        case header(indent: Int, name: String)
        /// `key = value`; `field` is `nil` for a map entry (Lotus finds no doc for those).
        case value(indent: Int, section: String, key: String, text: String, field: ConfigField<Config>?, isDefault: Bool)
    }

    let config: Config
    /// Values equal to these are commented out in commented output; `nil` comments out every value.
    let defaults: Config?

    /// Plain TOML, as Lotus's `toml.NewEncoder(...).Encode(cfg)`; ends with a newline.
    func plain() -> String {
        lines().map(plainText).joined(separator: "\n") + "\n"
    }

    /// Lotus `ConfigUpdate(cfg, defaults, comment: true)` output.
    func commented() -> String {
        var out: [String] = []
        for line in lines() + [.blank] {
            switch line {
            case .blank:
                out.append("")
            case .header:
                out.append(plainText(line))
            case .value(let indent, let section, let key, _, let field, let isDefault):
                let pad = String(repeating: "  ", count: indent)
                if let field {
                    if field.commentStyle == .docAndType, !field.doc.isEmpty {
                        let docLines = field.doc.split(separator: "\n", omittingEmptySubsequences: false)
                        out += docLines.map { pad + "# " + $0 }
                        out.append(pad + "#")
                    }
                    if field.commentStyle != .envOnly {
                        out.append(pad + "# type: " + field.goType)
                    }
                }
                out.append(pad + "# env var: " + Self.environmentVariable(section: section, key: key))
                let text = plainText(line).dropFirst(pad.count)
                out.append(pad + (defaults == nil || isDefault ? "#" : "") + text)
                out.append("")
            }
        }
        return out.joined(separator: "\n")
    }

    /// `LOTUS_<SECTION>_<KEY>` as Lotus prints it in comments.
    static func environmentVariable(section: String, key: String) -> String {
        "LOTUS_" + String(section.map { $0 == "." ? "_" : $0 }).uppercased() + "_" + key.uppercased()
    }

    private func plainText(_ line: Line) -> String {
        switch line {
        case .blank:
            return ""
        case .header(let indent, let name):
            return String(repeating: "  ", count: indent) + "[" + name + "]"
        case .value(let indent, _, let key, let text, _, _):
            return String(repeating: "  ", count: indent) + key + " = " + text
        }
    }

    private func lines() -> [Line] {
        var lines: [Line] = []
        for section in Config.configSections {
            if section.depth == 0, !lines.isEmpty { lines.append(.blank) }
            lines.append(.header(indent: section.depth, name: section.name))
            var maps: [(ConfigField<Config>, [String: String])] = []
            for field in section.fields {
                guard let value = field.value(in: config) else { continue }
                if case .stringMap(let map) = value {
                    maps.append((field, map))
                    continue
                }
                let isDefault = defaults.map { field.value(in: $0) == value } ?? false
                lines.append(
                    .value(
                        indent: section.depth + 1, section: section.name, key: field.key, text: value.description,
                        field: field, isDefault: isDefault))
            }
            for (field, map) in maps {
                let name = section.name + "." + field.key
                let defaultMap: [String: String]? = defaults.flatMap {
                    if case .stringMap(let m) = field.value(in: $0) { return m }
                    return nil
                }
                lines.append(.header(indent: section.depth + 1, name: name))
                for key in map.keys.sorted() {
                    let value = map[key] ?? ""
                    lines.append(
                        .value(
                            indent: section.depth + 2, section: name, key: ConfigValue.tomlKey(key),
                            text: ConfigValue.string(value).description, field: nil,
                            isDefault: defaultMap?[key] == value))
                }
            }
        }
        return lines
    }
}
