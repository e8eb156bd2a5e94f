/// The compiled allowlists as the evaluator reads them: every list's ``RangeTable`` in one
/// flat buffer, and for each organization where the list that is its only security setting
/// (an allowlist applies and no MFA enforcement does) starts, or -1.
///
/// With it, a request inside such an organization's list is recognised with three
/// dependent loads (the organization's entry, the list's index, one range), without the
/// security state's arrays.
@usableFromInline
final class FrozenAllowlists: Sendable {
  /// For each organization whose only security setting is an allowlist: where its
  /// ``RangeTable`` starts in ``words``, shifted left by ``bitsShift``, with the table's
  /// IPv4 index bits in the low bits; -1 for every other organization.
  let onlyList: Frozen<Int32>
  /// Every list's ``RangeTable``, one after the other.
  let words: Frozen<UInt64>

  init(_ allowlists: [IPAllowlist], orgAllowlist: [Int32], orgMFA: [MFAEnforcement?]) {
    var starts: [Int] = []
    var words: [UInt64] = []
    for list in allowlists {
      starts.append(words.count)
      words += list.table
    }
    // Each entry is the list's start word shifted past its IPv4 index bits (so that an
    // IPv4 lookup needs no header load); a start too far to encode sends the organization
    // down the general security path, which decides the same, more slowly.
    let encodable = words.count < Int(Int32.max) >> Self.bitsShift
    let entries = allowlists.indices.map { l -> Int32 in
      guard encodable else { return -1 }
      let bits = RangeTable.ipv4IndexBits(allowlists[l].table[0])
      return Int32(truncatingIfNeeded: starts[l] << Self.bitsShift | bits)
    }
    onlyList = Frozen(
      orgAllowlist.indices.map { org in
        let list = Int(orgAllowlist[org])
        return orgMFA[org] == nil && list >= 0 ? entries[list] : -1
      })
    self.words = Frozen(words)
  }

  /// How far an ``onlyList`` entry shifts its start word (the index bits fill the rest).
  @inlinable static var bitsShift: Int { 5 }

  /// The pointers ``HotTables`` keeps.
  var hot: HotAllowlists {
    HotAllowlists(onlyList: onlyList.base, words: words.base)
  }
}

/// ``FrozenAllowlists`` as plain pointers, owned by the snapshot's security state.
@usableFromInline
struct HotAllowlists {
  @usableFromInline let onlyList: UnsafeMutablePointer<Int32>
  @usableFromInline let words: UnsafeMutablePointer<UInt64>

  /// Whether `address` is inside the allowlist that is organization `org`'s only security
  /// setting; false when the organization has another setting or no allowlist.
  @inlinable @inline(__always)
  func admitsOnlyByList(_ address: IPAddress, org: Int) -> Bool {
    let entry = Int(onlyList[org])
    guard entry >= 0 else { return false }
    let table = words + (entry &>> FrozenAllowlists.bitsShift)
    guard address.isIPv4 else { return RangeTable.contains(address, in: table) }
    let bits = entry & (1 << FrozenAllowlists.bitsShift &- 1)
    return RangeTable.containsIPv4(UInt32(truncatingIfNeeded: address.low), table, bits: bits)
  }
}
