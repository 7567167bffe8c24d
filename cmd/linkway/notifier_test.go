package main

import (
	"bytes"
	"context"
	"net"
	"path/filepath"
	"strings"
	"testing"

	"github.com/linkway/linkway/notify"
)

func TestNotifierSettings(t *testing.T) {
	env := func(kv ...string) func(string) string {
		return func(k string) string {
			for i := 0; i+1 < len(kv); i += 2 {
				if kv[i] == k {
					return kv[i+1]
				}
			}
			return ""
		}
	}
	for _, tt := range []struct {
		name     string
		settings notifySettings
		getenv   func(string) string
		want     string // "outbox", "smtp", or the start of the error
		from     string
		auth     bool
	}{
		{name: "no mail server", getenv: noEnv, want: "outbox"},
		{name: "flag", settings: notifySettings{smtpAddr: "mail.example.org:587"}, getenv: noEnv, want: "smtp", from: "linkway@localhost"},
		{name: "environment", getenv: env("LINKWAY_SMTP_ADDR", "mail.example.org:25", "LINKWAY_SMTP_FROM", "Linkway <linkway@example.org>"), want: "smtp", from: "Linkway <linkway@example.org>"},
		{name: "flag over environment", settings: notifySettings{smtpAddr: "mail.example.org:587", smtpFrom: "a@example.org"}, getenv: env("LINKWAY_SMTP_FROM", "b@example.org"), want: "smtp", from: "a@example.org"},
		{name: "login", settings: notifySettings{smtpAddr: "mail.example.org:587"}, getenv: env("LINKWAY_SMTP_USER", "linkway", "LINKWAY_SMTP_PASSWORD", "secret"), want: "smtp", from: "linkway@localhost", auth: true},
		{name: "user without password", settings: notifySettings{smtpAddr: "mail.example.org:587"}, getenv: env("LINKWAY_SMTP_USER", "linkway"), want: "set both"},
		{name: "no port", settings: notifySettings{smtpAddr: "mail.example.org"}, getenv: noEnv, want: "--smtp-addr"},
		{name: "bad sender", settings: notifySettings{smtpAddr: "mail.example.org:25", smtpFrom: "not an address"}, getenv: noEnv, want: "--smtp-from"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			n, err := newNotifier(nil, tt.settings, tt.getenv)
			switch got := n.(type) {
			case notify.Outbox:
				if tt.want != "outbox" {
					t.Errorf("newNotifier() = the outbox, want %s", tt.want)
				}
			case notify.SMTP:
				if tt.want != "smtp" || got.From != tt.from || (got.Auth != nil) != tt.auth {
					t.Errorf("newNotifier() = SMTP from %q with auth %v, want %s from %q with auth %v", got.From, got.Auth != nil, tt.want, tt.from, tt.auth)
				}
			default:
				if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
					t.Errorf("newNotifier() = %v, %v; want an error starting %q", n, err, tt.want)
				}
			}
		})
	}
}

func TestBaseURL(t *testing.T) {
	ln := &net.TCPAddr{IP: net.IPv4(127, 0, 0, 1), Port: 8123}
	for _, tt := range []struct {
		flag, env, want string
	}{
		{"", "", "http://127.0.0.1:8123"},
		{"", "https://linkway.example.org/", "https://linkway.example.org"},
		{"https://a.example.org/linkway", "https://b.example.org", "https://a.example.org/linkway"},
		{"linkway.example.org", "", "error"},
		{"ftp://linkway.example.org", "", "error"},
		{"https://linkway.example.org/?x=1", "", "error"},
	} {
		got, err := baseURLOf(notifySettings{baseURL: tt.flag}, func(string) string { return tt.env }, ln)
		if err != nil {
			got = "error"
		}
		if got != tt.want {
			t.Errorf("baseURLOf(flag %q, env %q) = %q (%v), want %q", tt.flag, tt.env, got, err, tt.want)
		}
	}
}

// TestServeChecksNotificationSettings runs serve: a mistake in the mail
// settings stops it at start, and good ones let it serve.
func TestServeChecksNotificationSettings(t *testing.T) {
	var stderr bytes.Buffer
	args := []string{"--data", filepath.Join(t.TempDir(), "data"), "--addr", "127.0.0.1:0", "--smtp-addr", "127.0.0.1:2525", "--smtp-from", "not an address"}
	err := runServe(context.Background(), args, noEnv, &bytes.Buffer{}, &stderr, nil)
	if err == nil || !strings.Contains(err.Error(), "--smtp-from") {
		t.Errorf("serve with a bad --smtp-from = %v, want it refused", err)
	}
	base := mustServe(t, "--smtp-addr", "127.0.0.1:2525", "--smtp-from", "linkway@example.org", "--base-url", "https://linkway.example.org")
	if code, _ := mustGet(t, base+"/healthz"); code != 200 {
		t.Errorf("GET /healthz = %d with SMTP set up", code)
	}
}
