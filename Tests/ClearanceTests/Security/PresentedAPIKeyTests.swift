import Clearance
import ClearanceJSON
import ClearanceTestSupport
import Testing

@Suite("Security — the API key a request presents")
struct PresentedAPIKeyTests {
  let read = Resource(org: "hq", shop: "north")

  /// Texts that are not shaped like a key: each is kept as a malformed key.
  static let malformed: [String] = {
    let secret = SecureShop.keys[0].secret
    return [
      "", "clr_", "Bearer " + secret, secret + "0", String(secret.dropLast()),
      "xlr_" + secret.dropFirst(4), String(secret.prefix(20)) + "-" + secret.dropFirst(21),
      String(secret.prefix(30)) + "g" + secret.dropFirst(31),
      String(secret.prefix(10)) + "G" + secret.dropFirst(11),
      // The right length in bytes, but a two-byte character among the digits.
      String(secret.prefix(40)) + "é" + secret.dropFirst(42),
    ]
  }()

  @Test func aContextHoldsNoReferences() {
    // Copying and dropping a context is copying bytes: the hot path's figure relies on it.
    #expect(_isPOD(RequestContext.self))
    #expect(_isPOD(PresentedAPIKey.self))
  }

  @Test func anIssuedSecretIsParsedOnce() {
    for issued in SecureShop.keys {
      let presented = PresentedAPIKey(secret: issued.secret)
      #expect(presented.isWellFormed)
      #expect(presented.id == issued.key.id)
      #expect(presented.secret == issued.secret)
      #expect(presented.digest == issued.key.digest)
      #expect(issued.key.matches(presented))
      #expect(presented.description == "API key \(issued.key.id)")
      #expect(!presented.description.contains(issued.secret))
    }
    let other = PresentedAPIKey(secret: SecureShop.keys[1].secret)
    #expect(!SecureShop.keys[0].key.matches(other))
  }

  @Test func uppercaseDigitsAreKeptAsPresented() {
    let secret = SecureShop.keys[0].secret
    let upper = "clr_" + secret.dropFirst(4).uppercased()
    let presented = PresentedAPIKey(secret: upper)
    #expect(presented.isWellFormed)
    #expect(presented.secret == upper)
    #expect(presented.id == String(upper.dropFirst(4).prefix(16)))
    #expect(presented.digest == SHA256.hash(upper.utf8))
    #expect(presented != PresentedAPIKey(secret: secret) || secret == upper)
    #expect(RequestContext(time: SecureShop.keyTime, apiKey: upper).apiKey == presented)
  }

  @Test(arguments: malformed)
  func aMalformedKeyIsDeniedAsInvalid(_ text: String) throws {
    let presented = PresentedAPIKey(secret: text)
    #expect(!presented.isWellFormed)
    #expect(presented.id == nil && presented.secret == nil && presented.digest == nil)
    #expect(presented.description == "malformed API key")
    #expect(!SecureShop.keys[0].key.matches(presented))
    let s = try SecureShop.snapshot()
    var context = SecureShop.context()
    context.apiKey = presented
    #expect(context == RequestContext(time: context.time, clientIP: context.clientIP, apiKey: text))
    // Fail closed, before anything else is looked at, on every kind of organization.
    #expect(s.can("max", "tickets::ticket::read", read, context: context) == .deny(.apiKeyInvalid))
    #expect(
      s.can("tina", "tickets::ticket::read", Resource(org: "east"), context: context)
        == .deny(.apiKeyInvalid))
    let explanation = s.explain("max", "tickets::ticket::read", read, context: context)
    #expect(explanation.decision == .deny(.apiKeyInvalid))
    #expect(explanation.checks.first { $0.step == .apiKey }?.outcome == .failed)
    #expect(s.rateLimit(forAPIKey: presented) == nil)
    let open = try Shop.snapshot()
    #expect(
      open.can("max", "tickets::ticket::read", read, context: context) == .deny(.apiKeyInvalid))
  }

  @Test func theRateLimitIsFoundByTheParsedKey() throws {
    let s = try SecureShop.snapshot()
    for issued in SecureShop.keys {
      let byText = s.rateLimit(forAPIKey: issued.secret)
      let byKey = s.rateLimit(forAPIKey: PresentedAPIKey(secret: issued.secret))
      #expect(byText?.id == issued.key.id && byKey?.id == issued.key.id)
      #expect(byText?.limit == byKey?.limit)
    }
  }

  @Test(
    arguments: [
      SecureShop.keys[0].secret, "clr_" + SecureShop.keys[2].secret.dropFirst(4).uppercased(), "",
    ] + malformed)
  func aContextSurvivesAJSONRoundTrip(_ text: String) throws {
    let json = """
      {"at": "2026-03-01T09:30:00Z", "ip": "192.168.1.20", "apiKey": "\(text)"}
      """
    let loaded = try JSONDocuments.decode(RequestContext.self, from: Array(json.utf8))
    #expect(loaded.apiKey == PresentedAPIKey(secret: text))
    let written = try JSONDocuments.encode(loaded)
    let again = try JSONDocuments.decode(RequestContext.self, from: written)
    #expect(again == loaded)
    #expect(try JSONDocuments.encode(again) == written)
    // A key is written back exactly as presented; a malformed one as "".
    let expected = loaded.apiKey?.secret ?? ""
    #expect(String(decoding: written, as: UTF8.self).contains("\"apiKey\" : \"\(expected)\""))
  }

  @Test func aContextWithoutAKeyWritesNone() throws {
    let context = RequestContext(time: SecureShop.keyTime)
    let written = try JSONDocuments.encode(context)
    #expect(!String(decoding: written, as: UTF8.self).contains("apiKey"))
    #expect(try JSONDocuments.decode(RequestContext.self, from: written) == context)
  }
}
