package admin

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/notify"
)

// outboxPageSize is how many messages the outbox page shows at once.
const outboxPageSize = 50

type outboxPage struct {
	Messages []outboxMessage
	Kinds    []string
	Kind     string // the kind chosen, "" for all
	Older    string // a link to older messages, if there are any
	Newest   string // a link back to the newest, when paging back
}

type outboxMessage struct {
	notify.Entry
	Rows int // lines for the message's text box
}

// handleOutbox lets an admin read every notification Linkway has sent or
// kept, newest first. The messages hold single-use links (an invitation,
// a "still correct" confirmation), so the page is for admins only, never
// cached, and each reading is audited.
func (h *Handler) handleOutbox(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := outboxPage{Kind: q.Get("kind")}
	f := notify.OutboxFilter{Kind: data.Kind, Limit: outboxPageSize + 1}
	// A before that is not a number shows the newest messages.
	f.Before, _ = strconv.ParseInt(q.Get("before"), 10, 64)
	entries, err := h.store.Outbox(r.Context(), f)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if data.Kinds, err = h.store.OutboxKinds(r.Context()); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	link := func(before int64) string {
		v := url.Values{}
		if data.Kind != "" {
			v.Set("kind", data.Kind)
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
	for _, e := range entries {
		e.Created, e.Sent = e.Created.In(h.site.Zone()), inZone(e.Sent, h.site.Zone())
		data.Messages = append(data.Messages, outboxMessage{Entry: e, Rows: min(max(strings.Count(e.Body, "\n")+2, 3), 20)})
	}
	if err := h.site.Audit(r, "outbox.read", "", data.Kind); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "outbox", "Outbox", data)
}

// inZone is t in zone, keeping the zero time zero ("not sent").
func inZone(t time.Time, zone *time.Location) time.Time {
	if t.IsZero() {
		return t
	}
	return t.In(zone)
}
