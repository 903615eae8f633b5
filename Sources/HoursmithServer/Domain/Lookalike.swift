import Foundation
import HoursmithClient
import JSONCore

/// The rule for time that looks logged twice, which `create_time_entry` and
/// `create_time_entries` share: two entries look alike when they are of the same person and day
/// and have either the same project, task and hours, or the same notes (not empty; case, accents
/// and surrounding spaces ignored).
struct Lookalike: Sendable, Hashable {
    let userID: Int
    let date: LocalDate
    let projectID: Int
    let taskID: Int
    /// Hours in hundredths; nil for a timer to be started (no hours yet).
    let hours: Int?
    /// The notes folded (``NameMatch/fold(_:)``); empty when there are none.
    let notes: String

    init(userID: Int, date: LocalDate, projectID: Int, taskID: Int, hours: Int?, notes: String?) {
        self.userID = userID
        self.date = date
        self.projectID = projectID
        self.taskID = taskID
        self.hours = hours
        self.notes = notes.map(NameMatch.fold) ?? ""
    }

    /// An entry as the API returned it.
    init(_ entry: TimeEntry) {
        self.init(userID: entry.user.id, date: entry.spentDate, projectID: entry.project.id, taskID: entry.task.id,
                  hours: Hundredths.of(entry.hours), notes: entry.notes)
    }

    /// A draft about to be sent; `userID` is whose it is when the draft names nobody (the token's user).
    init(_ draft: TimeEntryDraft, userID: Int) {
        self.init(userID: draft.userID ?? userID, date: draft.spentDate, projectID: draft.projectID, taskID: draft.taskID,
                  hours: draft.hours.map(Hundredths.of), notes: draft.notes)
    }

    func looksLike(_ other: Lookalike) -> Bool {
        guard userID == other.userID, date == other.date else { return false }
        let sameWork = projectID == other.projectID && taskID == other.taskID && hours != nil && hours == other.hours
        return sameWork || (!notes.isEmpty && notes == other.notes)
    }
}

extension Lookalike {
    /// The rule, in the words every answer that names a look-alike uses.
    static let rule = "the same person and day, with the same project, task and hours or the same notes"
    /// What to do about a look-alike logged all the same.
    static let advice = "tell the person, who may want to delete one (delete_time_entry)"
    /// How much of a look-alike's notes an answer shows.
    static let shownNotes = 100

    /// An existing look-alike, briefly: `{id, date?, hours, project, task, notes?}`, the notes cut
    /// to `notes` characters (none: left out).
    static func shown(_ entry: TimeEntry, withDate: Bool, notes length: Int = shownNotes) -> JSON {
        var object: JSONObject = ["id": .int(entry.id)]
        if withDate { object["date"] = .string(entry.spentDate.description) }
        object["hours"] = .decimal(entry.hours)
        object["project"] = .string(entry.project.name)
        object["task"] = .string(entry.task.name)
        if let notes = entry.notes, !notes.isEmpty, length > 0 { object["notes"] = .string(ResultBudget.shortened(notes, to: length)) }
        return .object(object)
    }
}
