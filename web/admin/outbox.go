package admin

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/notify"
)

// outboxPageSize is how many messages the outbox page shows at once.
const outboxPageSize = 50

// The outbox opens on what needs an admin: messages that did not go by
// mail (they failed, or there is no mail server and someone must pass
// them on), without the reminders, which outnumber everything else.
// Filters show the rest.

// Which messages, by what became of them (the "show" of the query).
const (
	showUnsent = ""       // not sent by mail: failed, or kept here
	showFailed = "failed" // the mail server refused them
	showAll    = "all"
)

// allKinds is the kind filter's value for every kind, reminders too; no
// kind chosen means every kind but reminders.
const allKinds = "all"

// kindWords names the kinds of message Linkway sends; a kind without
// words is shown as it is.
var kindWords = map[string]string{
	"invite":                   "Invitations to edit",
	"listing-request":          "Requests from groups",
	"listing-request-rejected": "Requests turned down",
	"referral":                 "Referrals",
	"referral-reminder":        "Reminders about referrals",
	"review":                   "Decisions on listing changes",
	"stale-reminder":           "Reminders to check listings",
}

func kindInWords(kind string) string {
	if w, ok := kindWords[kind]; ok {
		return w
	}
	return kind
}

// isReminder says whether messages of kind are reminders, sent again and
// again by the daily sweeps.
func isReminder(kind string) bool { return strings.HasSuffix(kind, "-reminder") }

type outboxPage struct {
	Messages  []outboxMessage
	Kinds     []filterChoice
	Kind      string // the kind chosen: "" for all but reminders, allKinds, or a kind
	Show      string // showUnsent, showFailed or showAll
	Shows     []filterChoice
	Total     int    // messages the filters choose
	Failed    int    // messages that could not be sent, of any kind
	Kept      int    // messages kept for an admin to pass on, not reminders
	Reminders int    // reminders not sent by mail, hidden unless chosen
	Older     string // a link to older messages, if there are any
	Newest    string // a link back to the newest, when paging back
	Error     string
}

// filterChoice is an option of the outbox's filters.
type filterChoice struct {
	Value, Label string
	Selected     bool
}

type outboxMessage struct {
	notify.Entry
	KindWords          string
	Written, WrittenAt string // compact, and in full for its title
	SentOn, SentAt     string
	Rows               int // lines for the message's text box
}

// handleOutbox lets an admin read every notification Linkway has sent or
// kept, newest first. The messages hold single-use links (an invitation,
// a "still correct" confirmation), so the page is for admins only, never
// cached, and each reading is audited.
func (h *Handler) handleOutbox(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := outboxPage{Kind: strings.TrimSpace(q.Get("kind")), Show: q.Get("show")}
	status := http.StatusOK
	if data.Show != showUnsent && data.Show != showFailed && data.Show != showAll {
		status, data.Error, data.Show = http.StatusBadRequest, "Choose which messages to show from the list", showUnsent
	}
	// A before that is not a number shows the newest messages.
	before, _ := strconv.ParseInt(q.Get("before"), 10, 64)
	counts, err := h.store.OutboxCounts(r.Context())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	f := data.filter(counts)
	f.Before, f.Limit = before, outboxPageSize+1
	entries, err := h.store.Outbox(r.Context(), f)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data.count(counts)
	link := func(before int64) string {
		v := url.Values{}
		if data.Kind != "" {
			v.Set("kind", data.Kind)
		}
		if data.Show != showUnsent {
			v.Set("show", data.Show)
		}
		if before > 0 {
			v.Set("before", strconv.FormatInt(before, 10))
		}
		if len(v) == 0 {
			return "/admin/outbox"
		}
		return "/admin/outbox?" + v.Encode()
	}
	if len(entries) > outboxPageSize {
		entries = entries[:outboxPageSize]
		data.Older = link(entries[len(entries)-1].ID)
	}
	if f.Before > 0 {
		data.Newest = link(0)
	}
	now := h.site.Now().In(h.site.Zone())
	for _, e := range entries {
		data.Messages = append(data.Messages, h.outboxMessage(e, now))
	}
	if err := h.site.Audit(r, "outbox.read", "", data.Kind); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	title := "Outbox"
	if data.Error != "" {
		title = "Error: Outbox"
	}
	h.site.RenderPrivate(w, r, status, "outbox", title, data)
}

// filter is the outbox filter the page's choices make.
func (p *outboxPage) filter(counts []notify.OutboxCount) notify.OutboxFilter {
	var f notify.OutboxFilter
	switch p.Kind {
	case "":
		for _, c := range counts {
			if isReminder(c.Kind) {
				f.ExceptKinds = append(f.ExceptKinds, c.Kind)
			}
		}
	case allKinds:
	default:
		f.Kind = p.Kind
	}
	f.Unsent, f.Failed = p.Show == showUnsent, p.Show == showFailed
	return f
}

// count fills in the page's figures and filter choices from the counts
// of the whole outbox.
func (p *outboxPage) count(counts []notify.OutboxCount) {
	p.Kinds = []filterChoice{{Value: "", Label: "Every kind but reminders", Selected: p.Kind == ""}, {Value: allKinds, Label: "Every kind, reminders too", Selected: p.Kind == allKinds}}
	for _, c := range counts {
		p.Failed += c.Failed
		if isReminder(c.Kind) {
			p.Reminders += c.Failed + c.Kept
		} else {
			p.Kept += c.Kept
		}
		if c.Kind != "" {
			p.Kinds = append(p.Kinds, filterChoice{Value: c.Kind, Label: kindInWords(c.Kind), Selected: p.Kind == c.Kind})
		}
		if chosen := p.Kind == allKinds || p.Kind == c.Kind || (p.Kind == "" && !isReminder(c.Kind)); chosen {
			switch p.Show {
			case showUnsent:
				p.Total += c.Failed + c.Kept
			case showFailed:
				p.Total += c.Failed
			default:
				p.Total += c.Failed + c.Kept + c.Sent
			}
		}
	}
	if p.Kind != "" && p.Kind != allKinds && !slices.ContainsFunc(p.Kinds, func(k filterChoice) bool { return k.Value == p.Kind }) {
		p.Kinds = append(p.Kinds, filterChoice{Value: p.Kind, Label: kindInWords(p.Kind), Selected: true}) // none of it yet
	}
	for _, s := range []filterChoice{{Value: showUnsent, Label: "Not sent by mail (needs you)"}, {Value: showFailed, Label: "Could not be sent"}, {Value: showAll, Label: "Every message, sent ones too"}} {
		s.Selected = p.Show == s.Value
		p.Shows = append(p.Shows, s)
	}
}

// outboxMessage is e as the page shows it, its times where the admin is.
func (h *Handler) outboxMessage(e notify.Entry, now time.Time) outboxMessage {
	created := e.Created.In(h.site.Zone())
	m := outboxMessage{Entry: e, KindWords: kindInWords(e.Kind), Written: compactTime(created, now), WrittenAt: created.Format(time.RFC3339),
		Rows: min(max(strings.Count(e.Body, "\n")+2, 3), 20)}
	if !e.Sent.IsZero() {
		sent := e.Sent.In(h.site.Zone())
		m.SentOn, m.SentAt = compactTime(sent, now), sent.Format(time.RFC3339)
	}
	return m
}
