/// Appends `value` as a JSON string: quotes, backslashes and control characters escaped
/// (the library's own JSON output: filters and audit lines; `ClearanceJSON` has its writer).
func writeString(_ value: String, to out: inout String) {
  let hex: [Character] = Array("0123456789abcdef")
  out += "\""
  for scalar in value.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20:
      out += "\\u00"
      out.append(hex[Int(scalar.value >> 4)])
      out.append(hex[Int(scalar.value & 0xF)])
    default: out.unicodeScalars.append(scalar)
    }
  }
  out += "\""
}

/// `value` as a JSON string literal (see ``writeString(_:to:)``).
func jsonQuoted(_ value: String) -> String {
  var out = ""
  writeString(value, to: &out)
  return out
}
