package core

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
)

// page is what every page template gets: its own data in Data plus what
// the layout needs.
type page struct {
	Title string
	Data  any
	User  *casework.User // who is logged in, for the header; nil for residents
}

// Render writes the page called name (templates/pages/name.html),
// rendering into a buffer first so that a template error becomes a clean
// error page, not half a page.
func (s *Site) Render(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	t, ok := s.pages[name]
	if !ok {
		s.Fail(w, r, fmt.Errorf("web: no page %q", name))
		return
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", page{Title: title, Data: data, User: CurrentUser(r)}); err != nil {
		s.Fail(w, r, fmt.Errorf("web: render %s: %w", name, err))
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// RenderPrivate renders a page that shows personal data, so that no
// browser or proxy cache keeps it.
func (s *Site) RenderPrivate(w http.ResponseWriter, r *http.Request, status int, name, title string, data any) {
	w.Header().Set("Cache-Control", "no-store")
	s.Render(w, r, status, name, title, data)
}

type errorPage struct {
	Status  int
	Message string
}

// Fail maps an error's kind to a status, logs only internal errors, and
// shows a page whose message is safe for anyone to read.
func (s *Site) Fail(w http.ResponseWriter, r *http.Request, err error) {
	if s.clientWentAway(r, err) {
		return
	}
	status := s.failStatus(r, err)
	msg := directory.MessageOf(err)
	if t, ok := s.pages["error"]; ok {
		var buf bytes.Buffer
		if t.ExecuteTemplate(&buf, "layout", page{Title: http.StatusText(status), Data: errorPage{status, msg}, User: CurrentUser(r)}) == nil {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(status)
			buf.WriteTo(w)
			return
		}
	}
	http.Error(w, msg, status)
}

// failStatus maps an error's kind to a status and logs the error when it
// is internal, the only kind an operator needs to see.
func (s *Site) failStatus(r *http.Request, err error) int {
	status := StatusOf(err)
	if status == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", routeName(r), "err", err)
	}
	return status
}

// FailJSON is [Site.Fail] for the JSON API: the same mapping of kinds to
// status, the same logging of internal errors only, and a JSON body.
func (s *Site) FailJSON(w http.ResponseWriter, r *http.Request, err error) {
	if s.clientWentAway(r, err) {
		return
	}
	status := s.failStatus(r, err)
	WriteJSON(w, status, APIError{Error: directory.MessageOf(err)})
}

// FailAny is [Site.FailJSON] under /api/ and [Site.Fail] elsewhere.
func (s *Site) FailAny(w http.ResponseWriter, r *http.Request, err error) {
	if IsAPI(r) {
		s.FailJSON(w, r, err)
		return
	}
	s.Fail(w, r, err)
}

// clientWentAway reports whether r's client hung up before its answer
// was ready, and logs it as such. Then err is most likely only the
// cancelled request context showing through, not a fault of ours, and
// there is nobody left to answer: no error page is written and no 500
// logged. err is kept in the line in case it was a fault after all.
func (s *Site) clientWentAway(r *http.Request, err error) bool {
	if !errors.Is(r.Context().Err(), context.Canceled) {
		return false
	}
	s.log.InfoContext(r.Context(), "client went away", "method", r.Method, "route", routeName(r), "err", err)
	return true
}

// StatusOf is the HTTP status for err's kind. Forbidden is answered as
// not found: what someone may not see should not be known to exist.
func StatusOf(err error) int {
	switch directory.KindOf(err) {
	case directory.NotFound, directory.Forbidden:
		return http.StatusNotFound
	case directory.Invalid:
		return http.StatusBadRequest
	case directory.Conflict:
		return http.StatusConflict
	}
	return http.StatusInternalServerError
}

// routeName names the matched route without its variables, so logs never
// carry ids or other values from the URL.
func routeName(r *http.Request) string {
	if rt := mux.CurrentRoute(r); rt != nil {
		if tpl, err := rt.GetPathTemplate(); err == nil {
			return tpl
		}
	}
	return "unmatched"
}

// APIError is the JSON API's body for an error.
type APIError struct {
	Error string `json:"error"`
}

// WriteJSON answers with v as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, `{"error":"could not encode the answer"}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte("\n"))
}

// NonNil is xs, or an empty list for nil, so that JSON says [] and not
// null.
func NonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

// NotFound answers that the page does not exist.
func (s *Site) NotFound(w http.ResponseWriter, r *http.Request) {
	s.Fail(w, r, directory.Errorf(directory.NotFound, "we could not find that page"))
}
