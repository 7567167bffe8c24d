package hsds

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/linkway/linkway/directory"
)

// Reader streams services from an HSDS 3.0 JSON document: either an array
// of fully nested services or a page object whose "contents" holds them.
// It holds one record in memory at a time, so files of any size can be read.
type Reader struct {
	dec    *json.Decoder
	skip   int64 // bytes before the decoder's input: a byte-order mark
	state  int   // 0 before the document, 1 inside the array, 2 done
	inPage bool
	index  int
}

// NewReader returns a Reader of r.
func NewReader(r io.Reader) *Reader {
	in, skip := skipBOM(r)
	return &Reader{dec: json.NewDecoder(in), skip: skip}
}

// utf8BOM is the byte-order mark that Windows tools (Notepad, Excel's
// "UTF-8" export, PowerShell) put at the start of UTF-8 files.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// skipBOM returns r without a leading UTF-8 byte-order mark, and how many
// bytes it skipped. JSON forbids the mark but RFC 8259 lets readers
// ignore it, and a file that is otherwise valid should not be refused
// for it.
func skipBOM(r io.Reader) (io.Reader, int64) {
	br := bufio.NewReader(r)
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
		return br, int64(len(utf8BOM))
	}
	return br, 0
}

// Offset returns how many bytes of input have been consumed.
func (r *Reader) Offset() int64 { return r.skip + r.dec.InputOffset() }

var errNotHSDS = &directory.Error{Kind: directory.Invalid, Msg: "this is not an HSDS 3.0 services file: expected a JSON array of services or a page object with a \"contents\" array"}

// Next returns the next record, or io.EOF after the last. Other errors
// (malformed JSON, a file that is not HSDS) are fatal: the stream cannot
// go on.
func (r *Reader) Next() (*Record, error) {
	if r.state == 0 {
		if err := r.start(); err != nil {
			return nil, err
		}
	}
	if r.state == 2 {
		return nil, io.EOF
	}
	if !r.dec.More() {
		if err := r.finish(); err != nil {
			return nil, err
		}
		return nil, io.EOF
	}
	r.index++
	rec := &Record{Index: r.index}
	var in service
	err := r.dec.Decode(&in)
	// Trimmed as the mapping trims it, so that " a" and "a" are caught as
	// the same id.
	rec.ID = strings.TrimSpace(string(in.ID))
	if err != nil {
		var typeErr *json.UnmarshalTypeError
		if !errors.As(err, &typeErr) {
			e := r.syntaxError(err)
			e.Msg = fmt.Sprintf("record %d: %s", rec.Index, e.Msg)
			return nil, e
		}
		// A value of the wrong type leaves the stream in step: the record
		// is bad, the file is not.
		field := typeErr.Field
		if field == "" {
			rec.Err = directory.Errorf(directory.Invalid, "%s: is %s, not a service object", rec.Label(), typeErr.Value)
			return rec, nil
		}
		rec.Err = directory.Errorf(directory.Invalid, "%s: field %q: is %s, expected %s", rec.Label(), field, typeErr.Value, typeName(typeErr))
		return rec, nil
	}
	var m mapping
	rec.Service = m.toService(&in)
	for _, w := range m.warnings {
		rec.Issues = append(rec.Issues, Issue{Level: Warning, Index: rec.Index, ID: rec.ID, Action: w})
	}
	errs := m.errs
	if err := rec.Service.Validate(); err != nil {
		var v directory.ValidationError
		errors.As(err, &v)
		errs = append(errs, v...)
	}
	if len(errs) > 0 {
		rec.Err = &directory.Error{Kind: directory.Invalid, Msg: rec.Label() + ": " + errs.Error(), Err: errs}
	}
	return rec, nil
}

func typeName(e *json.UnmarshalTypeError) string {
	if e.Type == nil {
		return "another type"
	}
	switch e.Type.Kind().String() {
	case "string":
		return "text"
	case "slice":
		return "a list"
	case "struct", "ptr":
		return "an object"
	case "float64":
		return "a number"
	}
	return e.Type.String()
}

// syntaxError describes a JSON error at the reader's position in the
// file.
func (r *Reader) syntaxError(err error) *directory.Error {
	offset := r.Offset()
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		// Never wrap io.EOF itself: callers take errors.Is(err, io.EOF) as
		// the clean end of the feed.
		return &directory.Error{Kind: directory.Invalid, Msg: "the file ends in the middle of a JSON value: it may have been cut short", Err: io.ErrUnexpectedEOF}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		offset = r.skip + se.Offset
	}
	return &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("malformed JSON near byte %d: %v", offset, err), Err: err}
}

func (r *Reader) start() error {
	tok, err := r.dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return &directory.Error{Kind: directory.Invalid, Msg: "the file is empty"}
		}
		return r.syntaxError(err)
	}
	switch tok {
	case json.Delim('['):
		r.state = 1
		return nil
	case json.Delim('{'):
		r.inPage = true
		// Keys before "contents" are kept in case the object turns out to
		// be a single service (the shape of GET /services/{id}).
		fields := map[string]json.RawMessage{}
		for r.dec.More() {
			key, err := r.dec.Token()
			if err != nil {
				return r.syntaxError(err)
			}
			if key == "contents" {
				tok, err := r.dec.Token()
				if err != nil {
					return r.syntaxError(err)
				}
				if tok != json.Delim('[') {
					return errNotHSDS
				}
				r.state = 1
				return nil
			}
			var v json.RawMessage
			if err := r.dec.Decode(&v); err != nil {
				return r.syntaxError(err)
			}
			if k, ok := key.(string); ok {
				fields[k] = v
			}
		}
		if _, err := r.dec.Token(); err != nil { // '}'
			return r.syntaxError(err)
		}
		if fields["id"] != nil && fields["name"] != nil {
			if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
				return &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("unexpected data after the end of the JSON document, near byte %d", r.Offset())}
			}
			one, _ := json.Marshal(fields)
			// Replayed as a one-element array, so that Next and finish
			// read it like any other feed.
			r.dec = json.NewDecoder(io.MultiReader(strings.NewReader("["), bytes.NewReader(one), strings.NewReader("]")))
			if _, err := r.dec.Token(); err != nil { // '['
				return r.syntaxError(err)
			}
			r.inPage = false
			r.state = 1
			return nil
		}
	}
	return errNotHSDS
}

// finish reads past the closing bracket (and the rest of a page object)
// so that trailing garbage is reported rather than ignored.
func (r *Reader) finish() error {
	r.state = 2
	if _, err := r.dec.Token(); err != nil { // ']'
		return r.syntaxError(err)
	}
	if r.inPage {
		for r.dec.More() {
			if _, err := r.dec.Token(); err != nil {
				return r.syntaxError(err)
			}
			var skip json.RawMessage
			if err := r.dec.Decode(&skip); err != nil {
				return r.syntaxError(err)
			}
		}
		if _, err := r.dec.Token(); err != nil { // '}'
			return r.syntaxError(err)
		}
	}
	if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
		return &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("unexpected data after the end of the JSON document, near byte %d", r.Offset())}
	}
	return nil
}
