import Clearance

/// Arrays and string-keyed dictionaries decoded element by element, every bad element
/// reported (the standard library's own decoding stops at the first).
protocol TapeDecodableArray {
  static func decodeElements(_ decoder: TapeDecoder) throws -> Self
}

/// See ``TapeDecodableArray``.
protocol TapeDecodableDictionary {
  static func decodeElements(_ decoder: TapeDecoder) throws -> Self
}

extension Array: TapeDecodableArray where Element: Decodable {
  static func decodeElements(_ decoder: TapeDecoder) throws -> [Element] {
    let tape = decoder.tape
    var result: [Element] = []
    result.reserveCapacity(Int(decoder.node.length))
    var issues: [DecodeIssue] = []
    var child = decoder.index + 1
    let end = Int(decoder.node.end)
    while child < end {
      do {
        result.append(try TapeDecoder(tape, child).decode(Element.self))
      } catch {
        issues += DecodeFailures.issues(from: error, in: tape, at: child)
        if issues.count > tape.limits.maxIssues { break }
      }
      child = Int(tape.nodes[child].end)
    }
    guard issues.isEmpty else { throw DecodeFailures(issues: issues) }
    return result
  }
}

extension Dictionary: TapeDecodableDictionary where Key == String, Value: Decodable {
  static func decodeElements(_ decoder: TapeDecoder) throws -> [String: Value] {
    let tape = decoder.tape
    var result: [String: Value] = [:]
    var issues: [DecodeIssue] = []
    var key = decoder.index + 1
    let end = Int(decoder.node.end)
    while key < end {
      let valueIndex = key + 1
      if decoder.mask?.hides(tape, key: key) != true {
        do {
          let name = tape.string(key)
          let value = try TapeDecoder(tape, valueIndex).decode(Value.self)
          if result.updateValue(value, forKey: name) != nil {
            // Different bytes, but canonically equivalent as Swift strings.
            issues.append(
              DecodeIssue(
                path: tape.codingPath(of: valueIndex), code: .duplicate,
                message: "key \"\(name)\" is canonically equivalent to an earlier key"))
          }
        } catch {
          issues += DecodeFailures.issues(from: error, in: tape, at: valueIndex)
          if issues.count > tape.limits.maxIssues { break }
        }
      }
      key = Int(tape.nodes[valueIndex].end)
    }
    guard issues.isEmpty else { throw DecodeFailures(issues: issues) }
    return result
  }
}
