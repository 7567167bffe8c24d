// Package smtptest is a minimal real SMTP server for tests: enough for
// net/smtp, keeping what each client sent.
package smtptest

import (
	"bufio"
	"crypto/tls"
	"encoding/base64"
	"io"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Server is a minimal real SMTP server on 127.0.0.1, enough for
// net/smtp: it keeps what each client sent.
type Server struct {
	ln         net.Listener
	RefuseRcpt bool        // answer RCPT with 550
	TLS        *tls.Config // offer STARTTLS, and AUTH PLAIN only after it

	mu    sync.Mutex
	conns int
	mails []Mail
}

// Mail is one SMTP transaction as the server saw it.
type Mail struct {
	From, To string // the envelope
	Data     string // with dot-stuffing undone
	TLS      bool   // the mail came over STARTTLS
	Login    string // the AUTH PLAIN credentials, "\x00user\x00password"
}

// Start starts a server on 127.0.0.1 that stops when the test ends;
// configure, when not nil, sets it up first.
func Start(t testing.TB, configure func(*Server)) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{ln: ln}
	if configure != nil {
		configure(s)
	}
	var wg sync.WaitGroup
	t.Cleanup(func() { ln.Close(); wg.Wait() })
	wg.Go(func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			s.mu.Lock()
			s.conns++
			s.mu.Unlock()
			wg.Go(func() { s.serve(conn) })
		}
	})
	return s
}

// Addr is the server's host:port.
func (s *Server) Addr() string { return s.ln.Addr().String() }

// Received returns how many connections were made and the mails taken.
func (s *Server) Received() (conns int, mails []Mail) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.conns, append([]Mail(nil), s.mails...)
}

func (s *Server) serve(conn net.Conn) {
	defer func() { conn.Close() }()
	conn.SetDeadline(time.Now().Add(10 * time.Second))
	r := bufio.NewReader(conn)
	reply := func(lines ...string) { io.WriteString(conn, strings.Join(lines, "\r\n")+"\r\n") }
	reply("220 test.example ESMTP")
	var m Mail
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			ext := []string{"250-test.example"}
			if s.TLS != nil && !m.TLS {
				ext = append(ext, "250-STARTTLS")
			}
			if m.TLS {
				ext = append(ext, "250-AUTH PLAIN")
			}
			reply(append(ext, "250 8BITMIME")...)
		case "HELO", "NOOP", "RSET":
			reply("250 OK")
		case "STARTTLS":
			reply("220 go ahead")
			tc := tls.Server(conn, s.TLS)
			if err := tc.Handshake(); err != nil {
				return
			}
			conn, r, m.TLS = tc, bufio.NewReader(tc), true
		case "AUTH":
			mech, initial, _ := strings.Cut(arg, " ")
			if !m.TLS || mech != "PLAIN" {
				reply("530 must issue STARTTLS first")
				continue
			}
			login, err := base64.StdEncoding.DecodeString(initial)
			if err != nil {
				reply("501 bad base64")
				continue
			}
			m.Login = string(login)
			reply("235 accepted")
		case "MAIL":
			m.From = envelopeAddress(arg)
			reply("250 OK")
		case "RCPT":
			if s.RefuseRcpt {
				reply("550 5.1.1 no such user here")
				continue
			}
			m.To = envelopeAddress(arg)
			reply("250 OK")
		case "DATA":
			reply("354 end with <CRLF>.<CRLF>")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, ".")) // undo dot-stuffing
			}
			m.Data = data.String()
			s.mu.Lock()
			s.mails = append(s.mails, m)
			s.mu.Unlock()
			reply("250 queued")
		case "QUIT":
			reply("221 bye")
			return
		default:
			reply("502 not implemented")
		}
	}
}

// envelopeAddress reads "FROM:<a@b>" or "TO:<a@b>" (with any parameters).
func envelopeAddress(arg string) string {
	_, addr, _ := strings.Cut(arg, ":")
	addr, _, _ = strings.Cut(strings.TrimPrefix(addr, "<"), ">")
	return addr
}
