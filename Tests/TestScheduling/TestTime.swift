import Foundation
import Testing

/// How long the tests' own waits may take: every deadline a test sets for itself (a `waitUntil` timeout, a node's
/// start, an external tool's `--max-time`, a test's `.timeLimit`) goes through ``scaled(_:)``.
///
/// `LOTUS_TEST_TIME_SCALE` (a number of at least 1; 1 when unset or not a number) multiplies them. `scripts/sanitize`
/// sets it: sanitized code runs several times slower (ASan about 2–3×, TSan about 10× here), and a deadline sized
/// for a plain build then fails a test that is only slow. What a test asserts stays the same; only how long it
/// waits for it grows. Deadlines of peers we do not control (py-libp2p's, go-libp2p's) cannot be scaled; the tests
/// that meet them take ``Trait/timingSensitive``.
public enum TestTime {
    /// The factor from `LOTUS_TEST_TIME_SCALE`, at least 1.
    public static let scale: Double = parse(ProcessInfo.processInfo.environment["LOTUS_TEST_TIME_SCALE"])

    /// Reads a scale factor: a finite number of at least 1, else 1.
    static func parse(_ text: String?) -> Double {
        guard let text, let value = Double(text), value.isFinite, value >= 1 else { return 1 }
        return value
    }

    /// `duration` times ``scale``.
    public static func scaled(_ duration: Duration) -> Duration {
        scale == 1 ? duration : duration * scale
    }

    /// `rounds` times ``scale``, rounded up: the number of rounds of a wait loop that sleeps a fixed interval between
    /// its checks (`for _ in 0..<TestTime.rounds(600) where … { sleep 100 ms }` waits up to 60 s, scaled).
    public static func rounds(_ rounds: Int) -> Int {
        scaledUp(rounds)
    }

    /// `count` times ``scale``, rounded up (a count of rounds, seconds or milliseconds).
    public static func scaledUp(_ count: Int) -> Int {
        scale == 1 ? count : Int((Double(count) * scale).rounded(.up))
    }

    /// `seconds` times ``scale``, rounded up to whole seconds (for command-line deadlines such as curl's `--max-time`).
    public static func seconds(_ seconds: Int) -> Int {
        scaledUp(seconds)
    }

    /// Checks `condition` every `interval` until it holds or ``scaled(_:)`` `limit` passes, then once more; returns
    /// whether it held. A cancelled wait stops sleeping and makes that last check at once.
    public static func poll(
        within limit: Duration, every interval: Duration, _ condition: () async throws -> Bool
    ) async rethrows -> Bool {
        let deadline = ContinuousClock.now + scaled(limit)
        while ContinuousClock.now < deadline {
            if try await condition() { return true }
            do { try await Task.sleep(for: interval) } catch { break }
        }
        return try await condition()
    }

    /// A `.timeLimit` of `minutes` times ``scale`` (rounded up to whole minutes, as Swift Testing counts them).
    public static func limit(minutes: Int) -> TimeLimitTrait.Duration {
        .minutes(Int((Double(minutes) * scale).rounded(.up)))
    }
}
