package admin

import (
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/web/core"
)

// auditPageSize is how many audit entries a page shows.
const auditPageSize = 100

type auditPage struct {
	Entries  []casework.AuditEntry
	Total    int
	From, To string
	PersonID string
	Next     string
	Prev     string
	Error    string
}

// auditFilterOf reads the audit filter from the query: from and to
// (YYYY-MM-DD, to inclusive), person and page.
func auditFilterOf(r *http.Request) (casework.AuditFilter, int, error) {
	q := r.URL.Query()
	var f casework.AuditFilter
	from, err := casework.ParseDate("from", q.Get("from"))
	if err != nil {
		return f, 0, err
	}
	to, err := casework.ParseDate("to", q.Get("to"))
	if err != nil {
		return f, 0, err
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	page, _ := strconv.Atoi(q.Get("page"))
	page = max(page, 1)
	f = casework.AuditFilter{From: from, To: to, PersonID: strings.TrimSpace(q.Get("person")), Limit: auditPageSize, Offset: (page - 1) * auditPageSize}
	return f, page, nil
}

// handleAuditPage lets an admin read the audit log.
func (h *Handler) handleAuditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := auditPage{From: q.Get("from"), To: q.Get("to"), PersonID: q.Get("person")}
	f, page, err := auditFilterOf(r)
	status := http.StatusOK
	if err != nil {
		status, data.Error = http.StatusBadRequest, core.FormMessage(err)
	} else {
		if data.Entries, data.Total, err = h.store.Audit(r.Context(), f); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		link := func(p int) string {
			v := r.URL.Query()
			v.Set("page", strconv.Itoa(p))
			return "/admin/audit?" + v.Encode()
		}
		if page*auditPageSize < data.Total {
			data.Next = link(page + 1)
		}
		if page > 1 {
			data.Prev = link(page - 1)
		}
		if err := h.site.Audit(r, "audit.read", "", ""); err != nil {
			h.site.Fail(w, r, err)
			return
		}
	}
	h.site.RenderPrivate(w, r, status, "audit", "Audit log", data)
}

// handleAPIAudit returns the audit log as JSON, or CSV when asked.
func (h *Handler) handleAPIAudit(w http.ResponseWriter, r *http.Request) {
	f, _, err := auditFilterOf(r)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	csvWanted := strings.Contains(r.Header.Get("Accept"), "text/csv") || r.URL.Query().Get("format") == "csv"
	if csvWanted {
		f.Limit, f.Offset = 0, 0 // an export is the whole selection
	}
	entries, total, err := h.store.Audit(r.Context(), f)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	if err := h.site.Audit(r, "audit.export", "", ""); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	if csvWanted {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="audit.csv"`)
		cw := csv.NewWriter(w)
		cw.Write([]string{"at", "user_id", "action", "person_id", "detail", "remote"})
		for _, e := range entries {
			cw.Write([]string{e.At.UTC().Format(time.RFC3339), strconv.FormatInt(e.UserID, 10), e.Action, e.PersonID, e.Detail, e.Remote})
		}
		cw.Flush()
		return
	}
	type entryJSON struct {
		At       string `json:"at"`
		UserID   int64  `json:"user_id"`
		Action   string `json:"action"`
		PersonID string `json:"person_id,omitempty"`
		Detail   string `json:"detail,omitempty"`
		Remote   string `json:"remote,omitempty"`
	}
	out := []entryJSON{}
	for _, e := range entries {
		out = append(out, entryJSON{At: e.At.UTC().Format(time.RFC3339), UserID: e.UserID, Action: e.Action, PersonID: e.PersonID, Detail: e.Detail, Remote: e.Remote})
	}
	core.WriteJSON(w, http.StatusOK, map[string]any{"entries": out, "total": total})
}
