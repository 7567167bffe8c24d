package openreferral

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"github.com/linkway/linkway/web/core"
)

// cors lets any web page read the API: it is public data, read with GET
// and no credentials, so any origin may have it. Preflights are answered
// here.
func (h *Handler) cors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Access-Control-Allow-Origin", "*")
		hd.Set("Access-Control-Expose-Headers", "ETag, Retry-After")
		if r.Method == http.MethodOptions {
			hd.Set("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
			hd.Set("Access-Control-Allow-Headers", "Accept, If-None-Match")
			hd.Set("Access-Control-Max-Age", "86400")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// rateLimit answers 429, with Retry-After, to a client address that has
// made its allowance of requests this minute.
func (h *Handler) rateLimit(next http.Handler) http.Handler {
	if h.limiter == nil {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		key, now := core.LimiterKey(core.ClientAddr(r)), h.site.Now()
		blocked, wait, err := h.limiter.Blocked(r.Context(), key, now)
		if err != nil {
			h.site.FailJSON(w, r, err)
			return
		}
		if blocked {
			core.SetRetryAfter(w, wait)
			core.WriteJSON(w, http.StatusTooManyRequests, core.APIError{Error: "too many requests from this address: wait a minute and try again"})
			return
		}
		if _, err := h.limiter.Fail(r.Context(), key, now); err != nil {
			h.site.FailJSON(w, r, err)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// etagVersion changes whenever what the API writes for the same data
// changes, so that clients do not keep an old answer.
const etagVersion = "oruk3-v1"

// cache tags each answer with an ETag made of the store's change-log
// position and the request: while nothing in the directory changes, the
// same request gets the same answer, and a client that sends the tag
// back gets 304 without the directory being read.
func (h *Handler) cache(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seq, err := h.store.LastChangeSeq(r.Context())
		if err != nil {
			h.site.FailJSON(w, r, err)
			return
		}
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%s\x00%s", etagVersion, seq, r.URL.EscapedPath(), r.URL.RawQuery))
		tag := `"` + hex.EncodeToString(sum[:12]) + `"`
		// No Vary: every origin gets the same answer ("*").
		w.Header().Set("Cache-Control", "public, max-age=60")
		if matches(r.Header.Get("If-None-Match"), tag) {
			w.Header().Set("ETag", tag)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		next.ServeHTTP(&taggedWriter{ResponseWriter: w, tag: tag}, r)
	})
}

// matches reports whether an If-None-Match header names tag (or is "*").
func matches(header, tag string) bool {
	for t := range strings.SplitSeq(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == tag || t == "*" {
			return true
		}
	}
	return false
}

// taggedWriter sets the ETag on successful answers only: an error is not
// worth keeping.
type taggedWriter struct {
	http.ResponseWriter
	tag         string
	wroteHeader bool
}

func (t *taggedWriter) WriteHeader(status int) {
	if !t.wroteHeader {
		t.wroteHeader = true
		if status == http.StatusOK {
			t.Header().Set("ETag", t.tag)
		} else {
			t.Header().Del("Cache-Control")
		}
	}
	t.ResponseWriter.WriteHeader(status)
}

func (t *taggedWriter) Write(b []byte) (int, error) {
	if !t.wroteHeader {
		t.WriteHeader(http.StatusOK)
	}
	return t.ResponseWriter.Write(b)
}

// Flush lets a streamed (ndjson) answer reach the client as it goes.
func (t *taggedWriter) Flush() {
	if f, ok := t.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}
