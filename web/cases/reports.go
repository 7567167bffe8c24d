package cases

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/web/core"
)

// ---- uptake ----

type uptakePage struct {
	Total     int
	ByStatus  []statusCount
	Services  []uptakeRow
	Kinds     []uptakeRow
	Overall   casework.Rates
	Suppress  int
	Attending int
}

type statusCount struct {
	Label string
	Count int
}

type uptakeRow struct {
	Label  string
	Counts casework.UptakeCounts
	Rates  casework.Rates
}

// handleUptake shows what became of a team's referrals: by status, and
// acceptance and attendance per service and per kind of support, with
// small numbers suppressed.
func (h *Handler) handleUptake(w http.ResponseWriter, r *http.Request) {
	u, err := h.caseworker(r)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	refs, err := h.store.Referrals(r.Context(), casework.ReferralFilter{TeamID: u.TeamID})
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	var ids []string
	for _, ref := range refs {
		ids = append(ids, ref.ServiceID)
	}
	svcs, err := h.store.ServicesByID(r.Context(), ids)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	terms, err := h.store.TaxonomyTerms(r.Context())
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	kindNames := make(map[string]string, len(terms))
	for _, t := range terms {
		kindNames[t.ID] = t.Name
	}
	byStatus := map[casework.ReferralStatus]int{}
	byService := map[string]*uptakeRow{}
	byKind := map[string]*uptakeRow{}
	var overall casework.UptakeCounts
	for _, ref := range refs {
		byStatus[ref.Status]++
		if ref.Mode != casework.ModeReferral {
			continue // signposts have no answer to measure
		}
		rows := []*uptakeRow{row(byService, ref.ServiceName)}
		// By the service's main kind of support, as Linkway gave it, so
		// that services from every feed are counted together.
		if svc, ok := svcs[ref.ServiceID]; ok && len(svc.Kinds) > 0 {
			id := svc.Kinds[0].ID
			rows = append(rows, row(byKind, cmp.Or(kindNames[id], id)))
		}
		for _, rw := range rows {
			count(&rw.Counts, ref)
		}
		count(&overall, ref)
	}
	data := uptakePage{Total: len(refs), Overall: overall.Rates(), Suppress: casework.SmallNumber}
	for _, st := range []casework.ReferralStatus{casework.RefSignposted, casework.RefReferred, casework.RefWaitingList, casework.RefAccepted, casework.RefDeclined,
		casework.RefAttended, casework.RefOngoing, casework.RefCompleted, casework.RefDidNotAttend, casework.RefPersonDeclined, casework.RefWithdrawn} {
		if byStatus[st] > 0 {
			data.ByStatus = append(data.ByStatus, statusCount{Label: st.Label(), Count: byStatus[st]})
		}
	}
	data.Services, data.Kinds = sortedRows(byService), sortedRows(byKind)
	if err := h.site.Audit(r, "uptake.read", "", fmt.Sprintf("%d referrals", len(refs))); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "uptake", "Uptake", data)
}

func row(m map[string]*uptakeRow, label string) *uptakeRow {
	rw, ok := m[label]
	if !ok {
		rw = &uptakeRow{Label: label}
		m[label] = rw
	}
	return rw
}

// count adds what became of one referral: it counts as accepted or
// attended if it ever got there, whatever happened after.
func count(c *casework.UptakeCounts, ref *casework.Referral) {
	c.Referred++
	accepted, attended := false, false
	for _, e := range ref.History {
		switch e.To {
		case casework.RefAccepted, casework.RefOngoing, casework.RefCompleted:
			accepted = true
		case casework.RefAttended:
			if !attended {
				c.DaysToFirstAttendance = append(c.DaysToFirstAttendance, e.At.Sub(ref.CreatedAt).Hours()/24)
			}
			accepted, attended = true, true
		case casework.RefDeclined:
			c.Declined++
		}
	}
	if accepted {
		c.Accepted++
	}
	if attended {
		c.Attended++
	}
}

func sortedRows(m map[string]*uptakeRow) []uptakeRow {
	var out []uptakeRow
	for _, rw := range m {
		rw.Rates = rw.Counts.Rates()
		out = append(out, *rw)
	}
	slices.SortFunc(out, func(a, b uptakeRow) int {
		if a.Counts.Referred != b.Counts.Referred {
			return b.Counts.Referred - a.Counts.Referred
		}
		return strings.Compare(a.Label, b.Label)
	})
	return out
}

// ---- coded events ----

type codedPage struct {
	From, To string
	Rows     []casework.CodedEventRow
	Error    string
}

// handleCodedEventsPage lists a team's coded events for a date range,
// with a CSV download for entry into the GP system.
func (h *Handler) handleCodedEventsPage(w http.ResponseWriter, r *http.Request) {
	u, err := h.caseworker(r)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	from, to, err := dateRange(r, h.site.LocalNow())
	status := http.StatusOK
	data := codedPage{From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to")}
	if err != nil {
		status, data.Error = http.StatusBadRequest, core.FormMessage(err)
	} else {
		data.From, data.To = core.TypedDate(from), core.TypedDate(to)
		if data.Rows, err = h.store.CodedEvents(r.Context(), u.TeamID, from, to); err != nil {
			h.site.Fail(w, r, err)
			return
		}
		if err := h.site.Audit(r, "coded_events.read", "", fmt.Sprintf("%d events", len(data.Rows))); err != nil {
			h.site.Fail(w, r, err)
			return
		}
	}
	h.site.RenderPrivate(w, r, status, "coded", "Coded events for the GP record", data)
}
