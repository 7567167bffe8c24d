package core

import (
	"net/http"
	"net/url"

	"github.com/gorilla/mux"
)

// PathVar returns the route variable name, unescaped. Ids are kept as
// imported and may hold any character, so routes match the escaped path
// (the router uses UseEncodedPath) and handlers unescape here.
func PathVar(r *http.Request, name string) string {
	v, err := url.PathUnescape(mux.Vars(r)[name])
	if err != nil {
		return ""
	}
	return v
}

// PathEscape escapes an id for use as one path segment.
func PathEscape(id string) string { return url.PathEscape(id) }

// ServiceURL is the public page of the service with id.
func ServiceURL(id string) string { return "/services/" + PathEscape(id) }
