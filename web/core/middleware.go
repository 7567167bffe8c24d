package core

import (
	"net/http"
	"net/url"
	"strings"
)

// SecurityHeaders returns middleware that sets the headers every answer
// carries: no sniffing, no framing, no referrer beyond the site, and a
// content security policy that lets in only the site's own scripts,
// styles and images, and map tiles from tileURL's origin alone (none when
// tileURL is ""). A later SecurityHeaders, such as casework's, replaces
// the policy for its own pages.
func SecurityHeaders(tileURL string) func(http.Handler) http.Handler {
	imgSrc := "'self' data:"
	if origin := TileOrigin(tileURL); origin != "" {
		imgSrc += " " + origin
	}
	policy := "default-src 'self'; img-src " + imgSrc + "; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("X-Content-Type-Options", "nosniff")
			h.Set("Referrer-Policy", "same-origin")
			h.Set("X-Frame-Options", "DENY")
			h.Set("Content-Security-Policy", policy)
			next.ServeHTTP(w, r)
		})
	}
}

// TileOrigin is the scheme and host of a map tile template such as
// "https://tile.openstreetmap.org/{z}/{x}/{y}.png", or "" when tileURL
// is "" or not an http(s) address.
func TileOrigin(tileURL string) string {
	u, err := url.Parse(tileURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + u.Host
}

// RecoverPanics turns a handler's panic into a logged 500, keeping the
// server up.
func (s *Site) RecoverPanics(next http.Handler) http.Handler {
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

// Static serves the static files (css, js and images; never the
// templates) under [Site.StaticPrefix], to be cached for ever: the
// prefix changes whenever they do.
func (s *Site) Static() http.Handler {
	files := http.FileServerFS(s.assets)
	return http.StripPrefix(s.staticPrefix, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(strings.TrimPrefix(r.URL.Path, "/"), "templates") {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		files.ServeHTTP(w, r)
	}))
}
