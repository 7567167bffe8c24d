package hsds

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/linkway/linkway/directory"
)

// ArrayWriter writes services as an HSDS 3.0 JSON array of fully nested
// services ([ServiceObject]), one at a time, so an export of any size
// streams.
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
	if err := a.enc.Encode(ServiceObject(s)); err != nil {
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

// LineWriter writes services as newline-delimited JSON: one fully nested
// HSDS 3.0 service ([ServiceObject]) a line, as the Open Referral API's
// format=ndjson does and as [Open] reads back.
type LineWriter struct {
	enc *json.Encoder
	err error
}

// NewLineWriter returns a LineWriter writing to w.
func NewLineWriter(w io.Writer) *LineWriter {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &LineWriter{enc: enc}
}

// Write appends one service as a line.
func (l *LineWriter) Write(s *directory.Service) error {
	if l.err == nil {
		if err := l.enc.Encode(ServiceObject(s)); err != nil {
			l.err = fmt.Errorf("hsds: service %s: %w", s.ID, err)
		}
	}
	return l.err
}

// Close reports the first error writing, if any; the lines need no end.
func (l *LineWriter) Close() error { return l.err }

func fmtAge(p *int) number {
	if p == nil {
		return number{}
	}
	f := float64(*p)
	return number{&f}
}

// fromService maps a domain service back onto HSDS 3.0, for export and
// the Open Referral API.
func fromService(s *directory.Service) *service {
	out := &service{
		ID: text(s.ID), Name: s.Name, AlternateName: s.AlternateName, Description: s.Description,
		URL: s.URL, Email: s.Email, Status: string(s.Status), Alert: s.Alert,
		InterpretationServices: s.Interpretation, ApplicationProcess: s.Application,
		FeesDescription: s.Fees, WaitTime: text(s.WaitTime), EligibilityDescription: s.Eligibility,
		MinimumAge: fmtAge(s.MinimumAge), MaximumAge: fmtAge(s.MaximumAge),
		AssurerEmail:       s.VerifiedBy,
		AcceptingReferrals: string(s.Accepting),
		Phones:             fromPhones(s.Phones),
		Contacts:           fromContacts(s.Contacts),
		Schedules:          fromSchedules(s.Schedules),
	}
	if !s.LastVerified.IsZero() {
		out.AssuredDate = s.LastVerified.Format(time.DateOnly)
	}
	if !s.LastModified.IsZero() {
		// To the nanosecond, as the store keeps it: a listing edited
		// in Linkway reads back unchanged.
		out.LastModified = s.LastModified.Format(time.RFC3339Nano)
	}
	if s.TypicalWaitDays > 0 {
		out.TypicalWaitDays = fmtAge(&s.TypicalWaitDays)
	}
	for _, r := range s.ReferralRoutes {
		out.ReferralRoutes = append(out.ReferralRoutes, string(r))
	}
	if o := s.Organization; o != nil {
		out.OrganizationID = text(o.ID)
		out.Organization = &organization{ID: text(o.ID), Name: o.Name, Description: o.Description, Email: o.Email, Website: o.Website}
		for _, id := range o.Identifiers {
			out.Organization.Identifiers = append(out.Organization.Identifiers, organizationIdentifier{
				ID: text(id.ID), Scheme: id.Scheme, Type: id.Type, Identifier: text(id.Value),
			})
		}
	}
	if p := s.Program; p != nil {
		out.ProgramID = text(p.ID)
		out.Program = &program{ID: text(p.ID), Name: p.Name, AlternateName: p.AlternateName, Description: p.Description}
	}
	for i, f := range s.Funding {
		out.Funding = append(out.Funding, funding{ID: text(s.ID + "-funding-" + strconv.Itoa(i)), Source: f})
	}
	for _, d := range s.RequiredDocuments {
		out.RequiredDocuments = append(out.RequiredDocuments, requiredDocument{ID: text(d.ID), Document: d.Name, URI: d.URI})
	}
	for _, l := range s.Languages {
		out.Languages = append(out.Languages, language{ID: text(l.ID), Name: l.Name, Code: l.Code, Note: l.Note})
	}
	for _, c := range s.CostOptions {
		out.CostOptions = append(out.CostOptions, costOption{
			ID: text(c.ID), Option: c.Option, Amount: number{c.Amount}, Currency: c.Currency,
			AmountDescription: c.Description, ValidFrom: c.ValidFrom, ValidTo: c.ValidTo,
		})
	}
	for _, a := range s.Areas {
		out.ServiceAreas = append(out.ServiceAreas, serviceArea{ID: text(a.ID), Name: a.Name, Description: a.Description, Extent: a.Extent, ExtentType: a.ExtentType, URI: a.URI})
	}
	// Attributes with a value come first, and a term they give is not
	// written again as a plain attribute: the reader keeps each such
	// attribute's term among the service's terms too.
	valued := map[string]bool{}
	for _, a := range s.Attributes {
		valued[a.Term.ID] = true
		out.Attributes = append(out.Attributes, attribute{
			ID: text(a.ID), TaxonomyTermID: text(a.Term.ID), LinkType: a.Label, Value: text(a.Value), TaxonomyTerm: fromTerm(a.Term),
		})
	}
	for i, t := range s.Terms {
		if valued[t.ID] {
			continue
		}
		out.Attributes = append(out.Attributes, attribute{
			ID: text(s.ID + "-attribute-" + strconv.Itoa(i)), TaxonomyTermID: text(t.ID), LinkType: "service",
			TaxonomyTerm: fromTerm(t),
		})
	}
	for _, sal := range s.Locations {
		out.ServiceAtLocations = append(out.ServiceAtLocations, fromServiceAtLocation(sal))
	}
	return out
}

// fromLocation writes a location with its addresses, access and times.
func fromLocation(l directory.Location) *location {
	loc := &location{
		ID: text(l.ID), LocationType: string(l.Type), URL: l.URL, Name: l.Name,
		Description: l.Description, Transportation: l.Transportation,
		ExternalIdentifier: text(l.ExternalID), ExternalIdentifierType: l.ExternalIDType,
		Schedules: fromSchedules(l.Schedules),
	}
	if l.Point != nil {
		lat, lon := l.Point.Lat(), l.Point.Lon()
		loc.Latitude, loc.Longitude = number{&lat}, number{&lon}
	}
	for _, a := range l.Addresses {
		loc.Addresses = append(loc.Addresses, address{
			ID: text(a.ID), Attention: a.Attention, Address1: a.Address1, Address2: a.Address2,
			City: a.City, Region: a.Region, StateProvince: a.StateProvince, PostalCode: a.PostalCode,
			Country: a.Country, AddressType: a.Type,
		})
	}
	for _, a := range l.Accessibility {
		loc.Accessibility = append(loc.Accessibility, accessibility{ID: text(a.ID), Description: a.Description, Details: a.Details, URL: a.URL})
	}
	return loc
}

// fromTerm writes a taxonomy term, with its taxonomy's name, id and
// version.
func fromTerm(t directory.Term) *taxonomyTerm {
	out := &taxonomyTerm{ID: text(t.ID), Code: text(t.Code), Name: t.Name, Description: t.Description,
		Taxonomy: t.Taxonomy, TaxonomyID: taxonomyIDOf(t.Taxonomy), ParentID: text(t.ParentID), TermURI: t.URI}
	if t.Version != "" {
		out.TaxonomyDetail = &taxonomy{Name: t.Taxonomy, Version: text(t.Version)}
	}
	return out
}

func fromSchedules(in []directory.Schedule) []schedule {
	var out []schedule
	for _, s := range in {
		var interval number
		if s.Interval > 0 {
			f := float64(s.Interval)
			interval = number{&f}
		}
		out = append(out, schedule{
			ID: text(s.ID), Freq: string(s.Freq), Interval: interval, ByDay: s.ByDay, ByMonthDay: text(s.ByMonthDay),
			OpensAt: s.Opens, ClosesAt: s.Closes, ValidFrom: s.ValidFrom, ValidTo: s.ValidTo, DTStart: s.DTStart,
			Description: s.Description, AttendingType: s.AttendingType, Notes: s.Notes,
		})
	}
	return out
}

func fromPhones(in []directory.Phone) []phone {
	var out []phone
	for _, p := range in {
		out = append(out, phone{ID: text(p.ID), Number: text(p.Number), Extension: text(p.Extension), Type: p.Type, Description: p.Description})
	}
	return out
}

func fromContacts(in []directory.Contact) []contact {
	var out []contact
	for _, c := range in {
		out = append(out, contact{ID: text(c.ID), Name: c.Name, Title: c.Title, Department: c.Department, Email: c.Email, Phones: fromPhones(c.Phones)})
	}
	return out
}
