/// Prints a ``JSONValue`` the way Clearance writes its documents: two-space indentation,
/// `"key" : value`, keys sorted by their UTF-8 bytes, `/` not escaped, non-ASCII text as is,
/// and a final newline. The same value always gives the same bytes.
struct JSONWriter {
  var output: [UInt8] = []

  static func write(_ value: JSONValue) -> [UInt8] {
    var writer = JSONWriter()
    writer.write(value, indent: 0)
    writer.output.append(0x0A)
    return writer.output
  }

  mutating func write(_ value: JSONValue, indent: Int) {
    switch value {
    case .null: output += "null".utf8
    case .bool(let flag): output += (flag ? "true" : "false").utf8
    case .number(let text): output += text.utf8
    case .string(let text): writeString(text)
    case .array(let items):
      output.append(UInt8(ascii: "["))
      writeItems(items.count, indent: indent) { writer, i in
        writer.write(items[i], indent: indent + 2)
      }
      output.append(UInt8(ascii: "]"))
    case .object(let members):
      let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
      output.append(UInt8(ascii: "{"))
      writeItems(sorted.count, indent: indent) { writer, i in
        writer.writeString(sorted[i].key)
        writer.output += " : ".utf8
        writer.write(sorted[i].value, indent: indent + 2)
      }
      output.append(UInt8(ascii: "}"))
    }
  }

  /// A newline, the items each on its own line, a newline and the closing indentation.
  mutating func writeItems(_ count: Int, indent: Int, _ item: (inout JSONWriter, Int) -> Void) {
    output.append(0x0A)
    if count == 0 { output.append(0x0A) }
    for i in 0..<count {
      if i > 0 { output += ",\n".utf8 }
      output += repeatElement(UInt8(ascii: " "), count: indent + 2)
      item(&self, i)
    }
    if count > 0 { output.append(0x0A) }
    output += repeatElement(UInt8(ascii: " "), count: indent)
  }

  mutating func writeString(_ text: String) {
    output.append(UInt8(ascii: "\""))
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""): output += "\\\"".utf8
      case UInt8(ascii: "\\"): output += "\\\\".utf8
      case 0x08: output += "\\b".utf8
      case 0x0C: output += "\\f".utf8
      case 0x0A: output += "\\n".utf8
      case 0x0D: output += "\\r".utf8
      case 0x09: output += "\\t".utf8
      case 0..<0x20: output += "\\u00\(hex(byte).lowercased())".utf8
      default: output.append(byte)
      }
    }
    output.append(UInt8(ascii: "\""))
  }
}
