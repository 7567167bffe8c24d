package admin

import (
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

// auditPageSize is how many audit entries a page shows.
const auditPageSize = 50

// auditCountUpTo is how far the page counts the entries chosen: beyond
// it, it says "more than" and asks for dates or a user instead, so that
// a page stays quick however long the log grows.
const auditCountUpTo = 10_000

type auditPage struct {
	Rows     []auditRow
	Pager    pager
	From, To string
	PersonID string
	Users    []core.Option // to filter by; the chosen one Selected
	Actions  []core.Option
	Filtered bool   // some filter is chosen
	Capped   bool   // more than auditCountUpTo entries are chosen
	CSV      string // the same selection, as CSV
	Error    string
}

// auditRow is an audit entry as admins read it.
type auditRow struct {
	When, WhenFull, WhenISO string
	Who                     string
	Action                  string // in words
	PersonID, Detail        string
	Remote                  string
}

// auditFilterOf reads the audit filter from the query: from and to
// (YYYY-MM-DD, to inclusive), user (an id), action (a code), person and
// page.
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
	if !from.IsZero() && !to.IsZero() && to.Before(from) {
		return f, 0, directory.Errorf(directory.Invalid, "to: the end of the dates is before their start")
	}
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1)
	}
	var userID int64
	if v := strings.TrimSpace(q.Get("user")); v != "" {
		if userID, err = strconv.ParseInt(v, 10, 64); err != nil || userID < 0 {
			return f, 0, directory.Errorf(directory.Invalid, "user: choose a user from the list")
		}
	}
	page, err := pageOf(q)
	if err != nil {
		return f, 0, err
	}
	f = casework.AuditFilter{From: from, To: to, UserID: userID, Action: strings.TrimSpace(q.Get("action")), PersonID: strings.TrimSpace(q.Get("person")),
		Limit: auditPageSize, Offset: (page - 1) * auditPageSize}
	return f, page, nil
}

// handleAuditPage lets an admin read the audit log, in words, filtered
// by user, action, dates and person.
func (h *Handler) handleAuditPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	data := auditPage{From: q.Get("from"), To: q.Get("to"), PersonID: q.Get("person")}
	users, err := h.store.Users(r.Context())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	byID := map[int64]casework.User{}
	for _, u := range users {
		byID[u.ID] = u
		data.Users = append(data.Users, core.Option{Value: strconv.FormatInt(u.ID, 10), Label: userLabel(u), Selected: q.Get("user") == strconv.FormatInt(u.ID, 10)})
	}
	for _, code := range actionChoices() {
		data.Actions = append(data.Actions, core.Option{Value: code, Label: actionInWords(code), Selected: q.Get("action") == code})
	}
	f, page, err := auditFilterOf(r)
	if err != nil {
		data.Error = core.FormMessage(err)
		h.site.RenderPrivate(w, r, http.StatusBadRequest, "audit", "Error: Audit log", data)
		return
	}
	data.Filtered = f.UserID != 0 || f.Action != "" || f.PersonID != "" || !f.From.IsZero() || !f.To.IsZero()
	f.CountUpTo = auditCountUpTo + 1
	entries, total, err := h.store.Audit(r.Context(), f)
	if err == nil && len(entries) == 0 && total > 0 {
		// Past the last page: show the last page.
		page = (total + auditPageSize - 1) / auditPageSize
		f.Offset = (page - 1) * auditPageSize
		entries, total, err = h.store.Audit(r.Context(), f)
	}
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	keep := url.Values{}
	for _, k := range []string{"from", "to", "user", "action", "person"} {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			keep.Set(k, v)
		}
	}
	data.Pager = newPager("/admin/audit", keep, page, auditPageSize, total)
	data.Capped = total > auditCountUpTo
	csv := url.Values{"format": {"csv"}}
	for k, v := range keep {
		csv[k] = v
	}
	data.CSV = "/api/v1/audit?" + csv.Encode()
	now := h.site.Now().In(h.site.Zone())
	for _, e := range entries {
		at := e.At.In(h.site.Zone())
		data.Rows = append(data.Rows, auditRow{When: compactTime(at, now), WhenFull: fullTime(at), WhenISO: at.Format(time.RFC3339),
			Who: whoDid(e, byID), Action: actionInWords(e.Action), PersonID: e.PersonID, Detail: e.Detail, Remote: e.Remote})
	}
	if err := h.site.Audit(r, "audit.read", "", ""); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "audit", "Audit log", data)
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
