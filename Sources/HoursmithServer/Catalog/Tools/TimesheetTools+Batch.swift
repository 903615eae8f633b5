import Foundation
import HoursmithClient
import JSONCore
import MCPCore

/// `create_time_entries`: up to 100 entries in one call, each given as `create_time_entry` takes
/// it or copied from a range whole weeks earlier (`copy`). `dry_run` resolves and checks them all
/// and shows the table; otherwise they are logged one by one, paced under the rate limit, each
/// with an `Idempotency-Key` derived from its content, so that the same batch sent again logs
/// nothing twice.
extension TimesheetTools {
    /// An entry of a batch: as `create_time_entry` takes it, with fewer words.
    static let batchEntry = JSONSchema.object(TimeTools.projectAndTask + [
        .init(name: "spent_date", schema: Schemas.date("Default today.")),
        .init(name: "hours", schema: TimeTools.hours),
        .init(name: "notes", schema: TimeTools.notes),
        .init(name: "billable", schema: .boolean()),
    ] + Schemas.reference(.user, "For this person. Default: you."), required: ["hours"])

    static let copySource = JSONSchema.object(Schemas.reference(.user, "Whose entries. Default: yours.") + [
        .init(name: "from", schema: Schemas.from),
        .init(name: "to", schema: Schemas.to),
        .init(name: "period", schema: Schemas.period),
    ] + Schemas.reference(.project, "Only this project's.") + [
        .init(name: "weeks", schema: .integer("How many weeks later (negative: earlier). Default 1.", minimum: -52, maximum: 52)),
    ], description: "Instead of entries: a range's entries, whole weeks later (not running timers).")

    static let createTimeEntries = CatalogTool(
        "create_time_entries", in: .time, title: "Log many time entries",
        description: "Logs up to 100 entries, each as create_time_entry takes it, or copies a range's entries weeks "
            + "later (copy). dry_run: true checks every entry, flags look-alikes and returns the table with totals per day, "
            + "logging nothing: show it first. Resent as the answer says, a batch logs nothing twice.",
        input: .object([
            .init(name: "entries", schema: .array(of: batchEntry, minItems: 1, maxItems: TimeBatch.maxEntries)),
            .init(name: "copy", schema: copySource),
            .init(name: "dry_run", schema: .boolean("true: check and show the table; log nothing.")),
        ]),
        output: Schemas.result(["entries": .array(of: Schemas.object), "results": .array(of: .string())], required: []),
        annotations: .create, audience: .everyone, action: TimeTools.logForOthers
    ) { call in
        let dryRun = call.bool("dry_run", default: false)
        if dryRun {
            // The check is the API's as it is now: names and facts read afresh, once for both.
            for kind in [DirectoryKind.project, .task, .user] { call.directory.invalidate(kind) }
        }
        let batch = try await BatchItems(call)
        return dryRun ? try await preview(batch, call) : try await create(batch, call)
    }
}

/// The batch's entries in order: each resolved to a draft, or refused with why (a name that
/// matches nothing, a date that is none).
struct BatchItems: Sendable {
    enum Item: Sendable {
        case draft(TimeEntryDraft)
        case refused(String)

        var draft: TimeEntryDraft? { if case .draft(let draft) = self { draft } else { nil } }
    }

    let items: [Item]
    /// What `copy` read and left out, for the answer.
    let copied: String?
    /// The arguments that log this batch — or the rest of it — when sent again: the call's own,
    /// with each relative date resolved (a `spent_date` given as a word or not at all, a `copy`
    /// by `period`), so that the batch sent on another day has the same entries and the same keys.
    /// Nil when the arguments are already that.
    let resend: JSONObject?

    var drafts: [TimeEntryDraft] { items.compactMap(\.draft) }

    init(_ call: ToolCall) async throws {
        let entries = call.arguments.array("entries")
        let copy = call.arguments["copy"]?.objectValue
        switch (entries, copy) {
        case (let entries?, nil):
            var items: [Item] = [], resent: [JSON] = [], changed = false
            for entry in entries {
                let arguments = entry.objectValue ?? [:]
                let one = call.with(arguments)
                var fixed = arguments
                if let date = try? one.date("spent_date", default: "today"), arguments["spent_date"] != .string(date.description) {
                    fixed["spent_date"] = .string(date.description)
                    changed = true
                }
                resent.append(.object(fixed))
                do {
                    var draft = try await TimeTools.draft(one)
                    // Always named, so that a key's body is the same however the person was given.
                    draft.userID = draft.userID ?? call.me.user.id
                    items.append(.draft(draft))
                } catch let error as ToolError {
                    items.append(.refused(error.message))
                }
            }
            self.items = items
            copied = nil
            resend = changed ? ["entries": .array(resent)] : nil
        case (nil, let copy?):
            do {
                let source = call.with(copy)
                let (from, to) = try source.requiredRange()
                (items, copied) = try await BatchItems.copies(source, from: from, to: to, call)
                var fixed = copy
                fixed["period"] = nil
                fixed["from"] = .string(from.description)
                fixed["to"] = .string(to.description)
                resend = fixed == copy ? nil : ["copy": .object(fixed)]
            } catch let error as ToolError {
                throw ToolError("In `copy`: \(error.message)")
            }
        default:
            throw ToolError("Give either `entries` (up to \(TimeBatch.maxEntries)) or `copy` (a range to copy weeks later): one "
                + "of the two.")
        }
    }

    /// The drafts `copy` describes: the source range's entries (a person's, one project's if
    /// given), moved by whole weeks; one request. A range longer than the move is refused: its
    /// copies would land on the days it copies.
    private static func copies(_ source: ToolCall, from: LocalDate, to: LocalDate, _ call: ToolCall) async throws -> ([Item], String) {
        try source.requireOwnTime(of: source.optionalInt("user_id"), action: TimeTools.logForOthers)
        let weeks = source.optionalInt("weeks") ?? 1
        guard weeks != 0 else {
            throw ToolError("`weeks` is 0: give how many weeks later (1 is the next week, -1 the week before).")
        }
        let shift = weeks == 1 ? "a week later" : weeks > 0 ? "\(weeks) weeks later"
            : weeks == -1 ? "a week earlier" : "\(-weeks) weeks earlier"
        let move = 7 * abs(weeks)
        guard from.days(to: to) < move else {
            let (first, last) = weeks > 0 ? (from.adding(days: move), to) : (from, to.adding(days: -move))
            throw ToolError("\(from) to \(to) is \(from.days(to: to) + 1) days: copied \(shift), its copies would land on days it "
                + "copies from (\(first) to \(last)), beside their originals, and a resend would copy the copies. Copy at most "
                + "\(move) days at a time, or more weeks \(weeks > 0 ? "later" : "earlier").")
        }
        let userID = try await source.reference(.user) ?? call.me.user.id
        let filter = TimeEntryFilter(userID: userID, projectID: try await source.reference(.project), from: from, to: to)
        let page = try await call.client.listTimeEntries(filter, page: 1, perPage: 2000)
        let (drafts, running) = TimeBatch.copies(of: page.items, weeks: weeks)
        guard page.totalEntries <= page.items.count, drafts.count <= TimeBatch.maxEntries else {
            throw ToolError("\(from) to \(to) has \(page.totalEntries) entries to copy, more than a batch's \(TimeBatch.maxEntries): "
                + "copy a shorter range, or one project at a time.")
        }
        guard !drafts.isEmpty else {
            throw ToolError("Nothing to copy: \(from) to \(to) has no stopped time entries"
                + (filter.projectID == nil ? "" : " on that project") + " for that person.")
        }
        let left = running > 0 ? "; a running timer is not copied" : ""
        return (drafts.map(Item.draft), "The \(drafts.count) entries of \(from) to \(to), \(shift)\(left).")
    }
}
