import Clearance
import ClearanceTestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

@Suite("Security — rate limiter")
struct RateLimiterTests {
  static let second: Int64 = 1_000_000_000

  @Test func admitsTheLimitThenRefusesWithRetryAfter() {
    let limiter = RateLimiter<String>(clock: { Timestamp(nanoseconds: 0) })
    let limit = RateLimit(3, perSeconds: 3600)
    #expect(limiter.check("k", limit: limit, at: Timestamp(seconds: 0)) == .allowed(remaining: 2))
    #expect(limiter.check("k", limit: limit, at: Timestamp(seconds: 10)) == .allowed(remaining: 1))
    #expect(limiter.check("k", limit: limit, at: Timestamp(seconds: 20)) == .allowed(remaining: 0))
    let refused = limiter.check("k", limit: limit, at: Timestamp(seconds: 30))
    #expect(refused == .rateLimited(retryAfterNanoseconds: 3570 * Self.second))
    #expect(refused.retryAfterSeconds == 3570 && refused.httpStatus == 429)
    // Another key is independent; the first admission leaves the window at 3600 s.
    #expect(limiter.check("other", limit: limit, at: Timestamp(seconds: 30)).isAllowed)
    #expect(
      !limiter.check("k", limit: limit, at: Timestamp(nanoseconds: 3600 * Self.second - 1))
        .isAllowed)
    #expect(
      limiter.check("k", limit: limit, at: Timestamp(seconds: 3600)) == .allowed(remaining: 0))
  }

  @Test func zeroLimitAdmitsNothing() {
    let limiter = RateLimiter<String>(clock: { Timestamp(nanoseconds: 0) })
    #expect(!limiter.check("k", limit: RateLimit(0)).isAllowed)
  }

  /// A simulated clock and random arrivals: the limiter's answers equal a literal
  /// reading of the rule, so no window of one period ever holds more than the limit and
  /// no request under the limit is refused.
  @Test func agreesWithTheSlidingWindowRuleOnASimulatedClock() {
    for seed in UInt64(1)...40 {
      var rng = SplitMix64(seed: seed)
      let count = rng.int(in: 1...8)
      let period = Int64(rng.int(in: 1...50))
      let limit = RateLimit(count, perSeconds: period)
      let limiter = RateLimiter<Int>(clock: { Timestamp(nanoseconds: 0) })
      var admitted: [[Int64]] = [[], [], []]
      var now: Int64 = 0
      for _ in 0..<600 {
        now += Int64(rng.below(4)) * Self.second / 2
        let key = rng.below(3)
        let recent = admitted[key].filter { $0 > now - period * Self.second }.count
        let result = limiter.check(key, limit: limit, at: Timestamp(nanoseconds: now))
        #expect(result.isAllowed == (recent < count), "seed \(seed) at \(now)")
        if result.isAllowed {
          #expect(result == .allowed(remaining: count - recent - 1), "seed \(seed)")
          admitted[key].append(now)
        }
      }
      for times in admitted {
        for (i, start) in times.enumerated() {
          let inWindow = times[i...].prefix { $0 < start + period * Self.second }.count
          #expect(inWindow <= count, "seed \(seed): \(inWindow) in one window")
        }
      }
    }
  }

  /// Thousands of keys, so that every stripe's table grows, rebuilds its index and sweeps
  /// idle keys many times: after every check the answer equals the literal rule, and a
  /// sweep keeps exactly the keys admitted in the last period.
  @Test func agreesWithTheRuleOverManyKeysThroughGrowthAndSweeps() {
    for seed in UInt64(1)...4 {
      var rng = SplitMix64(seed: seed)
      let limit = RateLimit(rng.int(in: 1...4), perSeconds: 2)
      let period = 2 * Self.second
      let limiter = RateLimiter<String>(clock: { Timestamp(nanoseconds: 0) })
      var admitted: [String: [Int64]] = [:]
      var now: Int64 = 0
      for step in 0..<30_000 {
        now += Int64(rng.below(200)) * 1_000
        let key = "key-\(rng.below(step < 15_000 ? 6_000 : 300))"
        let recent = (admitted[key] ?? []).filter { $0 > now - period }.count
        let result = limiter.check(key, limit: limit, at: Timestamp(nanoseconds: now))
        guard result.isAllowed == (recent < limit.count) else {
          Issue.record("seed \(seed), step \(step), \(key) at \(now): \(result), \(recent) recent")
          return
        }
        if result.isAllowed { admitted[key, default: []].append(now) }
      }
      let active = admitted.values.filter { ($0.last ?? .min) > now - period }.count
      let end = now
      let clocked = RateLimiter<String>(clock: { Timestamp(nanoseconds: end) })
      for (key, times) in admitted {
        for time in times { _ = clocked.check(key, limit: limit, at: Timestamp(nanoseconds: time)) }
      }
      #expect(clocked.sweep() == active, "seed \(seed)")
      #expect(limiter.keyCount >= active, "seed \(seed)")
    }
  }

  @Test func idleKeysAreDropped() {
    let limiter = RateLimiter<Int>(clock: { Timestamp(seconds: 7200) })
    for key in 0..<3000 {
      _ = limiter.check(key, limit: RateLimit(5), at: Timestamp(seconds: Int64(key % 2)))
    }
    // The table swept itself while growing, so it never held every key.
    #expect(limiter.keyCount <= 3000)
    #expect(limiter.sweep() == 0)
    #expect(limiter.keyCount == 0)
  }

  /// Threads hammering the same keys at one frozen time: exactly the limit is admitted
  /// per key, whatever the interleaving.
  @Test func concurrentCallersNeverExceedTheLimit() async {
    let limiter = RateLimiter<Int>(clock: { Timestamp(seconds: 100) })
    let limit = RateLimit(50)
    let admittedPerTask = await withTaskGroup(of: [Int].self) { group in
      for _ in 0..<4 {
        group.addTask {
          var admitted = [0, 0]
          for i in 0..<200 where limiter.check(i % 2, limit: limit).isAllowed {
            admitted[i % 2] += 1
          }
          return admitted
        }
      }
      var total = [0, 0]
      for await counts in group {
        total[0] += counts[0]
        total[1] += counts[1]
      }
      return total
    }
    #expect(admittedPerTask == [50, 50])
  }

  /// Threads on many keys at once, so that every stripe is contended and sweeps while
  /// others check: each key is admitted exactly its limit.
  @Test func concurrentCallersOnManyKeysGetExactlyTheLimitEach() async {
    let limiter = RateLimiter<String>(clock: { Timestamp(seconds: 100) })
    let limit = RateLimit(3)
    let keys = 1_500
    let perKey = await withTaskGroup(of: [Int].self) { group in
      for task in 0..<4 {
        group.addTask {
          var admitted = [Int](repeating: 0, count: keys)
          for i in 0..<(2 * keys) {
            let k = (i &* 7 &+ task &* 389) % keys
            if limiter.check("key-\(k)", limit: limit).isAllowed { admitted[k] += 1 }
          }
          return admitted
        }
      }
      var total = [Int](repeating: 0, count: keys)
      for await counts in group {
        for k in 0..<keys { total[k] += counts[k] }
      }
      return total
    }
    #expect(perKey == [Int](repeating: 3, count: keys))
    #expect(limiter.keyCount == keys)
  }
}
