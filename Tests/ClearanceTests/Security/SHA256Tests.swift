import Clearance
import Testing

@Suite("Security — SHA-256 and constant-time comparison")
struct SHA256Tests {
  @Test func fipsVectors() {
    #expect(
      SHA256.hash(Array("abc".utf8)).hex
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    #expect(
      SHA256.hash(Array("".utf8)).hex
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    #expect(
      SHA256.hash(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)).hex
        == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
  }

  @Test func oneMillionAsFedInChunks() {
    var hasher = SHA256()
    let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1000)
    for _ in 0..<1000 { hasher.update(chunk) }
    #expect(
      hasher.finalize().hex
        == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
  }

  @Test func paddingBoundariesMatchOneShotHashing() {
    // 55, 56 and 64 bytes straddle the length field; split feeding must agree.
    for length in [55, 56, 63, 64, 65, 119, 120] {
      let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 7) }
      var hasher = SHA256()
      hasher.update(bytes[..<(length / 2)])
      hasher.update(bytes[(length / 2)...])
      #expect(hasher.finalize() == SHA256.hash(bytes), "length \(length)")
    }
  }

  @Test func digestHexRoundTripsAndComparesAllWords() throws {
    let digest = SHA256.hash(Array("abc".utf8))
    #expect(SHA256Digest(hex: digest.hex) == digest)
    #expect(SHA256Digest(hex: digest.hex.uppercased()) == digest)
    #expect(SHA256Digest(hex: "xyz") == nil)
    #expect(digest.bytes.count == 32)
    let other = try #require(SHA256Digest(hex: String(digest.hex.dropLast()) + "e"))
    #expect(other != digest)
  }

  @Test func constantTimeEqualityOnBytes() {
    #expect(constantTimeEquals([1, 2, 3], [1, 2, 3]))
    #expect(!constantTimeEquals([1, 2, 3], [1, 2, 4]))
    #expect(!constantTimeEquals([1, 2, 3], [1, 2]))
    #expect(constantTimeEquals([UInt8](), [UInt8]()))
  }
}

@Suite("Security — timestamps")
struct TimestampTests {
  @Test func iso8601RoundTrips() throws {
    let t = try #require(Timestamp(iso8601: "2026-03-01T09:30:00Z"))
    #expect(t.seconds == 1_772_357_400)
    #expect(t.iso8601 == "2026-03-01T09:30:00Z")
    let f = try #require(Timestamp(iso8601: "1969-12-31T23:59:59.5Z"))
    #expect(f.nanoseconds == -500_000_000)
    #expect(f.iso8601 == "1969-12-31T23:59:59.500000000Z")
    #expect(Timestamp(iso8601: "2026-03-01T10:30:00+01:00") == t)
    #expect(Timestamp(iso8601: "2024-02-29T00:00:00Z") != nil)
  }

  @Test func refusesWhatIsNotADateTime() {
    for text in [
      "2026-03-01", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-03-01T24:00:00Z",
      "2026-03-01T09:30:00", "2026-03-01T09:30:00.Z", "2026-03-01T09:30:60Z", "x",
    ] {
      #expect(Timestamp(iso8601: text) == nil, "\(text)")
    }
  }
}
