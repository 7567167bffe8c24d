package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
)

func (s *Server) routes() {
	r := mux.NewRouter()
	// Ids are kept as imported and may hold any character, so routes
	// match the escaped path and handlers unescape (see pathVar).
	r.UseEncodedPath()
	// Every state-changing request must come from our own pages (or from
	// a client that is not a browser): Go's cross-origin protection reads
	// the browser's Sec-Fetch-Site and Origin headers, so forms need no
	// tokens.
	csrf := http.NewCrossOriginProtection()
	// The concurrency limit comes before the session, the first thing
	// that reads the database, so a refusal costs next to nothing.
	r.Use(s.recoverPanics, securityHeaders, s.limitConcurrency, csrf.Handler, s.withSession)

	r.HandleFunc("/healthz", s.handleHealth).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/", s.handleHome).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/browse", s.handleBrowseIndex).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/browse/{term}", s.handleBrowse).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/services/{id}", s.handleServiceShow).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/search", s.handleSearchPage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/find-support", s.handleFindSupport).Methods(http.MethodGet, http.MethodHead, http.MethodPost)
	r.HandleFunc("/login", s.handleLoginPage).Methods(http.MethodGet, http.MethodHead)
	r.HandleFunc("/login", s.handleLogin).Methods(http.MethodPost)
	r.HandleFunc("/logout", s.handleLogout).Methods(http.MethodPost)

	// Casework: only logged-in link workers (and admins in a team) get
	// past caseworker(); everyone else is told the page does not exist.
	cw := r.PathPrefix("/casework").Subrouter()
	cw.Use(s.requireUser)
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

	admin := r.PathPrefix("/admin").Subrouter()
	admin.Use(s.requireRole(casework.RoleAdmin))
	admin.HandleFunc("/audit", s.handleAuditPage).Methods(http.MethodGet, http.MethodHead)
	admin.HandleFunc("/users", s.handleUsers).Methods(http.MethodGet, http.MethodHead, http.MethodPost)
	admin.HandleFunc("/users/{id}/disable", s.handleUserDisable).Methods(http.MethodPost)

	api := r.PathPrefix("/api/v1").Subrouter()
	api.HandleFunc("/search", s.handleAPISearch).Methods(http.MethodGet)
	api.HandleFunc("/match", s.handleAPIMatch).Methods(http.MethodPost)
	api.HandleFunc("/login", s.handleAPILogin).Methods(http.MethodPost)
	api.HandleFunc("/logout", s.handleAPILogout).Methods(http.MethodPost)
	api.Handle("/me", s.requireUser(http.HandlerFunc(s.handleAPIMe))).Methods(http.MethodGet)
	private := func(h http.HandlerFunc) http.Handler { return s.requireUser(h) }
	api.Handle("/people", private(s.handleAPIPersonCreate)).Methods(http.MethodPost)
	api.Handle("/people/{id}", private(s.handleAPIPersonShow)).Methods(http.MethodGet)
	api.Handle("/people/{id}/contacts", private(s.handleAPIContactCreate)).Methods(http.MethodPost)
	api.Handle("/people/{id}/outcomes", private(s.handleAPIOutcomeCreate)).Methods(http.MethodPost)
	api.Handle("/people/{id}/referrals", private(s.handleAPIReferralCreate)).Methods(http.MethodPost)
	api.Handle("/referrals/{id}/status", private(s.handleAPIReferralStatus)).Methods(http.MethodPost)
	api.Handle("/coded-events", private(s.handleAPICodedEvents)).Methods(http.MethodGet)
	api.Handle("/audit", s.requireRole(casework.RoleAdmin)(http.HandlerFunc(s.handleAPIAudit))).Methods(http.MethodGet)

	s.orgRoutes(r, api)

	r.PathPrefix(s.staticPrefix).Handler(http.StripPrefix(s.staticPrefix, immutable(http.FileServerFS(s.assets))))
	r.NotFoundHandler = http.HandlerFunc(s.handleNotFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	})
	s.router = r
}

// pathVar returns the unescaped route variable name.
func pathVar(r *http.Request, name string) string {
	v, err := url.PathUnescape(mux.Vars(r)[name])
	if err != nil {
		return ""
	}
	return v
}

// pathEscape escapes an id for use as one path segment.
func pathEscape(id string) string { return url.PathEscape(id) }

func serviceURL(id string) string { return "/services/" + pathEscape(id) }

func immutable(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Templates are not served: only css, js and images.
		if strings.HasPrefix(strings.TrimPrefix(r.URL.Path, "/"), "templates") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		h.ServeHTTP(w, r)
	})
}

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'")
		next.ServeHTTP(w, r)
	})
}

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.log.ErrorContext(r.Context(), "panic serving request", "route", routeName(r), "panic", v)
				http.Error(w, "something went wrong on our side; please try again", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}
