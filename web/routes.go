package web

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/web/core"
)

func (s *Server) routes() {
	r := mux.NewRouter()
	// Ids are kept as imported and may hold any character, so routes
	// match the escaped path and handlers unescape (see core.PathVar).
	r.UseEncodedPath()
	// Every state-changing request must come from our own pages (or from
	// a client that is not a browser): Go's cross-origin protection reads
	// the browser's Sec-Fetch-Site and Origin headers, so forms need no
	// tokens.
	csrf := http.NewCrossOriginProtection()
	// The concurrency limit comes before the session, the first thing
	// that reads the database, so a refusal costs next to nothing.
	r.Use(s.site.RecoverPanics, core.SecurityHeaders, s.site.LimitConcurrency, csrf.Handler, s.site.WithSession)

	// The JSON API, for each audience below.
	api := r.PathPrefix("/api/v1").Subrouter()

	r.HandleFunc("/healthz", s.handleHealth).Methods(http.MethodGet, http.MethodHead)
	s.public.Routes(r, api)
	s.account.Routes(r, api)

	// Casework: only logged-in link workers (and admins in a team) get
	// past caseworker(); everyone else is told the page does not exist.
	cw := r.PathPrefix("/casework").Subrouter()
	cw.Use(s.site.RequireUser)
	cw.HandleFunc("", s.handleDashboard).Methods(http.MethodGet, http.MethodHead)
	cw.HandleFunc("/people", s.handlePeople).Methods(http.MethodGet, http.MethodHead)
	cw.HandleFunc("/people/new", s.handlePersonNew).Methods(http.MethodGet, http.MethodHead, http.MethodPost)
	cw.HandleFunc("/people/{id}", s.handlePersonShow).Methods(http.MethodGet, http.MethodHead)
	cw.HandleFunc("/people/{id}/edit", s.handlePersonEdit).Methods(http.MethodGet, http.MethodHead, http.MethodPost)
	cw.HandleFunc("/people/{id}/contacts", s.handleContactAdd).Methods(http.MethodPost)
	cw.HandleFunc("/people/{id}/outcomes", s.handleOutcomeAdd).Methods(http.MethodPost)
	cw.HandleFunc("/people/{id}/referrals", s.handleReferralAdd).Methods(http.MethodPost)
	cw.HandleFunc("/people/{id}/find-support", s.handlePersonFindSupport).Methods(http.MethodGet, http.MethodHead, http.MethodPost)
	cw.HandleFunc("/people/{id}/summary", s.handleSummary).Methods(http.MethodGet, http.MethodHead)
	cw.HandleFunc("/referrals/{id}/status", s.handleReferralMove).Methods(http.MethodPost)
	cw.HandleFunc("/uptake", s.handleUptake).Methods(http.MethodGet, http.MethodHead)
	cw.HandleFunc("/coded-events", s.handleCodedEventsPage).Methods(http.MethodGet, http.MethodHead)

	s.admin.Routes(r, api)

	private := func(h http.HandlerFunc) http.Handler { return s.site.RequireUser(h) }
	api.Handle("/people", private(s.handleAPIPersonCreate)).Methods(http.MethodPost)
	api.Handle("/people/{id}", private(s.handleAPIPersonShow)).Methods(http.MethodGet)
	api.Handle("/people/{id}/contacts", private(s.handleAPIContactCreate)).Methods(http.MethodPost)
	api.Handle("/people/{id}/outcomes", private(s.handleAPIOutcomeCreate)).Methods(http.MethodPost)
	api.Handle("/people/{id}/referrals", private(s.handleAPIReferralCreate)).Methods(http.MethodPost)
	api.Handle("/referrals/{id}/status", private(s.handleAPIReferralStatus)).Methods(http.MethodPost)
	api.Handle("/coded-events", private(s.handleAPICodedEvents)).Methods(http.MethodGet)

	s.orgs.Routes(r, api)

	r.PathPrefix(s.site.StaticPrefix()).Handler(s.site.Static())
	r.NotFoundHandler = http.HandlerFunc(s.site.NotFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	})
	s.router = r
}
