package web_test

import (
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

// TestNotFoundAndHealth: an unknown address gets the site's own page,
// laid out like every other, and the health check answers.
func TestNotFoundAndHealth(t *testing.T) {
	srv := webtest.New(t).Server
	resp := webtest.Get(t, srv, "/nowhere")
	b := webtest.Body(t, resp)
	if resp.StatusCode != 404 || !strings.Contains(b, "Page not found") {
		t.Errorf("GET /nowhere = %d, want 404 saying Page not found\n%s", resp.StatusCode, b)
	}
	for _, want := range []string{`<html lang="en-GB">`, `<main id="main"`, `class="skip-link" href="#main"`, `<nav aria-label="Main">`} {
		if !strings.Contains(b, want) {
			t.Errorf("GET /nowhere lacks %q", want)
		}
	}
	if n := strings.Count(b, "<h1"); n != 1 {
		t.Errorf("GET /nowhere has %d h1 elements, want 1", n)
	}
	resp = webtest.Get(t, srv, "/healthz")
	if b := webtest.Body(t, resp); resp.StatusCode != 200 || !strings.Contains(b, "ok") {
		t.Errorf("GET /healthz = %d %q, want 200 ok", resp.StatusCode, b)
	}
}

func TestStaticAssetsAreCachedForever(t *testing.T) {
	srv := webtest.New(t).Server
	home := webtest.Body(t, webtest.Get(t, srv, "/"))
	i := strings.Index(home, `href="/static/`)
	if i < 0 {
		t.Fatal("home page links no stylesheet")
	}
	href := home[i+6:]
	href = href[:strings.Index(href, `"`)]
	resp := webtest.Get(t, srv, href)
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s = %d", href, resp.StatusCode)
	}
	if cc := resp.Header.Get("Cache-Control"); !strings.Contains(cc, "immutable") {
		t.Errorf("Cache-Control = %q, want immutable", cc)
	}
	tpl := strings.Replace(href, "css/site.css", "templates/layout.html", 1)
	if resp := webtest.Get(t, srv, tpl); resp.StatusCode != 404 {
		t.Errorf("GET %s = %d: templates must not be served", tpl, resp.StatusCode)
	}
}

func TestSecurityHeaders(t *testing.T) {
	resp := webtest.Get(t, webtest.New(t).Server, "/")
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("no %s header", h)
		}
	}
}
