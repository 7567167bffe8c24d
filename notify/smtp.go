package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"strings"
	"time"
	"unicode/utf8"
)

// DefaultSMTPTimeout bounds a whole conversation with the mail server,
// connecting included, when [SMTP.Timeout] is zero.
const DefaultSMTPTimeout = 10 * time.Second

// SMTP is the Notifier that sends each message as a plain-text mail
// through a mail server, and keeps it in the outbox too (sent, or with
// the reason it was not), so admins see everything that was sent.
//
// It uses STARTTLS whenever the server offers it, and logs in only when
// Auth is set; net/smtp's PLAIN auth refuses to send a password over a
// connection that is not encrypted (unless the server is this machine).
type SMTP struct {
	Addr  string // host:port of the mail server
	From  string // the sender, "linkway@example.org" or "Linkway <linkway@example.org>"
	Store OutboxStore

	Auth smtp.Auth // optional, such as smtp.PlainAuth("", user, password, host)
	// TLS configures STARTTLS; nil verifies the server's certificate
	// against the host in Addr.
	TLS *tls.Config
	// Timeout bounds a whole send, so that a dead or stuck mail server
	// cannot hold up the request that sends (default [DefaultSMTPTimeout]).
	Timeout time.Duration
	Now     func() time.Time // for the Date header (default time.Now)
}

// Notify sends m by mail and records it in the outbox. When the mail
// cannot be sent, the outbox entry keeps the error, which is returned.
// A To or Subject with a line break in it (an attempt to add headers)
// is refused before anything reaches the server.
func (s SMTP) Notify(ctx context.Context, m Message) error {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	sendErr := s.send(ctx, m, now())
	var sent time.Time
	var reason string
	if sendErr == nil {
		sent = now()
	} else {
		reason = sendErr.Error()
	}
	if _, err := s.Store.AddToOutbox(ctx, m, sent, reason); err != nil {
		return errors.Join(sendErr, fmt.Errorf("notify: record in outbox: %w", err))
	}
	return sendErr
}

func (s SMTP) send(ctx context.Context, m Message, date time.Time) error {
	from, err := parseAddress("from", s.From)
	if err != nil {
		return err
	}
	to, err := parseAddress("to", m.To)
	if err != nil {
		return err
	}
	msg, err := compose(from, to, m.Subject, m.Body, date)
	if err != nil {
		return err
	}
	timeout := s.Timeout
	if timeout <= 0 {
		timeout = DefaultSMTPTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", s.Addr)
	if err != nil {
		return fmt.Errorf("notify: connect to mail server: %w", err)
	}
	// net/smtp has no context: the deadline bounds every read and write,
	// and closing the connection when ctx ends unblocks them at once.
	deadline, _ := ctx.Deadline()
	conn.SetDeadline(deadline)
	stop := context.AfterFunc(ctx, func() { conn.Close() })
	defer stop()
	host, _, _ := net.SplitHostPort(s.Addr)
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("notify: mail server: %w", err)
	}
	defer c.Close()
	if err := s.converse(c, host, from.Address, to.Address, msg); err != nil {
		if ctx.Err() != nil {
			return fmt.Errorf("notify: mail server did not answer in time: %w", err)
		}
		return fmt.Errorf("notify: mail server: %w", err)
	}
	return nil
}

// converse does what smtp.SendMail does, on a connection we dialled
// ourselves so that it has a timeout.
func (s SMTP) converse(c *smtp.Client, host, from, to string, msg []byte) error {
	if err := c.Hello("localhost"); err != nil {
		return err
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		cfg := s.TLS
		if cfg == nil {
			cfg = &tls.Config{ServerName: host}
		}
		if err := c.StartTLS(cfg); err != nil {
			return err
		}
	}
	if s.Auth != nil {
		if ok, _ := c.Extension("AUTH"); !ok {
			return errors.New("the server does not offer AUTH, but a login is configured")
		}
		if err := c.Auth(s.Auth); err != nil {
			return err
		}
	}
	if err := c.Mail(from); err != nil {
		return err
	}
	if err := c.Rcpt(to); err != nil {
		return err
	}
	w, err := c.Data()
	if err != nil {
		return err
	}
	// The data writer dot-stuffs lines that start with "." and ends
	// lines with CRLF.
	if _, err := w.Write(msg); err != nil {
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	return c.Quit()
}

// parseAddress reads one address for a header, refusing line breaks
// outright: they are how a header is smuggled into a mail.
func parseAddress(field, s string) (*mail.Address, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, fmt.Errorf("notify: %s address has a line break in it", field)
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("notify: %s address %q: %w", field, s, err)
	}
	return a, nil
}

// compose writes a plain-text UTF-8 mail. Non-ASCII in the subject is
// encoded as RFC 2047 words; a body that is not plain short ASCII lines
// is sent quoted-printable, which any server accepts.
func compose(from, to *mail.Address, subject, body string, date time.Time) ([]byte, error) {
	if strings.ContainsAny(subject, "\r\n") {
		return nil, errors.New("notify: subject has a line break in it")
	}
	if !utf8.ValidString(subject) || !utf8.ValidString(body) {
		return nil, errors.New("notify: message is not valid UTF-8")
	}
	_, domain, _ := strings.Cut(from.Address, "@")
	var b bytes.Buffer
	header := func(name, value string) { fmt.Fprintf(&b, "%s: %s\r\n", name, value) }
	header("From", from.String())
	header("To", to.String())
	header("Subject", mime.QEncoding.Encode("utf-8", subject))
	header("Date", date.Format(time.RFC1123Z))
	header("Message-ID", "<"+rand.Text()+"@"+domain+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=utf-8")
	body = strings.ReplaceAll(body, "\r\n", "\n")
	if sevenBit(body) {
		header("Content-Transfer-Encoding", "7bit")
		b.WriteString("\r\n")
		b.WriteString(body)
		return b.Bytes(), nil
	}
	header("Content-Transfer-Encoding", "quoted-printable")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, err
	}
	if err := qp.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// sevenBit reports whether body can go as it is: ASCII, no control
// characters but tabs and newlines, and lines within SMTP's 998 limit.
func sevenBit(body string) bool {
	for line := range strings.SplitSeq(body, "\n") {
		if len(line) > 998 {
			return false
		}
		for i := 0; i < len(line); i++ {
			if c := line[i]; c >= 0x7f || (c < 0x20 && c != '\t') {
				return false
			}
		}
	}
	return true
}
