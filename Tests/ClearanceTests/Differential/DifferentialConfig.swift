// The scale and seeds of the differential and law tests, read from the environment, and
// how one random corpus is checked against the reference with a shrunk case on failure.
//
// Environment:
// - `CLEARANCE_DIFF_SCALE=N` multiplies the number of corpora (default 1).
// - `CLEARANCE_DIFF_SEED=S` replays the corpus of seed `S` alone (decimal or 0x-hex).

import Clearance
import ClearanceTestSupport
import Foundation
import Testing

enum DifferentialConfig {
  /// Corpora per run at scale 1 (each a random policy and directory).
  static let corpusCount = 64
  /// Random requests per corpus; each one is checked through every API path.
  static let requestsPerCorpus = 3_200
  /// Corpora per law check at scale 1.
  static let lawCorpusCount = 24
  /// Requests per corpus in a law check.
  static let lawRequests = 600
  /// Test cases the corpus is split into, so Swift Testing can run them in parallel.
  static let batchCount = 8

  static let scale: Int = {
    let text = ProcessInfo.processInfo.environment["CLEARANCE_DIFF_SCALE"] ?? ""
    return max(Int(text) ?? 1, 1)
  }()

  static let replaySeed: UInt64? = {
    guard let text = ProcessInfo.processInfo.environment["CLEARANCE_DIFF_SEED"] else {
      return nil
    }
    if text.hasPrefix("0x") { return UInt64(text.dropFirst(2), radix: 16) }
    return UInt64(text)
  }()

  /// The corpus seeds of this run.
  static var seeds: [UInt64] {
    if let replaySeed { return [replaySeed] }
    return Array(1...UInt64(corpusCount * scale))
  }

  /// The seeds split into batches for parameterised tests.
  static var batches: [[UInt64]] {
    let all = seeds
    let count = min(batchCount, all.count)
    return (0..<count).map { batch in
      stride(from: batch, to: all.count, by: count).map { all[$0] }
    }
  }

  /// Seeds for law checks: a disjoint range, so the laws see other corpora too.
  static var lawSeeds: [UInt64] {
    if let replaySeed { return [replaySeed] }
    return (1...UInt64(lawCorpusCount * scale)).map { 1_000_000 + $0 }
  }

  /// The request stream of a corpus: its own generator, derived from the corpus seed.
  static func requestSeed(_ seed: UInt64) -> UInt64 { CorpusGenerator.requestSeed(seed) }
}

// MARK: Running a corpus

enum DifferentialRun {
  /// Generates corpus `seed`, checks `requests` random requests through every path, and
  /// records one issue per failing corpus, with a shrunk case.
  static func check(seed: UInt64, requests: Int) {
    var generator = CorpusGenerator(seed: seed)
    let corpus = generator.corpus()
    check(
      corpus, seed: seed, requestSeed: DifferentialConfig.requestSeed(seed), requests: requests,
      replay: "CLEARANCE_DIFF_SEED=\(seed) swift test --filter Differential")
  }

  /// Checks `requests` random requests (from `requestSeed`) on `corpus` through every
  /// path; records one issue if any disagrees, naming `seed`, how to `replay` it, and a
  /// shrunk case.
  static func check(
    _ corpus: Corpus, seed: UInt64, requestSeed: UInt64, requests: Int, replay: String
  ) {
    guard let harness = Harness(corpus) else {
      var message = "?"
      do {
        _ = try Snapshot(policy: CompiledPolicy(corpus.policy), directory: corpus.directory)
      } catch {
        message = "\(error)"
      }
      Issue.record("seed \(seed): the generator produced an invalid corpus: \(message)")
      return
    }
    var stream = CorpusGenerator(seed: requestSeed)
    var first: (path: CheckPath, probe: Probe, found: Disagreement)?
    var failures = 0
    for index in 0..<requests {
      let probe = stream.probe(in: corpus)
      for (path, found) in harness.disagreements(probe, index: index) {
        failures += 1
        if first == nil { first = (path, probe, found) }
      }
    }
    if let first {
      report(
        seed: seed, corpus: corpus, path: first.path, probe: first.probe, found: first.found,
        total: failures, replay: replay)
    }
  }

  static func report(
    seed: UInt64, corpus: Corpus, path: CheckPath, probe: Probe, found: Disagreement, total: Int,
    replay: String
  ) {
    let original = FailingCase(
      seed: seed, path: path, policy: corpus.policy, directory: corpus.directory, probe: probe,
      expected: found.expected, actual: found.actual)
    let shrunk = Shrinker.shrink(original, kind: found.kind)
    Issue.record(
      """
      Differential mismatch, seed \(seed) (\(total) disagreeing checks in this corpus).
      First: path \(path.rawValue), \(found.kind):
      reference: \(found.expected)
      engine:    \(found.actual)
      Replay: \(replay)
      Shrunk case (reference \(shrunk.expected); engine \(shrunk.actual)):
      \(shrunk.json)
      """)
  }
}
