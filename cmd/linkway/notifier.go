package main

import (
	"cmp"
	"errors"
	"fmt"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"strings"

	"github.com/linkway/linkway/notify"
)

// notifySettings are serve's notification flags, each defaulting to an
// environment variable.
type notifySettings struct {
	smtpAddr, smtpFrom, baseURL string
}

// newNotifier returns how notifications go: by mail through smtpAddr,
// when it is set, or into the outbox for admins to read. Mistakes in the
// settings stop the server at start rather than at the first message.
func newNotifier(db notify.OutboxStore, c notifySettings, getenv func(string) string) (notify.Notifier, error) {
	addr := c.smtpAddr
	if addr == "" {
		addr = getenv("LINKWAY_SMTP_ADDR")
	}
	if addr == "" {
		return notify.Outbox{Store: db}, nil
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("--smtp-addr %q: want host:port, such as mail.example.org:587", addr)
	}
	from := cmp.Or(c.smtpFrom, getenv("LINKWAY_SMTP_FROM"), "linkway@localhost")
	if _, err := mail.ParseAddress(from); err != nil || strings.ContainsAny(from, "\r\n") {
		return nil, fmt.Errorf("--smtp-from %q is not an email address", from)
	}
	n := notify.SMTP{Addr: addr, From: from, Store: db}
	user, password := getenv("LINKWAY_SMTP_USER"), getenv("LINKWAY_SMTP_PASSWORD")
	switch {
	case user != "" && password != "":
		// PlainAuth refuses to send the password unless the connection
		// is encrypted (or the server is this machine).
		n.Auth = smtp.PlainAuth("", user, password, host)
	case user != "" || password != "":
		return nil, errors.New("set both LINKWAY_SMTP_USER and LINKWAY_SMTP_PASSWORD, or neither")
	}
	return n, nil
}

// baseURLOf is the address that starts links in notifications: the
// --base-url flag, $LINKWAY_BASE_URL, or else the address the server
// listens on (right on this machine, but not for anyone else).
func baseURLOf(c notifySettings, getenv func(string) string, ln net.Addr) (string, error) {
	base := cmp.Or(c.baseURL, getenv("LINKWAY_BASE_URL"), "http://"+ln.String())
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return "", fmt.Errorf("--base-url %q: want an address such as https://linkway.example.org", base)
	}
	return strings.TrimSuffix(base, "/"), nil
}
