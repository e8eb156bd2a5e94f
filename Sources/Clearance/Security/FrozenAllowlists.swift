/// The compiled allowlists as the evaluator reads them: every list's merged ranges in two
/// flat buffers, where each list starts in them, and for each organization the list that
/// is its only security setting (an allowlist applies and no MFA enforcement does), or -1.
///
/// With it, a request inside such an organization's list is recognised with plain loads
/// and one binary search, without the security state's arrays.
final class FrozenAllowlists: Sendable {
  let onlyList: Frozen<Int32>
  /// List `l`'s ranges are `starts[l] ..< starts[l + 1]`.
  let starts: Frozen<Int32>
  let lowers: Frozen<IPAddress>
  let uppers: Frozen<IPAddress>

  init(_ allowlists: [IPAllowlist], orgAllowlist: [Int32], orgMFA: [MFAEnforcement?]) {
    onlyList = Frozen(orgAllowlist.indices.map { orgMFA[$0] == nil ? orgAllowlist[$0] : -1 })
    var starts: [Int32] = [0]
    var lowers: [IPAddress] = []
    var uppers: [IPAddress] = []
    for list in allowlists {
      lowers += list.lowers
      uppers += list.uppers
      starts.append(Int32(lowers.count))
    }
    self.starts = Frozen(starts)
    self.lowers = Frozen(lowers)
    self.uppers = Frozen(uppers)
  }

  /// The pointers ``HotTables`` keeps.
  var hot: HotAllowlists {
    HotAllowlists(
      onlyList: onlyList.base, starts: starts.base, lowers: lowers.base, uppers: uppers.base)
  }
}

/// ``FrozenAllowlists`` as plain pointers, owned by the snapshot's security state.
struct HotAllowlists {
  let onlyList: UnsafeMutablePointer<Int32>
  let starts: UnsafeMutablePointer<Int32>
  let lowers: UnsafeMutablePointer<IPAddress>
  let uppers: UnsafeMutablePointer<IPAddress>

  /// Whether `address` is inside the allowlist that is organization `org`'s only security
  /// setting; false when the organization has another setting or no allowlist.
  @inline(__always)
  func admitsOnlyByList(_ address: IPAddress, org: Int) -> Bool {
    let list = Int(onlyList[org])
    guard list >= 0 else { return false }
    let start = Int(starts[list])
    let count = Int(starts[list &+ 1]) &- start
    return IPAllowlist.search(
      address, UnsafeBufferPointer(start: lowers + start, count: count),
      UnsafeBufferPointer(start: uppers + start, count: count))
  }
}
