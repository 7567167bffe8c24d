package notify_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"io"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/http/httptest"
	"net/mail"
	"net/smtp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/linkway/linkway/internal/smtptest"
	"github.com/linkway/linkway/notify"
)

// memOutbox is an in-memory notify.OutboxStore.
type memOutbox struct {
	mu      sync.Mutex
	entries []notify.Entry
}

func (o *memOutbox) AddToOutbox(_ context.Context, m notify.Message, sent time.Time, sendErr string) (int64, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.entries = append(o.entries, notify.Entry{ID: int64(len(o.entries) + 1), Message: m, Sent: sent, Error: sendErr})
	return int64(len(o.entries)), nil
}

func (o *memOutbox) all() []notify.Entry {
	o.mu.Lock()
	defer o.mu.Unlock()
	return append([]notify.Entry(nil), o.entries...)
}

var testNow = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

func TestSMTPSendsPlainTextMail(t *testing.T) {
	for _, tt := range []struct {
		name     string
		subject  string
		body     string
		encoding string
	}{
		{
			name:     "ascii",
			subject:  "Is Knit and Natter still correct?",
			body:     "Hello,\n\n.this line starts with a dot\n..and this with two\n.\nConfirm: https://linkway.example/verify/ABC123\n",
			encoding: "7bit",
		},
		{
			name:     "non-ascii",
			subject:  "Café Rendezvous — is it still correct? ☕",
			body:     "Bonjour Zoë,\n.still starts with a dot\nThé dansant every Tuesday, £2.\n" + strings.Repeat("long line ", 120) + "\n",
			encoding: "quoted-printable",
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := smtptest.Start(t, nil)
			out := &memOutbox{}
			n := notify.SMTP{Addr: srv.Addr(), From: "Linkway <linkway@example.org>", Store: out, Now: func() time.Time { return testNow }}
			m := notify.Message{To: "editor@example.net", Subject: tt.subject, Body: tt.body, Kind: "verify", About: "svc-1"}
			if err := n.Notify(context.Background(), m); err != nil {
				t.Fatalf("Notify() = %v", err)
			}

			_, mails := srv.Received()
			if len(mails) != 1 {
				t.Fatalf("server received %d mails, want 1", len(mails))
			}
			got := mails[0]
			if got.From != "linkway@example.org" || got.To != "editor@example.net" {
				t.Errorf("envelope MAIL FROM %q RCPT TO %q, want linkway@example.org and editor@example.net", got.From, got.To)
			}
			if got.TLS || got.Login != "" {
				t.Errorf("TLS %v login %q with a server that offers neither", got.TLS, got.Login)
			}
			for line := range strings.SplitSeq(got.Data, "\r\n") {
				if len(line) > 998 {
					t.Errorf("a line of the mail is %d bytes long; SMTP allows 998", len(line))
				}
			}
			head, _, _ := strings.Cut(got.Data, "\r\n\r\n")
			for i := 0; i < len(head); i++ {
				if head[i] >= 0x80 {
					t.Fatalf("header has a non-ASCII byte at %d:\n%s", i, head)
				}
			}
			msg, err := mail.ReadMessage(strings.NewReader(got.Data))
			if err != nil {
				t.Fatalf("not a mail: %v\n%s", err, got.Data)
			}
			h := msg.Header
			subject, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject"))
			if err != nil || subject != tt.subject {
				t.Errorf("Subject %q decodes to %q (%v), want %q", h.Get("Subject"), subject, err, tt.subject)
			}
			if from, err := h.AddressList("From"); err != nil || len(from) != 1 || from[0].Name != "Linkway" || from[0].Address != "linkway@example.org" {
				t.Errorf("From = %q (%v)", h.Get("From"), err)
			}
			if to, err := h.AddressList("To"); err != nil || len(to) != 1 || to[0].Address != "editor@example.net" {
				t.Errorf("To = %q (%v)", h.Get("To"), err)
			}
			if date, err := h.Date(); err != nil || !date.Equal(testNow) {
				t.Errorf("Date = %q (%v), want %v", h.Get("Date"), err, testNow)
			}
			if id := h.Get("Message-ID"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@example.org>") || len(id) < 20 {
				t.Errorf("Message-ID = %q, want a unique <…@example.org>", id)
			}
			for name, want := range map[string]string{"MIME-Version": "1.0", "Content-Type": "text/plain; charset=utf-8", "Content-Transfer-Encoding": tt.encoding} {
				if h.Get(name) != want {
					t.Errorf("%s = %q, want %q", name, h.Get(name), want)
				}
			}
			var body io.Reader = msg.Body
			if tt.encoding == "quoted-printable" {
				body = quotedprintable.NewReader(body)
			}
			b, err := io.ReadAll(body)
			if err != nil {
				t.Fatal(err)
			}
			if text := strings.ReplaceAll(string(b), "\r\n", "\n"); text != tt.body {
				t.Errorf("body = %q, want %q", text, tt.body)
			}

			entries := out.all()
			if len(entries) != 1 || entries[0].Message != m || !entries[0].Sent.Equal(testNow) || entries[0].Error != "" {
				t.Errorf("outbox = %+v, want the message sent at %v", entries, testNow)
			}
		})
	}
}

func TestSMTPRefusedRecipientIsKeptWithTheError(t *testing.T) {
	srv := smtptest.Start(t, func(s *smtptest.Server) { s.RefuseRcpt = true })
	out := &memOutbox{}
	n := notify.SMTP{Addr: srv.Addr(), From: "linkway@example.org", Store: out}
	m := notify.Message{To: "nobody@example.net", Subject: "A referral", Body: "Hello", Kind: "referral", About: "ref-1"}
	err := n.Notify(context.Background(), m)
	if err == nil || !strings.Contains(err.Error(), "550") {
		t.Fatalf("Notify() = %v, want the server's 550", err)
	}
	if _, mails := srv.Received(); len(mails) != 0 {
		t.Errorf("server took %d mails after refusing the recipient", len(mails))
	}
	entries := out.all()
	if len(entries) != 1 || entries[0].Message != m || !entries[0].Sent.IsZero() || !strings.Contains(entries[0].Error, "no such user here") {
		t.Errorf("outbox = %+v, want the unsent message with the server's answer", entries)
	}
}

func TestSMTPRefusesHeaderInjection(t *testing.T) {
	for _, m := range []notify.Message{
		{To: "editor@example.net\r\nBcc: everyone@example.com", Subject: "Hello", Body: "x"},
		{To: "editor@example.net\nBcc: everyone@example.com", Subject: "Hello", Body: "x"},
		{To: "editor@example.net", Subject: "Hello\r\nBcc: everyone@example.com", Body: "x"},
		{To: "editor@example.net", Subject: "Hello\nContent-Type: text/html", Body: "x"},
		{To: "editor@example.net", Subject: "Hello\rBcc: everyone@example.com", Body: "x"},
	} {
		srv := smtptest.Start(t, nil)
		out := &memOutbox{}
		n := notify.SMTP{Addr: srv.Addr(), From: "linkway@example.org", Store: out}
		err := n.Notify(context.Background(), m)
		if err == nil || !strings.Contains(err.Error(), "line break") {
			t.Errorf("Notify(To %q, Subject %q) = %v, want a line break refused", m.To, m.Subject, err)
		}
		if conns, _ := srv.Received(); conns != 0 {
			t.Errorf("Notify(To %q, Subject %q) connected to the server", m.To, m.Subject)
		}
		if e := out.all(); len(e) != 1 || e[0].Error == "" || !e[0].Sent.IsZero() {
			t.Errorf("outbox = %+v, want the refused message kept with its error", e)
		}
	}
}

func TestSMTPUsesSTARTTLSBeforeLoggingIn(t *testing.T) {
	// httptest's certificate is for 127.0.0.1; borrow it for STARTTLS.
	hts := httptest.NewTLSServer(nil)
	serverTLS := hts.TLS.Clone()
	roots := x509.NewCertPool()
	roots.AddCert(hts.Certificate())
	hts.Close()

	srv := smtptest.Start(t, func(s *smtptest.Server) { s.TLS = serverTLS })
	out := &memOutbox{}
	n := notify.SMTP{
		Addr: srv.Addr(), From: "linkway@example.org", Store: out,
		TLS:  &tls.Config{ServerName: "127.0.0.1", RootCAs: roots},
		Auth: smtp.PlainAuth("", "linkway", "s3cret", "127.0.0.1"),
	}
	if err := n.Notify(context.Background(), notify.Message{To: "editor@example.net", Subject: "Hi", Body: "Hello"}); err != nil {
		t.Fatalf("Notify() = %v", err)
	}
	_, mails := srv.Received()
	if len(mails) != 1 || !mails[0].TLS || mails[0].Login != "\x00linkway\x00s3cret" {
		t.Fatalf("received %+v, want one mail over TLS after logging in", mails)
	}

	// A certificate the client does not trust stops the mail, and the
	// password is never sent.
	n.TLS = nil
	err := n.Notify(context.Background(), notify.Message{To: "editor@example.net", Subject: "Hi", Body: "Hello"})
	if err == nil {
		t.Fatal("Notify() through an untrusted certificate succeeded")
	}
	if _, mails := srv.Received(); len(mails) != 1 {
		t.Errorf("server received %d mails, want still 1", len(mails))
	}
	if e := out.all(); len(e) != 2 || e[1].Error == "" {
		t.Errorf("outbox = %+v, want the second message kept with its error", e)
	}
}

func TestSMTPGivesUpOnAStuckServer(t *testing.T) {
	// This server accepts connections and never says a word.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		var held []net.Conn
		defer func() {
			for _, c := range held {
				c.Close()
			}
		}()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			held = append(held, c)
		}
	}()
	out := &memOutbox{}
	n := notify.SMTP{Addr: ln.Addr().String(), From: "linkway@example.org", Store: out, Timeout: 300 * time.Millisecond}
	start := time.Now()
	err = n.Notify(context.Background(), notify.Message{To: "editor@example.net", Subject: "Hi", Body: "Hello"})
	if err == nil {
		t.Fatal("Notify() to a silent server succeeded")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Notify() took %v with a 300ms timeout", took)
	}
	if e := out.all(); len(e) != 1 || e[0].Error == "" {
		t.Errorf("outbox = %+v, want the message kept with its error", e)
	}

	// A request that is given up on stops the send as well.
	ctx, cancel := context.WithCancel(context.Background())
	n.Timeout = time.Minute
	time.AfterFunc(100*time.Millisecond, cancel)
	start = time.Now()
	if err := n.Notify(ctx, notify.Message{To: "editor@example.net", Subject: "Hi", Body: "Hello"}); err == nil {
		t.Fatal("Notify() with a cancelled context succeeded")
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Errorf("Notify() took %v after its context was cancelled", took)
	}
}
