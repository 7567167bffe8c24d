package hsds

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
)

// The mapping of one ORUK v1 service onto the directory. The v1 API
// nests every table of the LGA data package under the service: field
// names follow the v1 schemas (oruk-1.0/schemas, open_api.json and
// ExtendedDataPackage.json), with the other spellings feeds use
// ("eligibilities" beside "eligibilitys", "regular_schedule" beside
// "regular_schedules") and the HSDS 1.x/2.0 fields v1 inherits.

// v1Vocabulary names the taxonomy of the attributes that keep v1 service
// fields Linkway has no field of its own for.
const v1Vocabulary = "ORUK v1"

// v1Fields are those service fields, by JSON name, with their labels.
var v1Fields = []struct{ key, label string }{
	{"deliverable_type", "Deliverable type"},
	{"attending_type", "Attending type"},
	{"attending_access", "Attending access"},
	{"accreditations", "Accreditations"},
	{"licenses", "Licences"},
}

// readService maps one service object onto rec.Service, with a warning
// for every value dropped or normalised, and sets rec.Err when the
// service cannot be listed at all (no id, no name, a value over a size
// limit).
func (r *v1Reader) readService(rec *Record, m map[string]any) {
	o := newV1Object(rec, "", m)
	// The id first: every warning names it.
	rec.ID = o.str("id")
	id := rec.ID
	s := &directory.Service{
		ID:             id,
		Name:           o.str("name"),
		AlternateName:  o.str("alternate_name"),
		Description:    o.str("description"),
		URL:            o.str("url"),
		Email:          o.str("email"),
		Fees:           o.str("fees", "fees_description"),
		Interpretation: o.str("interpretation_services"),
		Application:    o.str("application_process"),
		WaitTime:       o.str("wait_time"),
		LastVerified:   rec.Date("assured_date", o.str("assured_date")),
	}
	rec.Service = s
	a := &attributes{s: s}

	// v1 does not require a status: the HSDS 3.0 reader's rules apply
	// (none is active, a word for a status is read as it, any other is
	// inactive), so every reader lists the same services.
	s.Status = (&mapping{rec: rec}).status(o.str("status"))
	for _, f := range v1Fields {
		v := o.str(f.key)
		if v == "" {
			continue
		}
		a.add("", directory.Term{ID: "oruk-v1:" + f.key, Name: f.label, Taxonomy: v1Vocabulary}, f.label, v)
		if f.key == "attending_access" {
			// The two values that say how a person gets in; the others
			// ("appointment", "membership") stay as the attribute only.
			switch strings.ToLower(v) {
			case "drop-in":
				s.ReferralRoutes = append(s.ReferralRoutes, directory.DropIn)
			case "referral":
				s.ReferralRoutes = append(s.ReferralRoutes, directory.ProfessionalReferral)
			}
		}
	}

	if oo := o.child("organization"); oo != nil {
		o.skip("organization_id") // the same organisation, by id
		s.Organization = r.readOrganization(oo, id, a)
	} else if oid := o.str("organization_id"); oid != "" {
		// A flat feed names the organisation only by id.
		s.Organization = &directory.Organization{ID: oid, Name: oid}
	}
	if po := o.child("program"); po != nil {
		o.skip("program_id")
		s.Program = &directory.Program{ID: or(text(po.str("id")), id+"-program"), Name: po.str("name"),
			AlternateName: po.str("alternate_name"), Description: po.str("description")}
		po.skip("organization_id") // the service's own organisation
		po.done()
	} else if pid := o.str("program_id"); pid != "" {
		s.Program = &directory.Program{ID: pid}
	}

	s.Phones = readV1Phones(o.list("phones"), id)
	s.Contacts = readV1Contacts(o.list("contacts"), id)
	r.readEligibility(o, a)
	readV1Terms(o, a)
	s.Languages = readV1Languages(o)
	s.CostOptions = readV1Costs(o.list("cost_options", "cost_option"), id, a)
	s.Areas = readV1Areas(o.list("service_areas", "service_area"), id, a)
	for _, fo := range o.list("fundings", "funding") {
		fo.skip("id", "service_id", "organization_id") // a source needs no id of its own
		if src := fo.str("source"); src != "" {
			s.Funding = append(s.Funding, src)
		}
		fo.done()
	}
	for i, do := range o.list("required_documents", "required_document") {
		d := directory.Document{ID: or(text(do.str("id")), fmt.Sprintf("%s-document-%d", id, i)),
			Name: do.str("document", "name"), URI: do.str("uri")}
		do.skip("service_id")
		do.done()
		if d.Name != "" || d.URI != "" {
			s.RequiredDocuments = append(s.RequiredDocuments, d)
		}
	}
	for _, po := range o.list("payments_accepted", "payment_accepted") {
		po.skip("service_id")
		if id, v := po.str("id"), po.str("payment"); v != "" {
			a.add(id, directory.Term{ID: "oruk-v1:payment_accepted", Name: "Payment accepted", Taxonomy: v1Vocabulary}, "Payment accepted", v)
		}
		po.done()
	}
	for _, lo := range o.list("link_taxonomies", "link_taxonomy") {
		readV1Link(lo, "", a)
	}
	o.skip("reviews") // counted for the document's report, below
	if !emptyJSON(o.m["reviews"]) {
		r.reviewed = true
	}

	r.readLocations(o, s)
	o.done()
	if r.reviewed {
		r.reviews++
		r.reviewed = false
	}

	if err := s.Validate(); err != nil {
		var v directory.ValidationError
		errors.As(err, &v)
		rec.Err = &directory.Error{Kind: directory.Invalid, Msg: rec.Label() + ": " + v.Error(), Err: v}
	}
}

// attributes collects the taxonomy terms (with values) given to a
// service beyond its kinds of support: the v1 fields Linkway has no
// field for, eligibility terms, and terms linked to the service's parts.
type attributes struct{ s *directory.Service }

// add gives the service the term t with a label and value; id is the
// feed's id for the link, if it has one.
func (a *attributes) add(id string, t directory.Term, label, value string) {
	a.s.Attributes = append(a.s.Attributes, directory.Attribute{
		ID: or(text(id), fmt.Sprintf("%s-attribute-%d", a.s.ID, len(a.s.Attributes))), Term: t, Label: label, Value: value,
	})
}

// readV1Term reads a v1 taxonomy entry: {id, name, vocabulary, parent}.
// The parent may be an id or the parent entry itself; only its id is
// kept on the term, as the parent's own name belongs to the vocabulary
// (read from the feed's /taxonomies), not to this service.
func readV1Term(to *v1Object) directory.Term {
	t := directory.Term{
		ID:          to.str("id"),
		Name:        to.str("name", "term"),
		Description: to.str("description"),
		Taxonomy:    to.str("vocabulary", "taxonomy"),
		Code:        to.str("code"),
		URI:         to.str("term_uri", "uri"),
		ParentID:    to.str("parent_id"),
	}
	switch p := to.m["parent"].(type) {
	case map[string]any:
		pt := newV1Object(to.rec, to.field("parent"), p)
		t.ParentID = directory.FirstNonBlank(t.ParentID, pt.str("id"))
	case string, json.Number:
		t.ParentID = directory.FirstNonBlank(t.ParentID, compactJSON(p))
	}
	to.skip("parent", "parent_name")
	to.done()
	return t
}

// termOrDrop checks that a term can be kept: a term with a name but no
// id is known by its name; one with neither is dropped.
func termOrDrop(rec *Record, field string, t *directory.Term) bool {
	switch {
	case t.ID != "":
		return true
	case t.Name != "":
		rec.Warn(field+".id", "", "not given; the term is known by its name")
		t.ID = t.Name
		return true
	}
	rec.Warn(field, "", "dropped: a taxonomy term with no id or name")
	return false
}

// readV1Terms reads service_taxonomys into the service's kinds of
// support, each with its vocabulary and parent.
func readV1Terms(o *v1Object, a *attributes) {
	s := a.s
	seen := map[string]bool{}
	for _, to := range o.list("service_taxonomys", "service_taxonomies") {
		var t directory.Term
		if tx := to.child("taxonomy"); tx != nil {
			to.skip("taxonomy_id")
			t = readV1Term(tx)
		} else {
			t.ID = to.str("taxonomy_id")
		}
		// The link's own id (the term is kept, as the service's), and the
		// service itself.
		to.skip("id", "service_id", "service")
		to.done()
		if !termOrDrop(o.rec, to.path+".taxonomy", &t) || seen[t.ID] {
			continue
		}
		seen[t.ID] = true
		s.Terms = append(s.Terms, t)
	}
}

// linkLabels are the labels of the attributes that keep linked terms,
// by the link_type v1 gives.
var linkLabels = map[string]string{
	"eligibility":  "Eligibility",
	"cost_option":  "Cost option",
	"service_area": "Service area",
	"area":         "Service area",
	"organization": "Organisation",
}

// readV1Link reads a link_taxonomy: a taxonomy term linked to the
// service or one of its parts (eligibility, cost option, service area,
// organisation), kept as an attribute labelled with what it describes.
func readV1Link(lo *v1Object, label string, a *attributes) {
	var t directory.Term
	if tx := lo.child("taxonomy"); tx != nil {
		lo.skip("taxonomy_id")
		t = readV1Term(tx)
	} else {
		t.ID = lo.str("taxonomy_id")
	}
	if lt := lo.str("link_type"); lt != "" {
		label = directory.FirstNonBlank(linkLabels[lt], lt)
	}
	id := lo.str("id")
	// The part the link points at, by id or as a copy: the part itself
	// is read where it sits in the service.
	lo.skip("link_id", "eligibility_id", "service_area_id", "cost_option_id", "organization_id",
		"eligibility", "service_area", "cost_option", "organization")
	lo.done()
	if termOrDrop(lo.rec, lo.path+".taxonomy", &t) {
		a.add(id, t, label, "")
	}
}

// readV1LinkedTerms reads the terms nested in a part of the service
// (an eligibility's "taxonomys", a service area's "link_taxonomies"),
// kept as attributes labelled with the part.
func readV1LinkedTerms(o *v1Object, label string, a *attributes) {
	for _, to := range o.list("taxonomys", "taxonomies", "taxonomy") {
		if _, link := to.m["taxonomy"].(map[string]any); link || to.m["link_type"] != nil {
			readV1Link(to, label, a) // a link record around the term
			continue
		}
		t := readV1Term(to)
		if termOrDrop(o.rec, to.path, &t) {
			a.add("", t, label, "")
		}
	}
	for _, lo := range o.list("link_taxonomies", "link_taxonomy") {
		readV1Link(lo, label, a)
	}
}

// readEligibility reads eligibilitys: who the service is for in words
// (eligibility and gender), its age range and its eligibility terms.
// Several age ranges are kept as the widest, since Linkway keeps one.
func (r *v1Reader) readEligibility(o *v1Object, a *attributes) {
	s, rec := a.s, o.rec
	var words []string
	addWords := func(w string) {
		if w != "" && !containsFold(words, w) {
			words = append(words, w)
		}
	}
	// HSDS 2.0 and 3.0 name these on the service itself.
	addWords(o.str("eligibility_description"))
	var ranges []ageBounds
	if l, h := rec.Ages("minimum_age", o.num("minimum_age"), "maximum_age", o.num("maximum_age")); l != nil || h != nil {
		ranges = append(ranges, ageBounds{l, h})
	}
	var items []*v1Object
	if text, ok := o.m["eligibility"].(string); ok {
		// HSDS 1.x wrote eligibility as words on the service.
		o.skip("eligibility")
		addWords(strings.TrimSpace(text))
		items = o.list("eligibilitys", "eligibilities")
	} else {
		items = o.list("eligibilitys", "eligibilities", "eligibility")
	}
	for _, eo := range items {
		addWords(eo.str("eligibility"))
		addWords(eo.str("gender"))
		addWords(eo.str("description"))
		min, max := eo.num("minimum_age"), eo.num("maximum_age")
		if max != nil && *max == 0 {
			// The v1 tables require both ages, so feeds write a maximum
			// of 0 for "none".
			rec.Warn(eo.field("maximum_age"), "0", "read as no maximum age")
			max = nil
		}
		if l, h := rec.Ages(eo.field("minimum_age"), min, eo.field("maximum_age"), max); l != nil || h != nil {
			ranges = append(ranges, ageBounds{l, h})
		}
		readV1LinkedTerms(eo, "Eligibility", a)
		// The row's own id (what it says is kept, as the service's), and
		// the service itself.
		eo.skip("id", "service_id", "service")
		eo.done()
	}
	s.Eligibility = strings.Join(words, "; ")
	if len(ranges) == 0 {
		return
	}
	// The widest range: no one any of the ranges is for is left out, and
	// a range open at one end leaves the service open at that end.
	wide := ranges[0]
	var given []string
	for _, b := range ranges {
		if wide.lo != nil && (b.lo == nil || *b.lo < *wide.lo) {
			wide.lo = b.lo
		}
		if wide.hi != nil && (b.hi == nil || *b.hi > *wide.hi) {
			wide.hi = b.hi
		}
		if t := b.String(); !slices.Contains(given, t) {
			given = append(given, t)
		}
	}
	if len(given) > 1 {
		rec.Warn("eligibilitys", strings.Join(given, "; "), "kept as one range, "+wide.String()+": Linkway keeps one age range per service")
	}
	s.MinimumAge, s.MaximumAge = wide.lo, wide.hi
}

// ageBounds is an age range; nil is no bound.
type ageBounds struct{ lo, hi *int }

func (b ageBounds) String() string {
	switch {
	case b.lo != nil && b.hi != nil:
		return fmt.Sprintf("%d to %d", *b.lo, *b.hi)
	case b.lo != nil:
		return fmt.Sprintf("%d and over", *b.lo)
	case b.hi != nil:
		return fmt.Sprintf("up to %d", *b.hi)
	}
	return "any age"
}

func containsFold(xs []string, x string) bool {
	for _, y := range xs {
		if strings.EqualFold(x, y) {
			return true
		}
	}
	return false
}

// languageCode matches an ISO 639 code with an optional region or
// script ("en", "cym", "pa-Guru", "en-GB"), as v1 asks languages to be
// written; anything else is a language's name ("Welsh").
var languageCode = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// readV1Languages reads languages: v1 gives {id, language} with an
// ISO 639 code (or, in practice, a name), sometimes several separated
// by commas; HSDS 3.0 gives {id, name, code}; some feeds list plain
// strings.
func readV1Languages(o *v1Object) []directory.Language {
	id := o.rec.ID
	var out []directory.Language
	add := func(langID, value, name, code, note string) {
		for part := range strings.SplitSeq(value, ",") {
			part = strings.TrimSpace(part)
			l := directory.Language{Name: name, Code: strings.ToLower(code), Note: note}
			switch {
			case part == "":
			case languageCode.MatchString(part):
				l.Code = strings.ToLower(part)
			default:
				l.Name = directory.FirstNonBlank(l.Name, part)
			}
			if l.Name == "" && l.Code == "" {
				continue
			}
			l.ID = or(text(langID), fmt.Sprintf("%s-language-%d", id, len(out)))
			if len(out) > 0 && out[len(out)-1].ID == l.ID {
				l.ID = fmt.Sprintf("%s-%d", l.ID, len(out)) // one entry listing several languages
			}
			out = append(out, l)
		}
	}
	v, key := o.get("languages", "language")
	items, ok := v.([]any)
	if !ok && v != nil {
		items = []any{v}
	}
	for i, it := range items {
		path := fmt.Sprintf("%s[%d]", o.field(key), i)
		switch it := it.(type) {
		case string:
			add("", it, "", "", "")
		case map[string]any:
			lo := newV1Object(o.rec, path, it)
			add(lo.str("id"), lo.str("language"), lo.str("name"), lo.str("code"), lo.str("note"))
			lo.skip("service_id", "location_id") // the service or its venue
			lo.done()
		case nil:
		default:
			o.rec.Warn(path, compactJSON(it), "dropped: "+jsonKind(it)+" where a language was expected")
		}
	}
	return out
}

// readV1Phones reads phones: {id, number, extension, type, language,
// description}. A phone without a number is dropped with a warning.
func readV1Phones(items []*v1Object, owner string) []directory.Phone {
	var out []directory.Phone
	for i, po := range items {
		p := directory.Phone{
			ID: or(text(po.str("id")), fmt.Sprintf("%s-phone-%d", owner, i)),
			// The HSDS example quotes its number inside the string.
			Number:      strings.Trim(po.str("number"), `"`),
			Extension:   po.str("extension"),
			Type:        po.str("type"),
			Description: po.str("description"),
		}
		if langs := po.str("language", "languages"); langs != "" {
			// Linkway's phones have no languages of their own: say which
			// in the phone's description, where a person reads it.
			p.Description = strings.TrimSpace(p.Description + " (languages: " + langs + ")")
		}
		po.skip("service_id", "organization_id", "location_id", "contact_id", "service_at_location_id") // its owner
		po.done()
		if p.Number == "" {
			po.rec.Warn(po.path, compactJSON(po.m), "dropped: a phone with no number")
			continue
		}
		out = append(out, p)
	}
	return out
}

// readV1Contacts reads contacts: {id, name, title, department, email,
// phones}.
func readV1Contacts(items []*v1Object, owner string) []directory.Contact {
	var out []directory.Contact
	for i, co := range items {
		id := or(text(co.str("id")), fmt.Sprintf("%s-contact-%d", owner, i))
		c := directory.Contact{ID: id, Name: co.str("name"), Title: co.str("title"),
			Department: co.str("department"), Email: co.str("email"), Phones: readV1Phones(co.list("phones"), id)}
		co.skip("service_id", "organization_id", "service_at_location_id") // its owner
		co.done()
		out = append(out, c)
	}
	return out
}

// readV1Costs reads cost_options: {id, option, amount, amount_description,
// valid_from, valid_to}. v1's schema types amount as text, so "10.00" and
// "£5" are read as amounts; one that is not an amount goes into the
// description, with a warning.
func readV1Costs(items []*v1Object, owner string, a *attributes) []directory.CostOption {
	var out []directory.CostOption
	for i, co := range items {
		c := directory.CostOption{
			ID:          or(text(co.str("id")), fmt.Sprintf("%s-cost-%d", owner, i)),
			Option:      co.str("option"),
			Currency:    co.str("currency"),
			Description: co.str("amount_description"),
			ValidFrom:   co.rec.DateOnly(co.field("valid_from"), co.str("valid_from")),
			ValidTo:     co.rec.DateOnly(co.field("valid_to"), co.str("valid_to")),
		}
		if given := co.str("amount"); given != "" {
			amount, currency, ok := readAmount(given)
			switch {
			case ok:
				c.Amount = &amount
				c.Currency = directory.FirstNonBlank(c.Currency, currency)
			default:
				co.rec.Warn(co.field("amount"), given, "not an amount; kept in the cost's description")
				c.Description = strings.TrimSpace(given + " " + c.Description)
			}
		}
		readV1LinkedTerms(co, "Cost option", a)
		co.skip("service_id")
		co.done()
		out = append(out, c)
	}
	return out
}

// currencySigns are the signs amounts are written with in UK feeds.
var currencySigns = map[string]string{"£": "GBP", "$": "USD", "€": "EUR"}

// readAmount reads "10", "10.50", "£5" or "1,250.00".
func readAmount(s string) (amount float64, currency string, ok bool) {
	t := strings.TrimSpace(s)
	for sign, code := range currencySigns {
		if rest, found := strings.CutPrefix(t, sign); found {
			t, currency = strings.TrimSpace(rest), code
		}
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(t, ",", ""), 64)
	if err != nil || f < 0 {
		return 0, "", false
	}
	return f, currency, true
}

// readV1Areas reads service_areas: {id, service_area, name, description,
// extent, uri}. v1's extent is GeoJSON.
func readV1Areas(items []*v1Object, owner string, a *attributes) []directory.ServiceArea {
	var out []directory.ServiceArea
	for i, ao := range items {
		area, name, desc := ao.str("service_area"), ao.str("name"), ao.str("description")
		sa := directory.ServiceArea{
			ID:          or(text(ao.str("id")), fmt.Sprintf("%s-area-%d", owner, i)),
			Name:        directory.FirstNonBlank(name, area),
			Description: desc,
			Extent:      ao.str("extent"),
			ExtentType:  strings.ToLower(ao.str("extent_type")),
			URI:         ao.str("uri"),
		}
		if name != "" && area != "" && area != name {
			if desc == "" {
				sa.Description = area
			} else {
				ao.rec.Warn(ao.field("service_area"), area, "not kept: the area has a name and a description already")
			}
		}
		if sa.Extent != "" && sa.ExtentType == "" {
			sa.ExtentType = "geojson"
			if !strings.HasPrefix(sa.Extent, "{") {
				sa.ExtentType = "text"
			}
		}
		readV1LinkedTerms(ao, "Service area", a)
		ao.skip("service_id")
		ao.done()
		out = append(out, sa)
	}
	return out
}

// readOrganization reads the service's organisation: {id, name,
// description, email, url, logo, uri, reviews}, with the HSDS fields v1
// inherits and its identifiers (charity and company numbers).
func (r *v1Reader) readOrganization(oo *v1Object, serviceID string, a *attributes) *directory.Organization {
	rec := oo.rec
	org := &directory.Organization{
		ID:          oo.str("id"),
		Name:        oo.str("name"),
		Description: oo.str("description"),
		Email:       oo.str("email"),
		Website:     oo.str("url", "website"),
	}
	if org.ID == "" && org.Name == "" {
		oo.done()
		rec.Warn("organization", compactJSON(oo.m), "dropped: an organisation with no id or name")
		return nil
	}
	if org.ID == "" {
		org.ID = serviceID + "-organization"
		rec.Warn("organization.id", "", "not given; the organisation is known as "+directory.Quote(org.ID))
	}
	if org.Name == "" {
		org.Name = org.ID
		rec.Warn("organization.name", "", "missing: the organisation is named by its id")
	}
	if uri := oo.str("uri"); uri != "" {
		org.Identifiers = append(org.Identifiers, directory.Identifier{ID: org.ID + "-uri", Type: "URI", Value: uri})
	}
	if tax := oo.str("tax_id"); tax != "" {
		org.Identifiers = append(org.Identifiers, directory.Identifier{ID: org.ID + "-tax-id", Type: directory.FirstNonBlank(oo.str("tax_status"), "Tax id"), Value: tax})
	}
	for i, io := range oo.list("organization_identifiers", "organisation_identifiers", "identifiers") {
		if id, ok := readV1Identifier(io, fmt.Sprintf("%s-identifier-%d", org.ID, i)); ok {
			org.Identifiers = append(org.Identifiers, id)
		}
	}
	// Terms linked to the organisation (such as its type) are kept on
	// the service, the only place a record has for them.
	readV1LinkedTerms(oo, "Organisation", a)
	if !emptyJSON(oo.m["reviews"]) {
		r.reviewed = true
	}
	// Its other services are records of the feed in their own right.
	oo.skip("reviews", "services")
	oo.done()
	return org
}

// orgIDScheme matches an org-id.guide register code, such as GB-CHC.
var orgIDScheme = regexp.MustCompile(`^[A-Z]{2}-[A-Z]{2,5}$`)

// readV1Identifier reads an organisation identifier: the LGA table's
// {identification_body, register, identifier, uri} or HSDS 3.0's
// {identifier_scheme, identifier_type, identifier}.
func readV1Identifier(io *v1Object, fallbackID string) (directory.Identifier, bool) {
	id := directory.Identifier{
		ID:     or(text(io.str("id")), fallbackID),
		Scheme: io.str("identifier_scheme", "scheme"),
		Value:  io.str("identifier", "value"),
	}
	register, body := io.str("register"), io.str("identification_body")
	if id.Scheme == "" && orgIDScheme.MatchString(strings.ToUpper(register)) {
		id.Scheme, register = strings.ToUpper(register), ""
	}
	var kinds []string
	for _, k := range []string{io.str("identifier_type", "type"), register, body} {
		if k != "" && !containsFold(kinds, k) {
			kinds = append(kinds, k)
		}
	}
	id.Type = strings.Join(kinds, ", ")
	io.skip("organization_id", "service_area_id") // its owner
	io.done()
	if id.Value == "" {
		io.rec.Warn(io.field("identifier"), "", "no identifier; dropped")
		return id, false
	}
	return id, true
}

// readLocations reads service_at_locations (and HSDS-style "locations"
// given straight on the service), then places the service's own
// regular_schedules: v1 lets a service-level schedule name the service
// at a location (or the location) it is for.
func (r *v1Reader) readLocations(o *v1Object, s *directory.Service) {
	rec := o.rec
	bySAL, byLocation := map[string]int{}, map[string]int{}
	for i, so := range o.list("service_at_locations", "service_at_location") {
		salID := or(text(so.str("id")), fmt.Sprintf("%s-at-%d", s.ID, i))
		sal := directory.ServiceAtLocation{ID: salID, Description: so.str("description")}
		var locPhones []directory.Phone
		if lo := so.child("location"); lo != nil {
			so.skip("location_id")
			sal.Location, locPhones = r.readLocation(lo, salID+"-location")
		} else if lid := so.str("location_id"); lid != "" {
			// A reference to a location listed elsewhere, which the
			// importer looks for (directory.Location.IsReference).
			sal.Location = directory.Location{ID: lid}
		} else {
			so.done()
			rec.Warn(so.path, salID, "dropped: names no location (neither location nor location_id)")
			continue
		}
		sal.Schedules = readV1Schedules(so.list("regular_schedules", "regular_schedule"), salID)
		warnV1Holidays(so.list("holiday_schedules", "holiday_schedule"))
		sal.Phones = append(readV1Phones(so.list("phones"), salID), locPhones...)
		sal.Contacts = readV1Contacts(so.list("contacts"), salID)
		so.skip("service_id", "service") // the service itself
		so.done()
		bySAL[sal.ID] = len(s.Locations)
		byLocation[sal.Location.ID] = len(s.Locations)
		s.Locations = append(s.Locations, sal)
	}
	for i, lo := range o.list("locations") {
		loc, phones := r.readLocation(lo, fmt.Sprintf("%s-location-%d", s.ID, i))
		sal := directory.ServiceAtLocation{ID: s.ID + "-at-" + loc.ID, Location: loc, Phones: phones}
		bySAL[sal.ID] = len(s.Locations)
		byLocation[loc.ID] = len(s.Locations)
		s.Locations = append(s.Locations, sal)
	}
	for i, so := range o.list("regular_schedules", "regular_schedule") {
		sc, salRef, locRef := readV1Schedule(so, fmt.Sprintf("%s-schedule-%d", s.ID, i))
		if sc == nil {
			continue
		}
		j, ok := bySAL[salRef]
		if !ok && locRef != "" {
			j, ok = byLocation[locRef]
		}
		switch {
		case ok:
			s.Locations[j].Schedules = append(s.Locations[j].Schedules, *sc)
		case salRef != "" || locRef != "":
			rec.Warn(so.path, directory.FirstNonBlank(salRef, locRef), "names a place the service is not at; kept as the service's own times")
			fallthrough
		default:
			s.Schedules = append(s.Schedules, *sc)
		}
	}
	warnV1Holidays(o.list("holiday_schedules", "holiday_schedule"))
}

// readLocation reads a v1 location: {id, name, description, latitude,
// longitude, physical_addresses, accessibility_for_disabilities}, with
// the HSDS fields v1 inherits. v1 locations are venues, so the type is
// physical unless the feed says otherwise. The phones listed on the
// location are returned for the service at it.
func (r *v1Reader) readLocation(lo *v1Object, fallbackID string) (directory.Location, []directory.Phone) {
	rec := lo.rec
	id := or(text(lo.str("id")), fallbackID)
	loc := directory.Location{
		ID:             id,
		Type:           directory.Physical,
		Name:           lo.str("name"),
		Description:    lo.str("description"),
		URL:            lo.str("url"),
		Transportation: lo.str("transportation"),
		Point:          rec.Point(lo.path, lo.num("latitude"), lo.num("longitude")),
		ExternalID:     lo.str("external_identifier", "uprn"),
	}
	if loc.ExternalID != "" {
		loc.ExternalIDType = directory.FirstNonBlank(strings.ToLower(lo.str("external_identifier_type")), "uprn")
	}
	if t := lo.str("location_type"); t != "" {
		switch lt := directory.LocationType(strings.ToLower(t)); lt {
		case directory.Physical, directory.Postal, directory.Virtual:
			loc.Type = lt
		default:
			rec.Warn(lo.field("location_type"), t, "not physical, postal or virtual; read as physical")
		}
	}
	for _, group := range []struct {
		keys []string
		kind string
	}{
		{[]string{"physical_addresses", "physical_address"}, "physical"},
		{[]string{"postal_addresses", "postal_address"}, "postal"},
		{[]string{"addresses"}, ""},
	} {
		for _, ao := range lo.list(group.keys...) {
			addr := readV1Address(ao, fmt.Sprintf("%s-address-%d", id, len(loc.Addresses)), group.kind)
			loc.Addresses = append(loc.Addresses, addr)
			uprn := ao.str("uprn")
			ao.done()
			switch {
			case uprn == "" || uprn == loc.ExternalID:
			case loc.ExternalID == "":
				loc.ExternalID, loc.ExternalIDType = uprn, "uprn"
			default:
				rec.Warn(ao.field("uprn"), uprn, "not kept: the location's UPRN is "+loc.ExternalID+" already")
			}
		}
	}
	for i, ao := range lo.list("accessibility_for_disabilities", "accessibility") {
		acc := directory.Accessibility{
			ID:          or(text(ao.str("id")), fmt.Sprintf("%s-access-%d", id, i)),
			Description: ao.str("accessibility", "description"),
			Details:     ao.str("details"),
			URL:         ao.str("url"),
		}
		ao.skip("location_id") // its owner
		ao.done()
		if acc.Description != "" || acc.Details != "" || acc.URL != "" {
			loc.Accessibility = append(loc.Accessibility, acc)
		}
	}
	loc.Schedules = readV1Schedules(lo.list("regular_schedules", "regular_schedule"), id)
	warnV1Holidays(lo.list("holiday_schedules", "holiday_schedule"))
	phones := readV1Phones(lo.list("phones"), id)
	// Its owner, and the services held there, which the feed lists as
	// services.
	lo.skip("organization_id", "service_at_locations")
	lo.done()
	return loc, phones
}

// readV1Address reads a physical or postal address. Lines 2 to 4 (the
// LGA tables have four) are kept together as the second line.
func readV1Address(ao *v1Object, fallbackID, kind string) directory.Address {
	var more []string
	for _, k := range []string{"address_2", "address_3", "address_4"} {
		if v := ao.str(k); v != "" {
			more = append(more, v)
		}
	}
	a := directory.Address{
		ID:            or(text(ao.str("id")), fallbackID),
		Attention:     ao.str("attention"),
		Address1:      ao.str("address_1"),
		Address2:      strings.Join(more, ", "),
		City:          ao.str("city"),
		Region:        ao.str("region"),
		StateProvince: ao.str("state_province"),
		PostalCode:    ao.str("postal_code"),
		Country:       ao.str("country"),
		Type:          directory.FirstNonBlank(strings.ToLower(ao.str("address_type")), kind, "physical"),
	}
	ao.skip("location_id") // its owner
	return a
}

// readV1Schedules reads regular_schedules that belong where they are
// listed (a location, a service at a location).
func readV1Schedules(items []*v1Object, owner string) []directory.Schedule {
	var out []directory.Schedule
	for i, so := range items {
		if sc, _, _ := readV1Schedule(so, fmt.Sprintf("%s-schedule-%d", owner, i)); sc != nil {
			out = append(out, *sc)
		}
	}
	return out
}

// readV1Schedule reads a regular_schedule: the iCal fields (freq,
// interval, byday, bymonthday, dtstart), opens_at and closes_at,
// valid_from and valid_to, a description, and HSDS 1.x's weekday. It
// returns nil for a schedule that says nothing, and the service at a
// location or the location it names, if any.
func readV1Schedule(so *v1Object, fallbackID string) (sc *directory.Schedule, salRef, locRef string) {
	rec := so.rec
	s := directory.Schedule{
		ID:          or(text(so.str("id")), fallbackID),
		ByDay:       rec.ByDay(so.field("byday"), so.str("byday")),
		ByMonthDay:  so.str("bymonthday"),
		Opens:       rec.Clock(so.field("opens_at"), so.str("opens_at")),
		Closes:      rec.Clock(so.field("closes_at"), so.str("closes_at")),
		ValidFrom:   rec.DateOnly(so.field("valid_from"), so.str("valid_from")),
		ValidTo:     rec.DateOnly(so.field("valid_to"), so.str("valid_to")),
		DTStart:     so.str("dtstart"),
		Description: so.str("description"),
		Notes:       so.str("notes"),
	}
	if wd := so.str("weekday"); wd != "" {
		code := rec.Weekday(so.field("weekday"), wd)
		switch {
		case code == "":
		case s.ByDay == "":
			s.ByDay = code
		case !strings.Contains(s.ByDay, code):
			rec.Warn(so.field("weekday"), wd, "not kept: byday says "+s.ByDay)
		}
	}
	s.Freq, s.ByDay = rec.Frequency(so.field("freq"), so.str("freq"), s.ByDay)
	if n := so.num("interval"); n != nil {
		if *n >= 1 && *n == float64(int(*n)) {
			s.Interval = int(*n)
		} else {
			rec.Warn(so.field("interval"), strconv.FormatFloat(*n, 'f', -1, 64), "dropped: not a whole number of weeks or months")
		}
	}
	salRef = so.str("service_at_location_id")
	if ref := so.child("service_at_location"); ref != nil {
		// A copy of the service at a location the schedule is for: its id
		// is what matters, and the rest is read where it is listed.
		salRef = directory.FirstNonBlank(salRef, ref.str("id"))
	}
	locRef = so.str("location_id")
	so.skip("service_id") // the service itself
	so.done()
	if s == (directory.Schedule{ID: s.ID}) {
		return nil, salRef, locRef
	}
	return &s, salRef, locRef
}

// warnV1Holidays reports holiday_schedules, which Linkway cannot keep
// yet: its opening times have no exceptions for a holiday or a closure.
func warnV1Holidays(items []*v1Object) {
	for _, ho := range items {
		closed, _ := ho.flag("closed")
		from, to := ho.str("start_date"), ho.str("end_date")
		what := "times"
		if opens, closes := ho.str("opens_at"), ho.str("closes_at"); closed {
			what = "closed"
		} else if opens != "" || closes != "" {
			what = fmt.Sprintf("open %s–%s", opens, closes)
		}
		ho.skip("id", "service_id", "location_id", "service_at_location_id", "service_at_location")
		ho.done()
		ho.rec.Warn(ho.path, fmt.Sprintf("%s from %s to %s", what, from, to), "not kept: Linkway's opening times have no holiday closures or exceptions yet")
	}
}
