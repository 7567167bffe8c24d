package cases

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/fhir"
	"github.com/linkway/linkway/web/core"
)

// handleAPIPersonFHIR is GET /api/v1/people/{id}/fhir: the person's
// social prescribing record as a FHIR R4 Bundle for their GP practice,
// scoped to the team and audited as every read of a record.
//
// An organisation's editor or a commissioner is told 403 before any
// person is looked up: their role never reads records, which says
// nothing about whether this id exists. Everyone else who may not see
// the person (another team, an admin with no team) gets the 404 of every
// person route.
func (h *Handler) handleAPIPersonFHIR(w http.ResponseWriter, r *http.Request) {
	if u := core.CurrentUser(r); u != nil && (u.Role == casework.RoleEditor || u.Role == casework.RoleCommissioner) {
		core.WriteJSON(w, http.StatusForbidden, core.APIError{Error: "your account cannot read people's records"})
		return
	}
	rec, err := h.recordFor(r, core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	p := rec.Person
	workers, err := h.workerNames(r.Context(), rec)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	body, err := json.Marshal(fhir.Build(fhir.Record{Person: p, Contacts: rec.Contacts, Referrals: rec.Referrals,
		Outcomes: rec.Outcomes, Coded: rec.Coded, Workers: workers}, h.site.Now()))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	if err := h.site.Audit(r, "person.fhir", p.ID, "api"); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/fhir+json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// workerNames names the users who appear in rec: the assigned link
// worker and whoever made its contacts, referrals, scores and coded
// events.
func (h *Handler) workerNames(ctx context.Context, rec *personRecord) (map[int64]string, error) {
	want := map[int64]bool{rec.Person.LinkWorker: true}
	for _, c := range rec.Contacts {
		want[c.By] = true
	}
	for _, ref := range rec.Referrals {
		want[ref.CreatedBy] = true
	}
	for _, o := range rec.Outcomes {
		want[o.By] = true
	}
	for _, ev := range rec.Coded {
		want[ev.By] = true
	}
	users, err := h.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, u := range users {
		if want[u.ID] && u.Name != "" {
			names[u.ID] = u.Name
		}
	}
	return names, nil
}
