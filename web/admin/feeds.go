package admin

import (
	"net/http"
	"time"

	"github.com/linkway/linkway/directory"
)

// Live feeds: Open Referral APIs the directory is kept in sync with
// (package hsds). Feeds are added with `linkway feed`; admins see here
// how each one's last sync went, and sync one now (jobs.go).

type feedRow struct {
	directory.Feed
	// LastSync and Applied are in the site's zone, "" when never.
	LastSync, Applied string
}

// handleFeeds lists the feeds with what their last sync did.
func (h *Handler) handleFeeds(w http.ResponseWriter, r *http.Request) {
	feeds, err := h.store.Feeds(r.Context())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	when := h.when
	rows := make([]feedRow, len(feeds))
	for i, f := range feeds {
		rows[i] = feedRow{Feed: f, LastSync: when(f.Last.At), Applied: when(f.AppliedAt)}
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "feeds", "Live feeds", rows)
}

// when is t in the site's zone, for a page; "" when t is zero.
func (h *Handler) when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(h.site.Zone()).Format("2 January 2006, 15:04")
}
