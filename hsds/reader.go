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

// Reader streams the records of an HSDS 3.0 JSON document of any shape
// the standard's API gives: services, organisations (with their services
// nested, or listed alone), services at locations, locations,
// taxonomies (with their terms) or taxonomy terms; as a JSON array, a
// page object whose "contents" holds them, one object, or one object a
// line (NDJSON). A data package written as one object of CSV tables
// (the standard's tabular.json) is read as a data package. What the objects are is told from the first one's
// members. It holds one object in memory at a time (a document of
// services at locations is read whole, since one service's places may be
// anywhere in it), so files of any size can be read.
type Reader struct {
	dec   *json.Decoder
	skip  int64 // bytes before the decoder's input: a byte-order mark
	hint  kind  // what the document's name says it holds, if anything
	form  form
	kind  kind
	state int // readStart, readItems or readDone
	index int
	first json.RawMessage // the first object, read to tell what it is
	queue []*Record
	// unkept counts, by path, the members of the standard that Linkway
	// has no place for, reported once at the end of the document.
	unkept map[string]int
	fields *fieldTree
	scan   scanner
	// tables reads a data package written as one JSON object.
	tables Source
}

const (
	readStart = iota
	readItems
	readDone
)

// form is how a document holds its objects.
type form uint8

const (
	formArray   form = iota // [ {…}, {…} ]
	formPage                // {"contents": [ {…} ], "total_items": …}
	formObjects             // {…} alone, or one a line (NDJSON)
)

// NewReader returns a Reader of r, telling what the document holds from
// its members.
func NewReader(r io.Reader) *Reader { return newReader(r, kindUnknown) }

func newReader(r io.Reader, hint kind) *Reader {
	in, skip := skipBOM(r)
	return &Reader{dec: json.NewDecoder(in), skip: skip, hint: hint, unkept: map[string]int{}}
}

// utf8BOM is the byte-order mark that Windows tools (Notepad, Excel's
// "UTF-8" export, PowerShell) put at the start of UTF-8 files.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// skipBOM returns r without a leading UTF-8 byte-order mark, and how many
// bytes it skipped. JSON forbids the mark but RFC 8259 lets readers
// ignore it, and a file that is otherwise valid should not be refused
// for it.
func skipBOM(r io.Reader) (io.Reader, int64) {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReader(r)
	}
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
		return br, int64(len(utf8BOM))
	}
	return br, 0
}

// Offset returns how many bytes of input have been consumed.
func (r *Reader) Offset() int64 { return r.skip + r.dec.InputOffset() }

var errNotHSDS = &directory.Error{Kind: directory.Invalid, Msg: "this is not an HSDS 3.0 file: expected a JSON array of " +
	"services (or organisations, services at locations, locations, taxonomies or taxonomy terms), a page object " +
	"with a \"contents\" array, one such object, or one a line"}

var errAPIRoot = &directory.Error{Kind: directory.Invalid, Msg: "this is the root document of an Open Referral API " +
	"(its version and openapi_url), which lists no services: import the API's /services instead"}

// Next returns the next record, or io.EOF after the last. Other errors
// (malformed JSON, a file that is not HSDS) are fatal: the stream cannot
// go on.
func (r *Reader) Next() (*Record, error) {
	if r.tables != nil {
		return r.tables.Next()
	}
	for len(r.queue) == 0 {
		switch r.state {
		case readStart:
			if err := r.start(); err != nil {
				return nil, err
			}
			if r.tables != nil {
				return r.tables.Next()
			}
		case readDone:
			return nil, io.EOF
		default:
			if err := r.readObject(); err != nil {
				return nil, err
			}
		}
	}
	rec := r.queue[0]
	r.queue = r.queue[1:]
	return rec, nil
}

// start reads up to the first object, which tells the document's form
// and what it holds.
func (r *Reader) start() error {
	tok, err := firstToken(r.dec, r.syntaxError)
	if err != nil {
		return err
	}
	switch tok {
	case json.Delim('['):
		r.form = formArray
		if r.dec.More() {
			if err := r.dec.Decode(&r.first); err != nil {
				return r.elementError(err)
			}
		}
	case json.Delim('{'):
		// Members before "contents" are kept in case the object turns
		// out to be one record (the shape of GET /services/{id}).
		members := map[string]json.RawMessage{}
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
				r.form = formPage
				if r.dec.More() {
					if err := r.dec.Decode(&r.first); err != nil {
						return r.elementError(err)
					}
				}
				return r.begin()
			}
			var v json.RawMessage
			if err := r.dec.Decode(&v); err != nil {
				return r.syntaxError(err)
			}
			if k, ok := key.(string); ok {
				members[k] = v
			}
		}
		if _, err := r.dec.Token(); err != nil { // '}'
			return r.syntaxError(err)
		}
		if members["openapi_url"] != nil && members["id"] == nil {
			return errAPIRoot
		}
		if isTabularJSON(members) {
			if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
				return r.trailingData()
			}
			src, err := tabularSource(members)
			r.tables, r.state = src, readDone
			return err
		}
		if members["id"] == nil && members["name"] == nil {
			return errNotHSDS
		}
		r.form = formObjects
		r.first, _ = json.Marshal(members)
	default:
		return errNotHSDS
	}
	return r.begin()
}

// begin tells what the document holds from its first object.
func (r *Reader) begin() error {
	r.state = readItems
	r.kind = kindService
	if r.first != nil {
		r.kind = kindOf(r.first, r.hint)
	}
	r.fields = fieldsOf(r.kind)
	return nil
}

// elementError describes an error reading an object of the document.
func (r *Reader) elementError(err error) error {
	e := r.syntaxError(err)
	e.Msg = fmt.Sprintf("record %d: %s", r.index+1, e.Msg)
	return e
}

// nextRaw returns the document's next object as JSON, or nil after the
// last, having checked what follows it.
func (r *Reader) nextRaw() (json.RawMessage, error) {
	if raw := r.first; raw != nil {
		r.first = nil
		return raw, nil
	}
	if !r.dec.More() {
		return nil, r.finish()
	}
	var raw json.RawMessage
	if err := r.dec.Decode(&raw); err != nil {
		return nil, r.elementError(err)
	}
	if r.form == formObjects && (len(raw) == 0 || raw[0] != '{') {
		// Objects one a line may be followed by nothing else.
		return nil, r.trailingData()
	}
	return raw, nil
}

// readObject reads the next object and queues its records.
func (r *Reader) readObject() error {
	if r.kind == kindServiceAtLocation {
		return r.readServicesAtLocations()
	}
	raw, err := r.nextRaw()
	if err != nil || raw == nil {
		return err
	}
	r.noteUnkept(raw)
	switch r.kind {
	case kindOrganization:
		var in organization
		err := json.Unmarshal(raw, &in)
		r.organization(&in, err)
	case kindLocation:
		var in location
		err := json.Unmarshal(raw, &in)
		r.location(&in, err)
	case kindTaxonomy:
		var in taxonomy
		err := json.Unmarshal(raw, &in)
		r.taxonomy(&in, err)
	case kindTaxonomyTerm:
		var in taxonomyTerm
		err := json.Unmarshal(raw, &in)
		r.term(&in, nil, err)
	default:
		var in service
		err := json.Unmarshal(raw, &in)
		r.service(&in, nil, err)
	}
	return nil
}

// newRecord starts the next record.
func (r *Reader) newRecord(id text) *Record {
	r.index++
	// Trimmed as the mapping trims it, so that " a" and "a" are caught as
	// the same id.
	return &Record{Index: r.index, ID: strings.TrimSpace(string(id))}
}

// decodeError makes rec unusable for err, an error decoding its object,
// and reports whether there was one. A value of the wrong type spoils its
// record, not the document.
func decodeError(rec *Record, err error, what string) bool {
	if err == nil {
		return false
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) && typeErr.Field != "" {
		rec.Err = directory.Errorf(directory.Invalid, "%s: field %q: is %s, expected %s", rec.Label(), typeErr.Field, typeErr.Value, typeName(typeErr))
	} else if typeErr != nil {
		rec.Err = directory.Errorf(directory.Invalid, "%s: is %s, not %s object", rec.Label(), typeErr.Value, what)
	} else {
		rec.Err = directory.Errorf(directory.Invalid, "%s: %v", rec.Label(), err)
	}
	return true
}

// service queues the record of one service; org, when not nil, is the
// organisation whose document nests it.
func (r *Reader) service(in *service, org *directory.Organization, err error) *Record {
	rec := r.newRecord(in.ID)
	r.queue = append(r.queue, rec)
	if decodeError(rec, err, "a service") {
		return rec
	}
	m := mapping{rec}
	rec.Service = m.service(in)
	if org != nil {
		if o := rec.Service.Organization; o != nil && o.ID != org.ID {
			rec.Warn("organization.id", o.ID, fmt.Sprintf("replaced by %s, the organisation whose document lists the service", directory.Quote(org.ID)))
		}
		rec.Service.Organization = org
	}
	checkValid(rec, rec.Service.Validate())
	return rec
}

// checkValid makes rec unusable when err, from Validate, names problems.
func checkValid(rec *Record, err error) {
	if err == nil {
		return
	}
	var v directory.ValidationError
	if errors.As(err, &v) {
		rec.Err = &directory.Error{Kind: directory.Invalid, Msg: rec.Label() + ": " + v.Error(), Err: v}
		return
	}
	rec.Err = &directory.Error{Kind: directory.Invalid, Msg: rec.Label() + ": " + directory.MessageOf(err), Err: err}
}

// organization queues the records of an organisation document: the
// venues it lists, then each of its services with the organisation, or
// the organisation alone when it lists none.
func (r *Reader) organization(in *organization, err error) {
	if err != nil {
		rec := r.newRecord(in.ID)
		r.queue = append(r.queue, rec)
		decodeError(rec, err, "an organisation")
		return
	}
	for i := range in.Locations {
		r.location(&in.Locations[i], nil)
	}
	orgRec := r.newRecord(in.ID)
	org := (&mapping{orgRec}).organization(in, "")
	if len(in.Services) == 0 {
		orgRec.Organization = org
		checkValid(orgRec, org.Validate())
		r.queue = append(r.queue, orgRec)
		return
	}
	// The organisation's own issues go with its first service.
	r.index--
	programs := map[string]*program{}
	for i := range in.Programs {
		programs[strings.TrimSpace(string(in.Programs[i].ID))] = &in.Programs[i]
	}
	for i := range in.Services {
		s := &in.Services[i]
		if s.Program == nil && programs[strings.TrimSpace(string(s.ProgramID))] != nil {
			s.Program = programs[strings.TrimSpace(string(s.ProgramID))]
		}
		rec := r.service(s, org, nil)
		if i == 0 {
			for _, is := range orgRec.Issues {
				is.Index, is.ID = rec.Index, rec.ID
				is.Field = "organization." + is.Field
				rec.Issues = append(rec.Issues, is)
			}
		}
	}
}

// location queues the record of a venue listed on its own, then those of
// the services it nests, each at the venue.
func (r *Reader) location(in *location, err error) {
	rec := r.newRecord(in.ID)
	r.queue = append(r.queue, rec)
	if decodeError(rec, err, "a location") {
		return
	}
	m := mapping{rec}
	l := m.location(in, "", rec.ID)
	rec.Location = &l
	checkValid(rec, l.Validate())
	if rec.Err != nil {
		return
	}
	at := func(s *service, sal *serviceAtLocation, i int) {
		if s == nil {
			return
		}
		srec := r.service(s, nil, nil)
		if srec.Err != nil {
			return
		}
		link := directory.ServiceAtLocation{ID: fmt.Sprintf("%s-at-%s", srec.ID, l.ID), Location: l}
		if sal != nil {
			sm := mapping{srec}
			link.ID = or(sal.ID, link.ID)
			link.Description = sal.Description
			link.Schedules = sm.schedules(sal.Schedules, fmt.Sprintf("location.service_at_locations[%d].schedules", i), link.ID)
			link.Phones, link.Contacts = toPhones(sal.Phones, link.ID), toContacts(sal.Contacts, link.ID)
		}
		srec.Service.Locations = append(srec.Service.Locations, link)
		checkValid(srec, srec.Service.Validate())
	}
	for i := range in.ServiceAtLocations {
		at(in.ServiceAtLocations[i].Service, &in.ServiceAtLocations[i], i)
	}
	for i := range in.Services {
		at(&in.Services[i], nil, i)
	}
}

// taxonomy queues the record of a taxonomy's terms. A taxonomy listed
// without its terms has nothing Linkway can keep, and the document's
// issues say so.
func (r *Reader) taxonomy(in *taxonomy, err error) {
	if err != nil {
		rec := r.newRecord(in.ID)
		r.queue = append(r.queue, rec)
		decodeError(rec, err, "a taxonomy")
		return
	}
	if len(in.Terms) == 0 {
		rec := &Record{}
		rec.Warn("taxonomy", directory.FirstNonBlank(in.Name, string(in.ID)), "not kept: a taxonomy is kept with its terms, and this one lists none")
		r.queue = append(r.queue, rec)
		return
	}
	for i := range in.Terms {
		r.term(&in.Terms[i], in, nil)
	}
}

// term queues the record of one taxonomy term; tax is the taxonomy that
// lists it, if any.
func (r *Reader) term(in *taxonomyTerm, tax *taxonomy, err error) {
	rec := r.newRecord(in.ID)
	r.queue = append(r.queue, rec)
	if decodeError(rec, err, "a taxonomy term") {
		return
	}
	t := toTerm(in, tax)
	rec.Terms = []directory.Term{t}
	checkValid(rec, t.Validate())
}

// readServicesAtLocations reads a whole document of services at
// locations and queues one record per service, with all its places.
func (r *Reader) readServicesAtLocations() error {
	var order []*Record
	byID := map[string]*Record{}
	for {
		raw, err := r.nextRaw()
		if err != nil {
			return err
		}
		if raw == nil {
			break
		}
		r.noteUnkept(raw)
		var in serviceAtLocation
		err = json.Unmarshal(raw, &in)
		if in.Service == nil || err != nil {
			rec := r.newRecord(text(directory.FirstNonBlank(string(in.ServiceID), string(in.ID))))
			order = append(order, rec)
			if !decodeError(rec, err, "a service at a location") {
				rec.Err = directory.Errorf(directory.Invalid, "%s: field \"service\": is required: a service at a location must give the service, not only its id", rec.Label())
			}
			continue
		}
		sid := strings.TrimSpace(string(in.Service.ID))
		rec := byID[sid]
		if rec == nil || sid == "" {
			rec = r.newRecord(in.Service.ID)
			rec.Service = (&mapping{rec}).service(in.Service)
			byID[sid] = rec
			order = append(order, rec)
		}
		m := mapping{rec}
		field := fmt.Sprintf("service_at_locations[%d]", len(rec.Service.Locations))
		if at, ok := m.serviceAtLocation(&in, field, fmt.Sprintf("%s-at-%d", rec.ID, len(rec.Service.Locations))); ok {
			rec.Service.Locations = append(rec.Service.Locations, at)
		}
	}
	for _, rec := range order {
		if rec.Service != nil {
			checkValid(rec, rec.Service.Validate())
		}
	}
	r.queue = append(order, r.queue...)
	return nil
}

// finish reads past the closing bracket (and the rest of a page object)
// so that trailing garbage is reported rather than ignored, and queues
// the document's own issues.
func (r *Reader) finish() error {
	r.state = readDone
	if r.form == formObjects {
		if _, err := r.dec.Token(); !errors.Is(err, io.EOF) {
			return r.trailingData()
		}
	} else {
		if _, err := r.dec.Token(); err != nil { // ']'
			return r.syntaxError(err)
		}
		if r.form == formPage {
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
			return r.trailingData()
		}
	}
	if rec := r.unkeptRecord(); rec != nil {
		r.queue = append(r.queue, rec)
	}
	return nil
}

func (r *Reader) trailingData() error {
	return &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("unexpected data after the end of the JSON document, near byte %d", r.Offset())}
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

// syntaxError describes a JSON error at the reader's position.
func (r *Reader) syntaxError(err error) *directory.Error {
	return jsonSyntaxError(err, r.Offset(), r.skip)
}

// firstToken reads the first token of a JSON document, which both readers
// look at to tell the document's form; an empty file says so.
func firstToken(dec *json.Decoder, syntaxError func(error) *directory.Error) (json.Token, error) {
	tok, err := dec.Token()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &directory.Error{Kind: directory.Invalid, Msg: "the file is empty"}
		}
		return nil, syntaxError(err)
	}
	return tok, nil
}

// jsonSyntaxError describes a JSON error from a decoder whose input began
// skip bytes into the file and which now stands at offset.
func jsonSyntaxError(err error, offset, skip int64) *directory.Error {
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		// Never wrap io.EOF itself: callers take errors.Is(err, io.EOF) as
		// the clean end of the feed.
		return &directory.Error{Kind: directory.Invalid, Msg: "the file ends in the middle of a JSON value: it may have been cut short", Err: io.ErrUnexpectedEOF}
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		offset = skip + se.Offset
	}
	return &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("malformed JSON near byte %d: %v", offset, err), Err: err}
}
