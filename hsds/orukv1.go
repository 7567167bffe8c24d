package hsds

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/linkway/linkway/directory"
)

// v1Reader streams services from an ORUK v1 (HSDS-UK 1.0) or HSDS
// 1.x/2.0 JSON document: a page of the v1 API (the items in "content",
// beside "totalElements", "totalPages", "number", "size", "first",
// "last" and "empty"), a plain array of services, or one service (the
// answer to GET /services/{id}). It holds one service in memory at a
// time, so a feed of any size can be read.
type v1Reader struct {
	dec  *json.Decoder
	skip int64 // bytes before the decoder's input: a byte-order mark
	// read is the whole document's length once a single service has been
	// read in full and is replayed from memory.
	read   int64
	state  int // v1Start, v1Items or v1Done
	inPage bool
	index  int
	// reviews counts the services whose reviews (or their
	// organisation's) were not kept: Linkway has no place for them, and
	// the report says so once for the document, at its end. reviewed is
	// set while the current service is read.
	reviews  int
	reviewed bool
}

const (
	v1Start = iota
	v1Items
	v1Done
)

// NewV1Reader returns a [Source] of the services in an ORUK v1 or HSDS
// 1.x/2.0 JSON document read from r.
func NewV1Reader(r io.Reader) Source {
	in, skip := skipBOM(r)
	dec := json.NewDecoder(in)
	// Numbers are kept as written, so that an id given as 0012 or
	// 123456789012345678 reads back exactly.
	dec.UseNumber()
	return &v1Reader{dec: dec, skip: skip}
}

// Offset returns how many bytes of input have been consumed.
func (r *v1Reader) Offset() int64 {
	if r.read > 0 {
		return r.read
	}
	return r.skip + r.dec.InputOffset()
}

var errNotV1 = &directory.Error{Kind: directory.Invalid, Msg: `this is not an ORUK v1 services document: expected a page object with a "content" array, a JSON array of services or one service object`}

// Next returns the next record, or io.EOF after the last. Other errors
// (malformed JSON, a document of another shape) are fatal.
func (r *v1Reader) Next() (*Record, error) {
	if r.state == v1Start {
		if err := r.start(); err != nil {
			return nil, err
		}
	}
	if r.state == v1Done {
		return nil, io.EOF
	}
	if !r.dec.More() {
		if err := r.finish(); err != nil {
			return nil, err
		}
		if r.reviews > 0 {
			return &Record{Issues: []Issue{{Level: Warning, Field: "reviews",
				Value:  fmt.Sprintf("reviews on %d service(s)", r.reviews),
				Action: "not kept: Linkway has no place for reviews of a service"}}}, nil
		}
		return nil, io.EOF
	}
	r.index++
	rec := &Record{Index: r.index}
	var item any
	if err := r.dec.Decode(&item); err != nil {
		e := r.syntaxError(err)
		e.Msg = fmt.Sprintf("record %d: %s", rec.Index, e.Msg)
		return nil, e
	}
	m, ok := item.(map[string]any)
	if !ok {
		rec.Err = directory.Errorf(directory.Invalid, "%s: is %s, not a service object", rec.Label(), jsonKind(item))
		return rec, nil
	}
	r.readService(rec, m)
	return rec, nil
}

// start reads up to the first service.
func (r *v1Reader) start() error {
	tok, err := firstToken(r.dec, r.syntaxError)
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('['):
		r.state = v1Items
		return nil
	case json.Delim('{'):
	default:
		return errNotV1
	}
	// A page or one service. Keys before "content" are kept in case the
	// object turns out to be a service; in a page they are its few
	// counts.
	r.inPage = true
	fields := map[string]json.RawMessage{}
	nullContent := false
	for r.dec.More() {
		key, err := r.dec.Token()
		if err != nil {
			return r.syntaxError(err)
		}
		if key == "content" {
			tok, err := r.dec.Token()
			if err != nil {
				return r.syntaxError(err)
			}
			switch tok {
			case json.Delim('['):
				r.state = v1Items
				return nil
			case nil: // "content": null, a page with nothing on it
				nullContent = true
				continue
			}
			return errNotV1
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
	if err := r.atEnd(); err != nil {
		return err
	}
	if fields["id"] == nil && fields["name"] == nil {
		if nullContent {
			r.state = v1Done
			return nil
		}
		return errNotV1
	}
	r.read = r.Offset()
	one, _ := json.Marshal(fields)
	// Replayed as a one-element array, so that Next and finish read it
	// like any other document.
	r.dec = json.NewDecoder(io.MultiReader(strings.NewReader("["), bytes.NewReader(one), strings.NewReader("]")))
	r.dec.UseNumber()
	if _, err := r.dec.Token(); err != nil {
		return r.syntaxError(err)
	}
	r.inPage = false
	r.state = v1Items
	return nil
}

// finish reads past the end of the array (and the rest of a page) so
// that trailing garbage is reported rather than ignored.
func (r *v1Reader) finish() error {
	r.state = v1Done
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
	return r.atEnd()
}

func (r *v1Reader) atEnd() error {
	if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
		return &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("unexpected data after the end of the JSON document, near byte %d", r.Offset())}
	}
	return nil
}

// syntaxError describes a JSON error at the reader's position.
func (r *v1Reader) syntaxError(err error) *directory.Error {
	return jsonSyntaxError(err, r.Offset(), r.skip)
}

// jsonKind names the kind of a decoded JSON value for a message.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "text"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	case []any:
		return "a list"
	case map[string]any:
		return "an object"
	}
	return "another kind of value"
}
