package core

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/linkway/linkway/casework"
)

// as is r as the session middleware leaves it when u is logged in (nil:
// nobody is).
func as(r *http.Request, u *casework.User) *http.Request {
	if u == nil {
		return r
	}
	return r.WithContext(context.WithValue(r.Context(), userKey{}, u))
}

func TestRequireRole(t *testing.T) {
	s := mustSite(t, nil)
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("admin only")) })
	h := s.RequireRole(casework.RoleAdmin)(ok)
	worker := &casework.User{ID: 2, Role: casework.RoleLinkWorker, TeamID: "north"}
	admin := &casework.User{ID: 1, Role: casework.RoleAdmin}
	for _, tt := range []struct {
		name     string
		path     string
		user     *casework.User
		status   int
		location string
		body     string // the body must contain it
	}{
		{"logged out, a page", "/test/admin-only", nil, http.StatusSeeOther, "/login", ""},
		{"logged out, the API", "/api/v1/test/admin-only", nil, http.StatusUnauthorized, "", `{"error":"log in first"}`},
		{"wrong role, a page", "/test/admin-only", worker, http.StatusNotFound, "", "Page not found"},
		{"wrong role, the API", "/api/v1/test/admin-only", worker, http.StatusNotFound, "", `{"error":"we could not find that page"}`},
		{"right role", "/test/admin-only", admin, http.StatusOK, "", "admin only"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, as(httptest.NewRequest(http.MethodGet, tt.path, nil), tt.user))
			if rec.Code != tt.status || rec.Header().Get("Location") != tt.location || !strings.Contains(rec.Body.String(), tt.body) {
				t.Errorf("GET %s = %d to %q: %s; want %d to %q with %q", tt.path, rec.Code, rec.Header().Get("Location"), rec.Body, tt.status, tt.location, tt.body)
			}
			if tt.status == http.StatusOK && rec.Header().Get("Cache-Control") != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store behind a login", rec.Header().Get("Cache-Control"))
			}
			if tt.status != http.StatusOK && strings.Contains(rec.Body.String(), "admin only") {
				t.Errorf("GET %s showed the page to someone who may not see it", tt.path)
			}
		})
	}
}

func TestWhoIsAsking(t *testing.T) {
	r := httptest.NewRequest(http.MethodGet, "/", nil)
	r.RemoteAddr = "192.0.2.7:50123"
	if got := Who(r); got != (casework.Who{Remote: "192.0.2.7"}) {
		t.Errorf("Who(nobody) = %+v, want only the address", got)
	}
	if got := Who(as(r, &casework.User{ID: 42})); got != (casework.Who{UserID: 42, Remote: "192.0.2.7"}) {
		t.Errorf("Who(user 42) = %+v", got)
	}
}
