package core

import (
	"bytes"
	"net/http"
	"strings"

	"github.com/linkway/linkway/casework"
)

// commissionerAPI are the only API routes a commissioner may use:
// the directory's, and their own login.
var commissionerAPI = []string{"/api/v1/search", "/api/v1/match", "/api/v1/login", "/api/v1/logout", "/api/v1/me"}

// personAreas are the parts of the site behind a login that hold
// people's records or act for an organisation or team.
var personAreas = []string{"/casework", "/admin", "/org", "/answer/", "/invite/"}

// RefuseCommissioners answers 403 to a commissioner asking for any
// route that can show a person or act on their record: commissioners
// read aggregated reports and the public directory, nothing else.
// Unlike other refusals (404, so that a page stays unknown), this one
// says plainly that the role may not go there, since commissioners know
// casework exists. Everyone else passes straight through.
//
// The API is closed to them but for [commissionerAPI], so that a new
// API route is refused until someone decides otherwise.
func (s *Site) RefuseCommissioners(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if u := CurrentUser(r); u != nil && u.Role == casework.RoleCommissioner && !commissionerMay(r.URL.Path) {
			s.forbid(w, r, "Commissioners see the reports only, never a person’s record.")
			return
		}
		next.ServeHTTP(w, r)
	})
}

func commissionerMay(path string) bool {
	if strings.HasPrefix(path, "/api/") {
		for _, p := range commissionerAPI {
			if path == p {
				return true
			}
		}
		return false
	}
	for _, p := range personAreas {
		if path == strings.TrimSuffix(p, "/") || strings.HasPrefix(path, strings.TrimSuffix(p, "/")+"/") {
			return false
		}
	}
	return true
}

// forbid answers 403 with msg: JSON under /api/, the error page
// elsewhere.
func (s *Site) forbid(w http.ResponseWriter, r *http.Request, msg string) {
	w.Header().Set("Cache-Control", "no-store")
	if IsAPI(r) {
		WriteJSON(w, http.StatusForbidden, APIError{Error: msg})
		return
	}
	if t, ok := s.pages["error"]; ok {
		var buf bytes.Buffer
		if t.ExecuteTemplate(&buf, "layout", page{Title: http.StatusText(http.StatusForbidden), Data: errorPage{http.StatusForbidden, msg}, User: CurrentUser(r)}) == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusForbidden)
			buf.WriteTo(w)
			return
		}
	}
	http.Error(w, msg, http.StatusForbidden)
}
