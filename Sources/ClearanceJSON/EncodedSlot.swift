/// Where an encoded value lives until the tree is finished.
enum EncodedSlot {
  case value(JSONValue)
  case object(ObjectBox)
  case array(ArrayBox)
  case encoder(TreeEncoder)

  var value: JSONValue {
    switch self {
    case .value(let value): value
    case .object(let box): .object(box.members.map { JSONValue.Member($0.key, $0.slot.value) })
    case .array(let box): .array(box.items.map(\.value))
    case .encoder(let encoder): encoder.value
    }
  }
}

final class ObjectBox {
  var members: [(key: String, slot: EncodedSlot)] = []
  /// Positions by key bytes, built once the object is large.
  var positions: [[UInt8]: Int] = [:]

  func set(_ key: String, _ slot: EncodedSlot) {
    if members.count < 16 {
      if let i = members.firstIndex(where: { $0.key.utf8.elementsEqual(key.utf8) }) {
        members[i].slot = slot
        return
      }
    } else {
      if positions.isEmpty {
        for (i, member) in members.enumerated() { positions[Array(member.key.utf8)] = i }
      }
      if let i = positions[Array(key.utf8)] {
        members[i].slot = slot
        return
      }
      positions[Array(key.utf8)] = members.count
    }
    members.append((key, slot))
  }
}

final class ArrayBox {
  var items: [EncodedSlot] = []
}
