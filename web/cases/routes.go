package cases

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/web/core"
)

// Routes registers the link workers' pages under /casework on r and
// their API on api (the router for /api/v1). POST
// /api/v1/referrals/{id}/status is shared with organisations, so web
// routes a link worker's to [Handler.HandleReferralStatus].
func (h *Handler) Routes(r, api *mux.Router) {
	get, post := []string{http.MethodGet, http.MethodHead}, []string{http.MethodPost}
	both := append(get, http.MethodPost)
	cw := r.PathPrefix("/casework").Subrouter()
	// Casework's own policy lets in map tiles only when an admin turned
	// them on for casework, whatever the residents' pages use.
	cw.Use(core.SecurityHeaders(h.tileURL), h.site.RequireUser)
	cw.HandleFunc("", h.handleDashboard).Methods(get...)
	cw.HandleFunc("/people", h.handlePeople).Methods(get...)
	cw.HandleFunc("/people/search", h.handlePeopleSearch).Methods(post...)
	cw.HandleFunc("/people/new", h.handlePersonNew).Methods(both...)
	cw.HandleFunc("/people/{id}", h.handlePersonShow).Methods(get...)
	cw.HandleFunc("/people/{id}/edit", h.handlePersonEdit).Methods(both...)
	cw.HandleFunc("/people/{id}/contacts", h.handleContactAdd).Methods(post...)
	cw.HandleFunc("/people/{id}/outcomes", h.handleOutcomeAdd).Methods(post...)
	cw.HandleFunc("/people/{id}/referrals", h.handleReferralAdd).Methods(post...)
	cw.HandleFunc("/people/{id}/find-support", h.handlePersonFindSupport).Methods(both...)
	cw.HandleFunc("/people/{id}/summary", h.handleSummary).Methods(get...)
	cw.HandleFunc("/people/{id}/letter", h.handleLetter).Methods(get...)
	cw.HandleFunc("/referrals/{id}/status", h.handleReferralMove).Methods(post...)
	cw.HandleFunc("/services/{id}/address", h.handleConfidentialAddress).Methods(get...)
	cw.HandleFunc("/uptake", h.handleUptake).Methods(get...)
	cw.HandleFunc("/coded-events", h.handleCodedEventsPage).Methods(get...)

	private := func(f http.HandlerFunc) http.Handler { return h.site.RequireUser(f) }
	api.Handle("/people", private(h.handleAPIPersonCreate)).Methods(post...)
	api.Handle("/people/{id}", private(h.handleAPIPersonShow)).Methods(http.MethodGet)
	api.Handle("/people/{id}/fhir", private(h.handleAPIPersonFHIR)).Methods(http.MethodGet)
	api.Handle("/people/{id}/contacts", private(h.handleAPIContactCreate)).Methods(post...)
	api.Handle("/people/{id}/outcomes", private(h.handleAPIOutcomeCreate)).Methods(post...)
	api.Handle("/people/{id}/referrals", private(h.handleAPIReferralCreate)).Methods(post...)
	api.Handle("/coded-events", private(h.handleAPICodedEvents)).Methods(http.MethodGet)
}
