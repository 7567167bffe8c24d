package hsds

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
)

// This file joins the tables of a data package into services. A row of
// a joined table (a phone, a schedule) goes to the service when it names
// the service; else to the service at a location it names; else, when it
// names only the location, to the service's link to that location (the
// venue's own opening times go to the location). Every row used is
// marked, so that the report can count the rows that point at nothing.

func (p *packageReader) sheet(t table) *sheet { return p.sheets[t] }

// serviceRecord maps one row of the services table.
func (p *packageReader) serviceRecord(row []string) *Record {
	c := p.services.columns
	rec := &Record{Index: p.index, ID: c.get(row, "id")}
	s := p.service(rec, row)
	rec.Service = s
	if err := s.Validate(); err != nil {
		var v directory.ValidationError
		errors.As(err, &v)
		rec.Err = &directory.Error{Kind: directory.Invalid, Msg: rec.Label() + ": " + v.Error(), Err: v}
	}
	return rec
}

func (p *packageReader) service(rec *Record, row []string) *directory.Service {
	c := p.services.columns
	id := rec.ID
	s := &directory.Service{
		ID:             id,
		Name:           c.get(row, "name"),
		AlternateName:  c.get(row, "alternate_name"),
		Description:    c.get(row, "description"),
		URL:            webAddress(rec, c.field("url"), c.get(row, "url")),
		Email:          c.get(row, "email"),
		Status:         serviceStatus(rec, c.field("status"), c.get(row, "status")),
		Alert:          c.get(row, "alert"),
		Application:    c.get(row, "application_process"),
		Fees:           directory.FirstNonBlank(c.get(row, "fees_description"), c.get(row, "fees")),
		Interpretation: c.get(row, "interpretation_services"),
		WaitTime:       c.get(row, "wait_time"),
		VerifiedBy:     c.get(row, "assurer_email"),
		LastVerified:   rec.Date(c.field("assured_date"), c.get(row, "assured_date")),
		LastModified:   rec.Date(c.field("last_modified"), c.get(row, "last_modified")),
	}
	s.MinimumAge, s.MaximumAge = rec.Ages(
		c.field("minimum_age"), cellNumber(rec, c.field("minimum_age"), c.get(row, "minimum_age")),
		c.field("maximum_age"), cellNumber(rec, c.field("maximum_age"), c.get(row, "maximum_age")))
	s.Locations = p.serviceAtLocations(rec, id, c.get(row, "location_id"))

	orgID := c.get(row, "organization_id")
	if orgID == "" && len(s.Locations) > 0 {
		// Ohana names the organisation on the location only.
		if l, ok := p.sheet(tableLocations).first("id", s.Locations[0].Location.ID); ok {
			orgID = p.sheet(tableLocations).get(l, "organization_id")
		}
	}
	s.Organization = p.organization(rec, c.field("organization_id"), orgID)
	s.Program = p.program(rec, c.field("program_id"), c.get(row, "program_id"))

	sched := p.sheet(tableSchedules)
	s.Schedules = p.schedules(rec, sched.take(sched.find("service_id", id)), id)
	phones := p.sheet(tablePhones)
	s.Phones = p.phones(rec, phones.take(phones.find("service_id", id)), id)
	contacts := p.sheet(tableContacts)
	s.Contacts = p.contacts(rec, contacts.take(contacts.find("service_id", id)), id)

	eligibility := []string{c.get(row, "eligibility_description")}
	el := p.sheet(tableEligibility)
	for _, i := range el.take(el.find("service_id", id)) {
		eligibility = append(eligibility, el.get(i, "eligibility"))
	}
	s.Eligibility = joinParagraphs(eligibility)

	s.Languages = p.languages(rec, s, c.get(row, "languages"))
	s.Areas = p.areas(rec, s, c.get(row, "service_areas"))
	s.CostOptions = p.costOptions(rec, id)
	s.Funding = p.funding(id, c.get(row, "funding"))
	s.RequiredDocuments = p.documents(id, c.get(row, "required_documents"))
	s.Terms, s.Attributes = p.terms(rec, id, c.get(row, "taxonomy_ids"))
	return s
}

// take marks rows used and returns them.
func (sh *sheet) take(rows []int32) []int32 {
	for _, i := range rows {
		sh.used[i] = true
	}
	return rows
}

// serviceStatus reads a status as the JSON readers do (mapping.status),
// naming the table's column. HSDS 1.x exports often leave it empty (the
// Miami package does for every service): such a service is read as
// active. Words that mean a status are read as it; any other value as
// inactive, so that a service a feed may have meant to withdraw is kept
// but never shown.
func serviceStatus(rec *Record, field, v string) directory.Status {
	st := directory.Status(strings.ToLower(v))
	switch {
	case st.Valid():
		return st
	case v == "":
		rec.Warn(field, "", "missing: read as active")
		return directory.StatusActive
	case statusWords[string(st)] != "":
		rec.Warn(field, v, "read as "+string(statusWords[string(st)]))
		return statusWords[string(st)]
	}
	rec.Warn(field, v, "not an HSDS status: read as inactive, so not listed")
	return directory.StatusInactive
}

// webAddress gives an address written without its scheme
// ("www.example.org", as exports often write them) the http:// that
// makes it a link; anything else is kept as given.
func webAddress(rec *Record, field, v string) string {
	if v == "" || strings.Contains(v, "://") || strings.HasPrefix(strings.ToLower(v), "mailto:") {
		return v
	}
	host, _, _ := strings.Cut(v, "/")
	if !strings.Contains(host, ".") || strings.ContainsAny(host, " @") {
		return v
	}
	u := "http://" + v
	rec.Warn(field, v, "read as a link: http:// added in front")
	return u
}

// cellNumber reads a number from a cell; one that is not a number is
// dropped with a warning.
func cellNumber(rec *Record, field, v string) *float64 {
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		rec.Warn(field, v, "dropped: not a number")
		return nil
	}
	return &f
}

// list splits an Ohana-style list cell ("Spanish, Tagalog").
func list(v string) []string {
	var out []string
	for _, f := range strings.Split(v, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func joinParagraphs(texts []string) string {
	var kept []string
	for _, t := range texts {
		if t = strings.TrimSpace(t); t != "" {
			kept = append(kept, t)
		}
	}
	return strings.Join(kept, "\n\n")
}

// rowID returns a row's id, or one derived from its owner when the row
// has none or repeats one already used for the same owner (the Miami
// package gives each language row its service's id).
func rowID(id string, seen map[string]bool, owner, kind string, i int) string {
	if id == "" || seen[id] {
		id = fmt.Sprintf("%s-%s-%d", owner, kind, i)
	}
	seen[id] = true
	return id
}

func (p *packageReader) organization(rec *Record, field, id string) *directory.Organization {
	if id == "" {
		return nil
	}
	orgs := p.sheet(tableOrganizations)
	row, ok := orgs.first("id", id)
	if !ok {
		rec.Warn(field, id, "names no organisation in the package; the service is listed without one")
		return nil
	}
	o := &directory.Organization{
		ID: id, Name: orgs.get(row, "name"), Description: orgs.get(row, "description"),
		Email: orgs.get(row, "email"), Website: webAddress(p.shared(rec, "organization", id), orgs.field("website"), orgs.get(row, "website")),
	}
	if o.Name == "" {
		rec.Warn(orgs.field("name"), "", "the organisation "+directory.Quote(id)+" has no name; the service is listed without it")
		return nil
	}
	o.Identifiers = p.identifiers(id)
	return o
}

func (p *packageReader) identifiers(orgID string) []directory.Identifier {
	ids := p.sheet(tableOrganizationIdentifiers)
	var out []directory.Identifier
	seen := map[string]bool{}
	for i, row := range ids.take(ids.find("organization_id", orgID)) {
		v := ids.get(row, "identifier")
		if v == "" {
			continue
		}
		out = append(out, directory.Identifier{
			ID: rowID(ids.get(row, "id"), seen, orgID, "identifier", i), Scheme: ids.get(row, "identifier_scheme"),
			Type: ids.get(row, "identifier_type"), Value: v,
		})
	}
	return out
}

func (p *packageReader) program(rec *Record, field, id string) *directory.Program {
	if id == "" {
		return nil
	}
	progs := p.sheet(tablePrograms)
	row, ok := progs.first("id", id)
	if !ok {
		rec.Warn(field, id, "names no programme in the package; dropped")
		return nil
	}
	return &directory.Program{ID: id, Name: progs.get(row, "name"),
		AlternateName: progs.get(row, "alternate_name"), Description: progs.get(row, "description")}
}

// serviceAtLocations returns where the service is delivered: the rows of
// the service_at_location table that name it, or the location that an
// Ohana services table names directly.
func (p *packageReader) serviceAtLocations(rec *Record, serviceID, ohanaLocation string) []directory.ServiceAtLocation {
	sals := p.sheet(tableServiceAtLocations)
	type link struct{ id, locationID, description string }
	var links []link
	for _, row := range sals.take(sals.find("service_id", serviceID)) {
		links = append(links, link{sals.get(row, "id"), sals.get(row, "location_id"), sals.get(row, "description")})
	}
	if ohanaLocation != "" {
		links = append(links, link{serviceID + "-at-" + ohanaLocation, ohanaLocation, ""})
	}
	var out []directory.ServiceAtLocation
	seen := map[string]bool{}
	for i, l := range links {
		l.id = rowID(l.id, seen, serviceID, "at", i)
		loc, ok := p.location(rec, l.locationID)
		if !ok {
			field := "service_at_location.location_id"
			if sals != nil {
				field = sals.field("location_id")
			}
			rec.Warn(field, l.locationID, "names no location in the package; this link to a place is dropped")
			continue
		}
		sal := directory.ServiceAtLocation{ID: l.id, Description: l.description, Location: loc}
		sched, phones, contacts := p.sheet(tableSchedules), p.sheet(tablePhones), p.sheet(tableContacts)
		sal.Schedules = p.schedules(rec, sched.take(unowned(sched, sched.find("service_at_location_id", l.id))), l.id)
		sal.Phones = p.phones(rec, phones.take(append(unowned(phones, phones.find("service_at_location_id", l.id)),
			onlyLocation(phones, phones.find("location_id", loc.ID))...)), l.id)
		sal.Contacts = p.contacts(rec, contacts.take(append(unowned(contacts, contacts.find("service_at_location_id", l.id)),
			onlyLocation(contacts, contacts.find("location_id", loc.ID))...)), l.id)
		out = append(out, sal)
	}
	return out
}

// unowned keeps the rows that name no service: one that does went to
// that service.
func unowned(sh *sheet, rows []int32) []int32 {
	var out []int32
	for _, i := range rows {
		if sh.get(i, "service_id") == "" {
			out = append(out, i)
		}
	}
	return out
}

// onlyLocation keeps the phones or contacts that name a location and
// neither a service, a service at a location nor a contact. They go to
// each service there, since a location holds neither.
func onlyLocation(sh *sheet, rows []int32) []int32 {
	var out []int32
	for _, row := range rows {
		if sh.get(row, "service_id") == "" && sh.get(row, "service_at_location_id") == "" && sh.get(row, "contact_id") == "" {
			out = append(out, row)
		}
	}
	return out
}

// shared returns the record to report on for a row that many services
// may share (an organisation, a location): rec the first time, and after
// that a record whose issues go nowhere, so that the report says once
// what was done to the row rather than once per service.
func (p *packageReader) shared(rec *Record, kind, id string) *Record {
	key := kind + "\x00" + id
	if p.described[key] {
		return &Record{}
	}
	p.described[key] = true
	return rec
}

// location maps the location with id, with its addresses, accessibility
// and own opening times.
func (p *packageReader) location(rec *Record, id string) (directory.Location, bool) {
	locs := p.sheet(tableLocations)
	row, ok := locs.first("id", id)
	if !ok {
		return directory.Location{}, false
	}
	rec = p.shared(rec, "location", id)
	l := directory.Location{
		ID:             id,
		Name:           locs.get(row, "name"),
		Description:    locs.get(row, "description"),
		URL:            webAddress(rec, locs.field("url"), locs.get(row, "url")),
		Transportation: locs.get(row, "transportation"),
		ExternalID:     locs.get(row, "external_identifier"),
		ExternalIDType: strings.ToLower(locs.get(row, "external_identifier_type")),
	}
	l.Point = rec.Point(locs.label,
		cellNumber(rec, locs.field("latitude"), locs.get(row, "latitude")),
		cellNumber(rec, locs.field("longitude"), locs.get(row, "longitude")))
	for _, t := range []struct {
		table table
		kind  string
	}{{tableAddresses, ""}, {tablePhysicalAddresses, "physical"}, {tablePostalAddresses, "postal"}} {
		addrs := p.sheet(t.table)
		seen := map[string]bool{}
		for i, a := range addrs.take(addrs.find("location_id", id)) {
			l.Addresses = append(l.Addresses, directory.Address{
				ID:            rowID(addrs.get(a, "id"), seen, id, "address", i),
				Attention:     addrs.get(a, "attention"),
				Address1:      addrs.get(a, "address_1"),
				Address2:      strings.Join(list(strings.Join([]string{addrs.get(a, "address_2"), addrs.get(a, "address_3"), addrs.get(a, "address_4")}, ",")), ", "),
				City:          addrs.get(a, "city"),
				Region:        addrs.get(a, "region"),
				StateProvince: addrs.get(a, "state_province"),
				PostalCode:    addrs.get(a, "postal_code"),
				Country:       addrs.get(a, "country"),
				Type:          directory.FirstNonBlank(strings.ToLower(addrs.get(a, "address_type")), t.kind),
			})
		}
	}
	l.Type = locationType(rec, locs, row, &l)
	acc := p.sheet(tableAccessibility)
	seen := map[string]bool{}
	for i, a := range acc.take(acc.find("location_id", id)) {
		d := directory.Accessibility{ID: rowID(acc.get(a, "id"), seen, id, "access", i),
			Description: acc.get(a, "description"), Details: acc.get(a, "details"), URL: acc.get(a, "url")}
		if d.Description != "" || d.Details != "" || d.URL != "" {
			l.Accessibility = append(l.Accessibility, d)
		}
	}
	for i, a := range list(locs.get(row, "accessibility")) {
		// Ohana lists its accessibility codes on the location:
		// "disabled_parking, ramp".
		l.Accessibility = append(l.Accessibility, directory.Accessibility{
			ID: rowID("", seen, id, "access-listed", i), Description: strings.ReplaceAll(a, "_", " ")})
	}
	sched := p.sheet(tableSchedules)
	var own []int32
	for _, r := range sched.find("location_id", id) {
		if sched.get(r, "service_id") == "" && sched.get(r, "service_at_location_id") == "" {
			own = append(own, r)
		}
	}
	l.Schedules = p.schedules(rec, sched.take(own), id)
	return l, true
}

// locationType reads location_type; HSDS 1.x has none, so a location is
// virtual when Ohana says so, postal when it has only a postal address,
// and physical otherwise.
func locationType(rec *Record, locs *sheet, row int32, l *directory.Location) directory.LocationType {
	v := strings.ToLower(locs.get(row, "location_type"))
	switch t := directory.LocationType(v); {
	case t == directory.Physical || t == directory.Postal || t == directory.Virtual:
		return t
	case v != "":
		rec.Warn(locs.field("location_type"), v, "not physical, postal or virtual; read as physical")
		return directory.Physical
	}
	if b, err := strconv.ParseBool(locs.get(row, "virtual")); err == nil && b {
		return directory.Virtual
	}
	if l.Point == nil && len(l.Addresses) > 0 {
		postal := true
		for _, a := range l.Addresses {
			postal = postal && a.Type == "postal"
		}
		if postal {
			return directory.Postal
		}
	}
	if locs.has("location_type") {
		rec.Warn(locs.field("location_type"), "", "no location type given; read as physical")
	}
	return directory.Physical
}

// schedules maps schedule rows. HSDS 1.x gives one row per weekday
// ("Monday", 9:00am, 5:00pm): rows alike but for the day become one
// weekly schedule ("MO,TU,WE,TH,FR"), as HSDS 3.0 writes it.
func (p *packageReader) schedules(rec *Record, rows []int32, owner string) []directory.Schedule {
	sh := p.sheet(tableSchedules)
	if len(rows) == 0 {
		return nil
	}
	var out []directory.Schedule
	merged := map[string]int{} // the parts of a weekday row but its day → its schedule in out
	seen := map[string]bool{}
	for i, row := range rows {
		get := func(f string) string { return sh.get(row, f) }
		weekday := get("weekday")
		if weekday != "" && get("byday") == "" && get("freq") == "" {
			key := strings.Join([]string{get("opens_at"), get("closes_at"), get("valid_from"), get("valid_to"),
				get("description"), get("notes"), get("attending_type")}, "\x00")
			day := rec.Weekday(sh.field("weekday"), weekday)
			if j, ok := merged[key]; ok {
				if day != "" && !strings.Contains(out[j].ByDay, day) {
					out[j].ByDay = sortDays(out[j].ByDay + "," + day)
				}
				continue
			}
			s := p.schedule(rec, row, rowID(get("id"), seen, owner, "schedule", i))
			s.Freq, s.ByDay = directory.Weekly, day
			merged[key] = len(out)
			out = append(out, s)
			continue
		}
		out = append(out, p.schedule(rec, row, rowID(get("id"), seen, owner, "schedule", i)))
	}
	return out
}

func (p *packageReader) schedule(rec *Record, row int32, id string) directory.Schedule {
	sh := p.sheet(tableSchedules)
	get := func(f string) string { return sh.get(row, f) }
	s := directory.Schedule{
		ID:            id,
		ByDay:         rec.ByDay(sh.field("byday"), get("byday")),
		ByMonthDay:    get("bymonthday"),
		Opens:         rec.Clock(sh.field("opens_at"), get("opens_at")),
		Closes:        rec.Clock(sh.field("closes_at"), get("closes_at")),
		ValidFrom:     rec.DateOnly(sh.field("valid_from"), get("valid_from")),
		ValidTo:       rec.DateOnly(sh.field("valid_to"), get("valid_to")),
		DTStart:       get("dtstart"),
		Description:   get("description"),
		AttendingType: get("attending_type"),
		Notes:         get("notes"),
	}
	s.Freq, s.ByDay = rec.Frequency(sh.field("freq"), get("freq"), s.ByDay)
	if v := get("interval"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			rec.Warn(sh.field("interval"), v, "dropped: not a whole number of weeks or months")
		} else {
			s.Interval = n
		}
	}
	return s
}

// sortDays puts an iCal day list in week order.
func sortDays(list string) string {
	days := strings.Split(list, ",")
	sort.SliceStable(days, func(i, j int) bool {
		a, _ := dayIndex(days[i])
		b, _ := dayIndex(days[j])
		return a < b
	})
	return strings.Join(days, ",")
}

func (p *packageReader) phones(rec *Record, rows []int32, owner string) []directory.Phone {
	sh := p.sheet(tablePhones)
	var out []directory.Phone
	seen := map[string]bool{}
	for i, row := range rows {
		// The HSDS 3.0 example quotes its number inside the value.
		num := strings.TrimSpace(strings.Trim(sh.get(row, "number"), `"`))
		if num == "" {
			rec.Warn(sh.field("number"), "", "a phone without a number; dropped")
			continue
		}
		out = append(out, directory.Phone{
			ID: rowID(sh.get(row, "id"), seen, owner, "phone", i), Number: num,
			Extension: sh.get(row, "extension"), Type: sh.get(row, "type"), Description: sh.get(row, "description"),
		})
	}
	return out
}

func (p *packageReader) contacts(rec *Record, rows []int32, owner string) []directory.Contact {
	sh := p.sheet(tableContacts)
	phones := p.sheet(tablePhones)
	var out []directory.Contact
	seen := map[string]bool{}
	for i, row := range rows {
		id := rowID(sh.get(row, "id"), seen, owner, "contact", i)
		out = append(out, directory.Contact{
			ID: id, Name: sh.get(row, "name"), Title: sh.get(row, "title"),
			Department: sh.get(row, "department"), Email: sh.get(row, "email"),
			Phones: p.phones(rec, phones.take(phones.find("contact_id", sh.get(row, "id"))), id),
		})
	}
	return out
}

// languages gathers the languages of the service and of the locations it
// is delivered at (HSDS has them on both; Linkway on the service), with
// those Ohana lists in cells, once each.
func (p *packageReader) languages(rec *Record, s *directory.Service, listed string) []directory.Language {
	sh := p.sheet(tableLanguages)
	rows := sh.find("service_id", s.ID)
	for _, sal := range s.Locations {
		for _, i := range sh.find("location_id", sal.Location.ID) {
			if sh.get(i, "service_id") == "" {
				rows = append(rows, i)
			}
		}
	}
	type lang struct{ id, name, code, note string }
	var all []lang
	for _, row := range sh.take(rows) {
		all = append(all, lang{sh.get(row, "id"), sh.get(row, "name"), strings.ToLower(sh.get(row, "code")), sh.get(row, "note")})
	}
	for _, n := range list(listed) {
		all = append(all, lang{name: n})
	}
	if locs := p.sheet(tableLocations); locs != nil {
		for _, sal := range s.Locations {
			if row, ok := locs.first("id", sal.Location.ID); ok {
				for _, n := range list(locs.get(row, "languages")) {
					all = append(all, lang{name: n})
				}
			}
		}
	}
	var out []directory.Language
	seen, ids := map[string]bool{}, map[string]bool{}
	for i, l := range all {
		key := strings.ToLower(l.name) + "\x00" + l.code
		if l.name == "" && l.code == "" {
			if l.note != "" {
				rec.Warn(sh.field("name"), l.note, "a language without a name or code; dropped")
			}
			continue // an empty row: there is nothing to keep
		}
		if seen[key] {
			continue
		}
		seen[key] = true
		out = append(out, directory.Language{ID: rowID(l.id, ids, s.ID, "language", i), Name: l.name, Code: l.code, Note: l.note})
	}
	return out
}

func (p *packageReader) areas(rec *Record, s *directory.Service, listed string) []directory.ServiceArea {
	sh := p.sheet(tableServiceAreas)
	var out []directory.ServiceArea
	seen := map[string]bool{}
	for i, row := range sh.take(sh.find("service_id", s.ID)) {
		out = append(out, directory.ServiceArea{
			ID: rowID(sh.get(row, "id"), seen, s.ID, "area", i), Name: sh.get(row, "name"),
			Description: sh.get(row, "description"), Extent: sh.get(row, "extent"),
			ExtentType: sh.get(row, "extent_type"), URI: sh.get(row, "uri"),
		})
	}
	for i, n := range list(listed) {
		out = append(out, directory.ServiceArea{ID: rowID("", seen, s.ID, "area-listed", i), Name: n})
	}
	return out
}

func (p *packageReader) costOptions(rec *Record, serviceID string) []directory.CostOption {
	sh := p.sheet(tableCostOptions)
	var out []directory.CostOption
	seen := map[string]bool{}
	for i, row := range sh.take(sh.find("service_id", serviceID)) {
		out = append(out, directory.CostOption{
			ID: rowID(sh.get(row, "id"), seen, serviceID, "cost", i), Option: sh.get(row, "option"),
			Amount:   cellNumber(rec, sh.field("amount"), sh.get(row, "amount")),
			Currency: sh.get(row, "currency"), Description: sh.get(row, "amount_description"),
			ValidFrom: rec.DateOnly(sh.field("valid_from"), sh.get(row, "valid_from")),
			ValidTo:   rec.DateOnly(sh.field("valid_to"), sh.get(row, "valid_to")),
		})
	}
	return out
}

func (p *packageReader) funding(serviceID, listed string) []string {
	sh := p.sheet(tableFunding)
	var out []string
	for _, r := range sh.take(sh.find("service_id", serviceID)) {
		if v := sh.get(r, "source"); v != "" {
			out = append(out, v)
		}
	}
	return append(out, list(listed)...)
}

func (p *packageReader) documents(serviceID, listed string) []directory.Document {
	sh := p.sheet(tableRequiredDocuments)
	var out []directory.Document
	seen := map[string]bool{}
	for i, row := range sh.take(sh.find("service_id", serviceID)) {
		if sh.get(row, "document") == "" && sh.get(row, "uri") == "" {
			continue
		}
		out = append(out, directory.Document{ID: rowID(sh.get(row, "id"), seen, serviceID, "document", i),
			Name: sh.get(row, "document"), URI: sh.get(row, "uri")})
	}
	for i, n := range list(listed) {
		out = append(out, directory.Document{ID: rowID("", seen, serviceID, "document-listed", i), Name: n})
	}
	return out
}

// otherEntities are the link_entity values of attributes that attach a
// term to something other than a service.
var otherEntities = map[string]bool{"organization": true, "location": true, "service_at_location": true,
	"contact": true, "phone": true, "program": true, "cost_option": true, "service_area": true}

// terms returns the service's taxonomy terms (from the 1.x
// service_taxonomy table, 3.0 attributes and Ohana's taxonomy_ids cell),
// once each, and its attributes.
func (p *packageReader) terms(rec *Record, serviceID, listed string) ([]directory.Term, []directory.Attribute) {
	var terms []directory.Term
	var attrs []directory.Attribute
	seen := map[string]bool{}
	add := func(field, id string) directory.Term {
		t := p.term(rec, field, id)
		if !seen[id] {
			seen[id] = true
			terms = append(terms, t)
		}
		return t
	}
	links := p.sheet(tableServiceTaxonomy)
	for _, r := range links.take(links.find("service_id", serviceID)) {
		if id := links.get(r, "taxonomy_id"); id != "" {
			add(links.field("taxonomy_id"), id)
		}
	}
	for _, id := range list(listed) {
		add(p.services.field("taxonomy_ids"), id)
	}
	at := p.sheet(tableAttributes)
	attrIDs := map[string]bool{}
	for i, row := range at.find("link_id", serviceID) {
		if otherEntities[strings.ToLower(at.get(row, "link_entity"))] {
			continue
		}
		at.used[row] = true
		termID := at.get(row, "taxonomy_term_id")
		if termID == "" {
			rec.Warn(at.field("taxonomy_term_id"), at.get(row, "id"), "an attribute without a taxonomy term; dropped")
			continue
		}
		t := add(at.field("taxonomy_term_id"), termID)
		attrs = append(attrs, directory.Attribute{ID: rowID(at.get(row, "id"), attrIDs, serviceID, "attribute", i),
			Term: t, Label: at.get(row, "label"), Value: at.get(row, "value")})
	}
	return terms, attrs
}

// term describes the term with id from the package's terms table.
func (p *packageReader) term(rec *Record, field, id string) directory.Term {
	sh := p.sheet(tableTaxonomyTerms)
	row, ok := sh.first("id", id)
	if !ok {
		if sh != nil {
			rec.Warn(field, id, "names no term in the package's taxonomy; kept by its id")
		}
		return directory.Term{ID: id}
	}
	return p.termOf(row)
}

func (p *packageReader) termOf(row int32) directory.Term {
	sh := p.sheet(tableTaxonomyTerms)
	t := directory.Term{
		ID: sh.get(row, "id"), Name: sh.get(row, "name"), Description: sh.get(row, "description"),
		ParentID: sh.get(row, "parent_id"), Code: sh.get(row, "code"), URI: sh.get(row, "term_uri"),
		Taxonomy: sh.get(row, "taxonomy"),
	}
	if tid := sh.get(row, "taxonomy_id"); tid != "" {
		taxes := p.sheet(tableTaxonomies)
		if tax, ok := taxes.first("id", tid); ok {
			t.Taxonomy = directory.FirstNonBlank(t.Taxonomy, taxes.get(tax, "name"))
			t.Version = taxes.get(tax, "version")
		}
		t.Taxonomy = directory.FirstNonBlank(t.Taxonomy, tid)
	}
	return t
}
