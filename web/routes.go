package web

import (
	"net/http"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
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
	r.Use(s.site.RecoverPanics, core.SecurityHeaders(s.tileURL), s.site.LimitConcurrency, csrf.Handler, s.site.WithSession, s.site.RefuseCommissioners)

	api := r.PathPrefix("/api/v1").Subrouter()
	r.HandleFunc("/healthz", s.handleHealth).Methods(http.MethodGet, http.MethodHead)
	s.public.Routes(r, api)
	s.account.Routes(r, api)
	s.cases.Routes(r, api)
	s.orgs.Routes(r, api)
	s.admin.Routes(r, api)
	// The Open Referral API answers /openreferral and everything under
	// it; the prefix without a slash is its root too.
	s.oruk.Routes(r.PathPrefix(s.orukPrefix).Subrouter())
	s.reports.Routes(r)
	// One address, two audiences: an organisation's editor answers a
	// referral made to it; a link worker moves one their team made.
	api.Handle("/referrals/{id}/status", s.site.RequireUser(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if core.CurrentUser(r).Role == casework.RoleEditor {
			s.orgs.HandleReferralAnswer(w, r)
			return
		}
		s.cases.HandleReferralStatus(w, r)
	}))).Methods(http.MethodPost)

	r.PathPrefix(s.site.StaticPrefix()).Handler(s.site.Static())
	r.NotFoundHandler = http.HandlerFunc(s.site.NotFound)
	r.MethodNotAllowedHandler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
	})
	s.router = r
}

// Route is one registered route: its path template and methods.
type Route struct {
	Path    string
	Methods []string
}

// Routes lists every route the server registers, so that a test can
// check something of each one (who may reach it) and cannot miss one
// added later.
func (s *Server) Routes() []Route {
	var out []Route
	s.router.Walk(func(rt *mux.Route, _ *mux.Router, _ []*mux.Route) error {
		path, err := rt.GetPathTemplate()
		if err != nil {
			return nil // a subrouter's prefix alone: its routes follow
		}
		methods, _ := rt.GetMethods()
		if len(methods) > 0 {
			out = append(out, Route{Path: path, Methods: methods})
		}
		return nil
	})
	return out
}
