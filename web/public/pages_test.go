package public_test

import (
	"strings"
	"testing"

	"github.com/linkway/linkway/internal/webtest"
)

func TestPages(t *testing.T) {
	srv := webtest.New(t).Server
	tests := []struct {
		name     string
		target   string
		status   int
		contains []string
		absent   []string
	}{
		{"home lists kinds with counts", "/", 200, []string{"Walking groups", "(1 service)", `href="/browse/walking-groups"`}, []string{"Old Lunch Club"}},
		{"kinds index", "/browse", 200, []string{"Walking groups", "debt-advice"}, nil},
		{"browse a kind", "/browse/walking-groups", 200, []string{"Meanwood Valley Health Walk", "Showing 1 to 1 of 1 service", "Meanwood Walkers", "Free", "Tuesday 24 November, 10:00"}, []string{"Old Lunch Club"}},
		{"browse page beyond the end", "/browse/walking-groups?page=2", 404, []string{"only 1 pages"}, nil},
		{"browse page not a number", "/browse/walking-groups?page=x", 400, []string{"page must be a whole number"}, nil},
		{"browse unknown kind", "/browse/nope", 404, []string{"not found"}, nil},
		{"service page", "/services/walk-1", 200, []string{
			"<h1>Meanwood Valley Health Walk</h1>", "Run by Meanwood Walkers", "Ages 18 and over", "Tuesdays 10:00–11:00",
			"Meanwood Park gates", "LS6 4LD", "Step-free access", "Just turn up", "0113 496 0001", "Last checked: 1 October 2026", "<p>We stop for a cuppa at the end.</p>",
		}, nil},
		{"service id with a slash and space", "/services/money%2Fadvice%202", 200, []string{"Money Matters Drop-in"}, nil},
		{"defunct service is hidden", "/services/closed-3", 404, []string{"no longer running"}, nil},
		{"unknown service", "/services/nope", 404, []string{"no service has this id"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp := webtest.Get(t, srv, tt.target)
			b := webtest.Body(t, resp)
			if resp.StatusCode != tt.status {
				t.Fatalf("GET %s = %d, want %d\n%s", tt.target, resp.StatusCode, tt.status, b)
			}
			for _, want := range tt.contains {
				if !strings.Contains(b, want) {
					t.Errorf("GET %s: body lacks %q", tt.target, want)
				}
			}
			for _, unwanted := range tt.absent {
				if strings.Contains(b, unwanted) {
					t.Errorf("GET %s: body shows %q", tt.target, unwanted)
				}
			}
		})
	}
}

func TestPagesAreAccessibleShape(t *testing.T) {
	srv := webtest.New(t).Server
	for _, target := range []string{"/", "/browse", "/browse/walking-groups", "/services/walk-1"} {
		b := webtest.Body(t, webtest.Get(t, srv, target))
		for _, want := range []string{`<html lang="en-GB">`, `name="viewport"`, `<main id="main"`, `class="skip-link" href="#main"`, "<h1>", `<nav aria-label="Main">`} {
			if !strings.Contains(b, want) {
				t.Errorf("GET %s lacks %q", target, want)
			}
		}
		if n := strings.Count(b, "<h1"); n != 1 {
			t.Errorf("GET %s has %d h1 elements, want 1", target, n)
		}
	}
}
