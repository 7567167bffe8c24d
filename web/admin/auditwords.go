package admin

import (
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
)

// The audit log keeps codes ("person.read") and user ids, which last and
// export well; admins read them in words, with dates that fit on a line.

// actionWords says in words what each audit action code records. Every
// code Linkway writes has words here (TestEveryAuditActionHasWords);
// a code missing from it is shown as it is.
var actionWords = map[string]string{
	"audit.export":               "Downloaded the audit log",
	"audit.read":                 "Read the audit log",
	"coded_events.export":        "Downloaded the coded events",
	"coded_events.read":          "Read the coded events report",
	"contact.create":             "Recorded a contact with a person",
	"editor.invite":              "Invited an editor",
	"feed.sync":                  "Started a feed sync",
	"import.start":               "Started an import from a file",
	"inbox.list":                 "Listed an organisation’s referrals",
	"inbox.read":                 "Read a referral sent to an organisation",
	"listing.capacity":           "Changed whether a listing takes new people",
	"listing.kinds":              "Set a listing’s kinds of support",
	"listing.publish":            "Published a change to a listing",
	"listing.restore":            "Restored an earlier version of a listing",
	"listing.status":             "Changed whether a listing is running",
	"listing.submit":             "Sent a change to a listing for review",
	"listing.verify":             "Confirmed a listing is still correct",
	"location.confidential.read": "Read a confidential address",
	"login":                      "Logged in",
	"login.failed":               "Failed to log in",
	"login.locked":               "Was locked out after wrong passwords",
	"login.throttled":            "Slowed down logins from one address",
	"logout":                     "Logged out",
	"organisation.trust":         "Changed whether an organisation is trusted",
	"outbox.read":                "Read the outbox",
	"outcome.create":             "Recorded a person’s outcome measures",
	"people.list":                "Listed people",
	"person.create":              "Added a person",
	"person.fhir":                "Read a person’s record as FHIR",
	"person.letter":              "Opened a letter about a person for their GP",
	"person.purge":               "Deleted a person’s record after the retention time",
	"person.read":                "Read a person’s record",
	"person.update":              "Changed a person’s record",
	"referral.create":            "Referred or signposted a person",
	"referral.notify":            "Sent a referral to an organisation",
	"referral.remind":            "Reminded an organisation about a referral",
	"referral.status":            "Changed a referral’s status",
	"report.read":                "Read a report",
	"request.approve":            "Approved a group’s request",
	"request.reject":             "Turned down a group’s request",
	"review.approve":             "Approved a change to a listing",
	"review.reject":              "Turned down a change to a listing",
	"uptake.read":                "Read the uptake report",
	"user.create":                "Added a user",
	"user.disable":               "Turned a user’s access off or on",
}

// actionInWords is what action records, in words, or the code itself
// when Linkway has no words for it (a code from an older version).
func actionInWords(action string) string {
	if w, ok := actionWords[action]; ok {
		return w
	}
	return action
}

// actionChoices are the actions to filter the log by, in the order of
// their words.
func actionChoices() []string {
	codes := make([]string, 0, len(actionWords))
	for code := range actionWords {
		codes = append(codes, code)
	}
	sort.Slice(codes, func(i, j int) bool { return actionWords[codes[i]] < actionWords[codes[j]] })
	return codes
}

// whoDid names the user of an audit entry: by name and email for an
// account, or what acted when no one was logged in (user 0).
func whoDid(e casework.AuditEntry, users map[int64]casework.User) string {
	if e.UserID == 0 {
		if strings.HasPrefix(e.Action, "login") {
			return "Someone not logged in"
		}
		return "Linkway itself"
	}
	u, ok := users[e.UserID]
	if !ok {
		return "User " + strconv.FormatInt(e.UserID, 10) // an account since removed
	}
	return userLabel(u)
}

// userLabel names a user in a list to choose from.
func userLabel(u casework.User) string {
	if u.Name == "" || u.Name == u.Email {
		return u.Email
	}
	return u.Name + " (" + u.Email + ")"
}

// compactTime writes t on one short line: "8 Dec 14:05" within now's
// year, "8 Dec 2025 14:05" outside it.
func compactTime(t, now time.Time) string {
	if t.Year() == now.Year() {
		return t.Format("2 Jan 15:04")
	}
	return t.Format("2 Jan 2006 15:04")
}

// fullTime writes t in full, for the title of a compact time.
func fullTime(t time.Time) string { return t.Format("Monday 2 January 2006, 15:04:05 MST") }
