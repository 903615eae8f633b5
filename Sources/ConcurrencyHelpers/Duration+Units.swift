import Foundation

/// The one place a `Duration` becomes another unit: time is a `Duration` (and an instant of
/// `ContinuousClock`) everywhere else, converted only where an API or a sentence needs a number.
extension Duration {
    /// The duration in seconds, fractions included.
    package var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }

    /// Whole seconds, rounded up (1.2 s is 2).
    package var wholeSecondsRoundedUp: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) + (attoseconds > 0 ? 1 : 0)
    }

    /// Whole milliseconds, rounded down.
    package var wholeMilliseconds: Int {
        Int(components.seconds) * 1000 + Int(components.attoseconds / 1_000_000_000_000_000)
    }

    /// Whole nanoseconds, from zero to a day (what a timer is armed with).
    package var timerNanoseconds: Int {
        guard self > .zero else { return 0 }
        let (seconds, attoseconds) = components
        return Int(min(seconds, 86_400)) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }

    /// "40 seconds", "1 second", "1.5 seconds": for sentences.
    package var words: String {
        let (seconds, attoseconds) = components
        if attoseconds == 0 { return seconds == 1 ? "1 second" : "\(seconds) seconds" }
        return String(format: "%.1f seconds", inSeconds)
    }

    /// "3", "0.38": seconds as a log line gives them, with two decimals when not whole.
    package var secondsText: String {
        let value = inSeconds
        return value == value.rounded() ? String(Int(value)) : String(format: "%.2f", value)
    }
}

extension ContinuousClock.Instant {
    /// The same moment as a `Date`, for the Foundation calls that take one (a condition's wait).
    package var date: Date {
        Date(timeIntervalSinceNow: (self - .now).inSeconds)
    }
}
