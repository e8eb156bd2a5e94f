import ClearanceTestSupport
import Testing

@testable import Clearance

@Suite("Security — IP addresses and allowlists")
struct IPAllowlistTests {
  @Test func parsesAddressesStrictly() throws {
    #expect(IPAddress("203.0.113.42")?.description == "203.0.113.42")
    #expect(IPAddress("::ffff:203.0.113.42") == IPAddress("203.0.113.42"))
    #expect(IPAddress("::ffff:cb00:712a") == IPAddress("203.0.113.42"))
    #expect(IPAddress("2001:db8::1") == IPAddress("2001:0db8:0:0:0:0:0:1"))
    #expect(IPAddress("::") == IPAddress(high: 0, low: 0))
    #expect(IPAddress("1::") == IPAddress(high: 1 << 48, low: 0))
    for bad in [
      "", "1.2.3", "1.2.3.4.5", "01.2.3.4", "256.1.1.1", "1.2.3.-4", "1:2:3:4:5:6:7:8:9",
      "1::2::3", ":1:2:3:4:5:6:7", "12345::", "fe80::1%eth0", "1:2:3:4:5:6:7:8::", "g::",
      "1.2.3.4::", "::1.2.3", " 1.2.3.4",
    ] {
      #expect(IPAddress(bad) == nil, "\(bad)")
    }
  }

  @Test func parsesRangesAndRefusesHostBits() throws {
    let block = try IPRange(parsing: "192.168.1.0/24")
    #expect(block.contains(try #require(IPAddress("192.168.1.255"))))
    #expect(!block.contains(try #require(IPAddress("192.168.2.0"))))
    #expect(block.contains(try #require(IPAddress("::ffff:192.168.1.7"))))
    #expect(try IPRange(parsing: "0.0.0.0/0").contains(try #require(IPAddress("9.9.9.9"))))
    #expect(!(try IPRange(parsing: "0.0.0.0/0").contains(try #require(IPAddress("::1")))))
    #expect(try IPRange(parsing: "::/0").contains(try #require(IPAddress("::1"))))
    for bad in ["192.168.1.5/24", "1.2.3.0/33", "1.2.3.0/024", "1.2.3.0/", "::/129", "x/8"] {
      #expect(throws: IPRangeError.self, "\(bad)") { try IPRange(parsing: bad) }
    }
  }

  @Test func malformedEntriesAreNamedByPlace() {
    do {
      _ = try IPAllowlist(["10.0.0.0/8", "10.0.0.300", "fe80::/10", "1.2.3.4/40"], path: "o.ip")
      Issue.record("expected an error")
    } catch {
      #expect(error.issues.map(\.path) == ["o.ip[1]", "o.ip[3]"])
    }
  }

  @Test func mergesTouchingAndOverlappingRanges() throws {
    let list = try IPAllowlist(["10.0.0.0/25", "10.0.0.128/25", "10.0.0.5", "11.0.0.0/8"])
    #expect(list.ranges.map(\.description) == ["10.0.0.0-10.0.0.255", "11.0.0.0-11.255.255.255"])
  }

  /// Random lists and addresses (IPv4, IPv4-mapped, IPv6 near the ranges) agree with a
  /// linear scan over the parsed entries.
  @Test func agreesWithBruteForceOnRandomRanges() throws {
    for seed in UInt64(1)...60 {
      var rng = SplitMix64(seed: seed)
      var entries: [String] = []
      for _ in 0..<rng.int(in: 0...40) { entries.append(Self.randomEntry(&rng)) }
      let list = try IPAllowlist(entries)
      let ranges = try entries.map { try IPRange(parsing: $0) }
      for _ in 0..<300 {
        let address = Self.randomAddress(&rng)
        let expected = ranges.contains { $0.contains(address) }
        #expect(list.contains(address) == expected, "seed \(seed) address \(address)")
        if address.isIPv4, let mapped = IPAddress("::ffff:" + address.description) {
          #expect(list.contains(mapped) == expected, "seed \(seed) mapped \(address)")
        }
      }
    }
  }

  /// Long lists spread over the whole IPv4 space (so that the radix index has many full
  /// buckets), crowded lists, and ranges that cross the IPv4-mapped block's edges agree
  /// with a linear scan, at every range's bounds and one address either side of them.
  @Test func largeAndCrossingListsAgreeWithBruteForce() throws {
    let crossing = ["::/0", "::/64", "::fffe:0:0/95", "::ffff:0:0/96", "0.0.0.0/0", "::/96"]
    for seed in UInt64(1)...6 {
      var rng = SplitMix64(seed: seed)
      var entries: [String] = []
      let crowded = seed.isMultiple(of: 3)
      for _ in 0..<rng.int(in: 100...600) {
        let length = rng.int(in: crowded ? 24...32 : 8...32)
        let mask = UInt32(truncatingIfNeeded: UInt64(0xFFFF_FFFF) << UInt64(32 - length))
        var bits = UInt32(truncatingIfNeeded: rng.next())
        if crowded { bits = 0xC0A8_0000 | bits & 0xFFFF }
        entries.append(IPAddress(ipv4: bits & mask).description + "/\(length)")
      }
      for _ in 0..<rng.int(in: 0...30) { entries.append(Self.randomEntry(&rng)) }
      if rng.below(2) == 0 { entries.append(crossing[rng.below(crossing.count)]) }
      let list = try IPAllowlist(entries)
      let ranges = try entries.map { try IPRange(parsing: $0) }
      var probes: [IPAddress] = [IPAddress(high: 0, low: 0), IPAddress(high: .max, low: .max)]
      for range in list.ranges.prefix(150) {
        probes += [range.lower, range.upper]
        if let next = range.upper.successor { probes.append(next) }
        if range.lower.low > 0 {
          probes.append(IPAddress(high: range.lower.high, low: range.lower.low - 1))
        }
      }
      for _ in 0..<200 {
        probes.append(IPAddress(ipv4: UInt32(truncatingIfNeeded: rng.next())))
        probes.append(Self.randomAddress(&rng))
      }
      probes += [RangeTable.mappedFirst, RangeTable.mappedLast].flatMap { edge in
        [edge, IPAddress(high: 0, low: edge.low &- 1), IPAddress(high: 0, low: edge.low &+ 1)]
      }
      // The first address of every IPv4 index bucket and the address before it.
      let bits = RangeTable.ipv4IndexBits(list.table[0])
      for bucket in 0..<(1 << bits) {
        let first = UInt64(bucket) << UInt64(32 - bits)
        probes.append(IPAddress(ipv4: UInt32(truncatingIfNeeded: first)))
        probes.append(IPAddress(ipv4: UInt32(truncatingIfNeeded: first &- 1)))
      }
      for address in probes {
        let expected = ranges.contains { $0.contains(address) }
        #expect(list.contains(address) == expected, "seed \(seed) address \(address)")
      }
    }
  }

  /// A small address space so that ranges overlap and addresses hit them often.
  static func randomAddress(_ rng: inout SplitMix64) -> IPAddress {
    let low = UInt64(rng.below(4)) << 8 | UInt64(rng.below(256))
    switch rng.below(3) {
    case 0: return IPAddress(ipv4: 0x0A00_0000 | UInt32(low))
    case 1: return IPAddress(high: 0x2001_0db8 << 32, low: low)
    default: return IPAddress(high: 0, low: 0xFFFE_FFFF_FC00 | low)
    }
  }

  static func randomEntry(_ rng: inout SplitMix64) -> String {
    let address = randomAddress(&rng)
    let single = rng.below(3) == 0
    if address.isIPv4 {
      let length = single ? 32 : rng.int(in: 20...32)
      let mask: UInt64 = (0xFFFF_FFFF << UInt64(32 - length)) & 0xFFFF_FFFF
      let masked = IPAddress(ipv4: UInt32(address.low & mask))
      if rng.below(2) == 0 { return masked.description + (single ? "" : "/\(length)") }
      return "::ffff:" + masked.description + "/\(96 + length)"
    }
    let length = single ? 128 : rng.int(in: 116...128)
    let mask: UInt64 = length == 128 ? .max : .max << UInt64(128 - length)
    let masked = IPAddress(high: address.high, low: address.low & mask)
    return masked.description + (single ? "" : "/\(length)")
  }
}
