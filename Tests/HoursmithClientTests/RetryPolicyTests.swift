import Testing
@testable import HoursmithClient

@Suite struct RetryPolicyTests {
    static let policy = RetryPolicy(baseDelay: .milliseconds(100), maxDelay: .milliseconds(350), jitter: { 1 })

    static func error(_ kind: HoursmithError.Kind) -> HoursmithError {
        HoursmithError(kind: kind, message: "")
    }

    @Test func rateLimitsAreWaitedOutForEveryKindOfRequest() {
        for safety in [RequestSafety.read, .create, .update, .action] {
            let decision = Self.policy.decision(after: Self.error(.rateLimited(retryAfter: 7)), safety: safety, failedAttempts: 0, rateLimitWaits: 0)
            #expect(decision == .retry(after: .seconds(7)))
        }
    }

    @Test func rateLimitWaitsAreBoundedInNumberAndLength() {
        let policy = Self.policy
        #expect(policy.decision(after: Self.error(.rateLimited(retryAfter: 1)), safety: .read, failedAttempts: 0, rateLimitWaits: 3) == .fail)
        #expect(policy.decision(after: Self.error(.rateLimited(retryAfter: 61)), safety: .read, failedAttempts: 0, rateLimitWaits: 0) == .fail)
        #expect(policy.decision(after: Self.error(.rateLimited(retryAfter: 60)), safety: .read, failedAttempts: 0, rateLimitWaits: 0) == .retry(after: .seconds(60)))
        #expect(policy.decision(after: Self.error(.rateLimited(retryAfter: nil)), safety: .read, failedAttempts: 0, rateLimitWaits: 0) == .retry(after: .seconds(1)))
    }

    @Test func serverErrorsAndLostAnswersAreRetriedOnlyWhenRepeatingIsHarmless() {
        for kind in [HoursmithError.Kind.serverError(status: 503), .timedOut, .connectionLost, .transportFailure(detail: "x")] {
            for safety in [RequestSafety.read, .create, .update] {
                #expect(Self.policy.decision(after: Self.error(kind), safety: safety, failedAttempts: 1, rateLimitWaits: 0) == .retry(after: .milliseconds(100)))
            }
            #expect(Self.policy.decision(after: Self.error(kind), safety: .action, failedAttempts: 1, rateLimitWaits: 0) == .fail)
        }
    }

    @Test func failuresBeforeAnyConnectionAreRetriedForEveryKindOfRequest() {
        for kind in [HoursmithError.Kind.cannotConnect, .hostNotFound] {
            #expect(Self.policy.decision(after: Self.error(kind), safety: .action, failedAttempts: 1, rateLimitWaits: 0) == .retry(after: .milliseconds(100)))
        }
    }

    @Test func threeTriesInAll() {
        let error = Self.error(.serverError(status: 500))
        #expect(Self.policy.decision(after: error, safety: .read, failedAttempts: 2, rateLimitWaits: 0) == .retry(after: .milliseconds(200)))
        #expect(Self.policy.decision(after: error, safety: .read, failedAttempts: 3, rateLimitWaits: 0) == .fail)
    }

    @Test(arguments: [HoursmithError.Kind.invalidToken, .planRequired(plan: .solo), .forbidden, .notFound, .badRequest,
                      .validationFailed([]), .timerNotRunning, .idempotencyKeyReused, .tlsFailure(detail: ""), .cancelled,
                      .redirectRefused(status: 302, location: nil), .responseTooLarge(limit: 1), .undecodableResponse(detail: "")])
    func refusalsAndPermanentFailuresAreNeverRetried(kind: HoursmithError.Kind) {
        #expect(Self.policy.decision(after: Self.error(kind), safety: .read, failedAttempts: 1, rateLimitWaits: 0) == .fail)
    }

    @Test func backoffDoublesUpToTheMaximumAndIsJittered() {
        let policy = Self.policy
        #expect(policy.backoff(afterFailedAttempts: 1) == .milliseconds(100))
        #expect(policy.backoff(afterFailedAttempts: 2) == .milliseconds(200))
        #expect(policy.backoff(afterFailedAttempts: 3) == .milliseconds(350))
        #expect(policy.backoff(afterFailedAttempts: 10) == .milliseconds(350))
        var low = policy
        low.jitter = { 0 }
        #expect(low.backoff(afterFailedAttempts: 2) == .milliseconds(100))
    }
}
