package hsds

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/linkway/linkway/directory"
)

// ArrayWriter writes services as an HSDS 3.0 JSON array of fully nested
// services, one at a time, so an export of any size streams.
type ArrayWriter struct {
	w     io.Writer
	n     int
	err   error
	close bool
}

// NewArrayWriter returns an ArrayWriter writing to w.
func NewArrayWriter(w io.Writer) *ArrayWriter { return &ArrayWriter{w: w} }

// Write appends one service.
func (a *ArrayWriter) Write(s *directory.Service) error {
	if a.err != nil {
		return a.err
	}
	b, err := json.Marshal(fromService(s))
	if err != nil {
		a.err = fmt.Errorf("hsds: service %s: %w", s.ID, err)
		return a.err
	}
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
