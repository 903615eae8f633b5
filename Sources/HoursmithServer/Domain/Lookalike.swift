import Foundation
import HoursmithClient

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
