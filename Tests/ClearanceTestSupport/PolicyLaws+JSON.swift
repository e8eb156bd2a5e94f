// The JSON round-trip law: the file format loses nothing a decision depends on.

import Clearance
import Foundation

extension PolicyLaws {
  /// Encode then decode gives equal values; writing again gives the same bytes (sorted
  /// keys: a stable file format); the decoded values decide identically.
  mutating func jsonRoundTrip() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let decoder = JSONDecoder()
    let policy = try decoder.decode(Policy.self, from: encoder.encode(corpus.policy))
    let directory = try decoder.decode(Directory.self, from: encoder.encode(corpus.directory))
    if policy != corpus.policy { record(.jsonRoundTrip, "the policy changed in a round trip") }
    if directory != corpus.directory {
      record(.jsonRoundTrip, "the directory changed in a round trip")
    }
    if try encoder.encode(policy) != encoder.encode(corpus.policy) {
      record(.jsonRoundTrip, "the policy is written differently after a round trip")
    }
    if try encoder.encode(directory) != encoder.encode(corpus.directory) {
      record(.jsonRoundTrip, "the directory is written differently after a round trip")
    }
    expectSameDecisions(
      original, try Self.snapshot(policy, directory), probes, law: .jsonRoundTrip)
  }
}
