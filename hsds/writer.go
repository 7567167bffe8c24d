package hsds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/linkway/linkway/directory"
)

// ArrayWriter writes services as an HSDS 3.0 JSON array of fully nested
// services, one at a time, so an export of any size streams.
type ArrayWriter struct {
	w   io.Writer
	buf bytes.Buffer // one service, encoded
	enc *json.Encoder
	n   int
	err error
}

// NewArrayWriter returns an ArrayWriter writing to w.
func NewArrayWriter(w io.Writer) *ArrayWriter {
	a := &ArrayWriter{w: w}
	a.enc = json.NewEncoder(&a.buf)
	// Text is written as it reads ("Arts & crafts", not "Arts \u0026
	// crafts"): the output is a JSON file or response, never pasted into
	// HTML, and people read and diff it.
	a.enc.SetEscapeHTML(false)
	return a
}

// Write appends one service.
func (a *ArrayWriter) Write(s *directory.Service) error {
	if a.err != nil {
		return a.err
	}
	a.buf.Reset()
	if err := a.enc.Encode(fromService(s)); err != nil {
		a.err = fmt.Errorf("hsds: service %s: %w", s.ID, err)
		return a.err
	}
	b := bytes.TrimSuffix(a.buf.Bytes(), []byte("\n"))
	sep := ",\n"
	if a.n == 0 {
		sep = "[\n"
	}
	a.n++
	if _, err := io.WriteString(a.w, sep); err != nil {
		a.err = err
		return err
	}
	_, a.err = a.w.Write(b)
	return a.err
}

// Close ends the array (an empty one when nothing was written).
func (a *ArrayWriter) Close() error {
	if a.err != nil {
		return a.err
	}
	end := "\n]\n"
	if a.n == 0 {
		end = "[]\n"
	}
	_, a.err = io.WriteString(a.w, end)
	return a.err
}
