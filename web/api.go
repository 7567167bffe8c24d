package web

import (
	"encoding/json"
	"net/http"

	"github.com/linkway/linkway/directory"
)

type apiError struct {
	Error string `json:"error"`
}

func writeJSON(w http.ResponseWriter, status int, v any) {
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

// failJSON is fail for the JSON API: the same mapping of kinds to status,
// the same logging of internal errors only, and a JSON body.
func (s *Server) failJSON(w http.ResponseWriter, r *http.Request, err error) {
	if s.clientWentAway(r, err) {
		return
	}
	status := statusOf(err)
	if status == http.StatusInternalServerError {
		s.log.ErrorContext(r.Context(), "request failed", "method", r.Method, "route", routeName(r), "err", err)
	}
	writeJSON(w, status, apiError{Error: directory.MessageOf(err)})
}
