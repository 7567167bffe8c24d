package orgs

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/ids"
	"github.com/linkway/linkway/web/core"
	"github.com/linkway/linkway/web/public"
)

// The listing form: what residents and link workers rely on, in words an
// organisation uses. A listing holds more than the form shows (several
// places, cost options, notes on a session…); whatever part of the form
// comes back as it was sent out leaves that part of the listing exactly
// as it was, so editing the name never rewrites the sessions.

// serviceForm is the listing form as sent and as typed.
type serviceForm struct {
	Name, Description, Eligibility string
	MinAge, MaxAge                 string
	Sessions                       []sessionRow
	PlaceName, Address, Postcode   string
	Confidential                   bool     // the address is private: residents see its district
	Access                         []string // core.AccessOptions values
	Cost                           string   // "free", "paid" or "" (not said)
	Fees                           string
	Routes                         []string
	Application                    string
	Languages                      string // names, separated by commas
	Phone, Email                   string
	Accepting                      string // a directory.Capacity
	WaitDays                       string
}

// sessionRow is one session: weekly on some days, or monthly on the
// first (second, …, last) of a day.
type sessionRow struct {
	ID            string // the schedule it came from; "" for a new one
	Repeat        string // "weekly", or a monthly ordinal: "1".."4", "-1"
	Days          []string
	Opens, Closes string
}

func (r sessionRow) blank() bool {
	return len(r.Days) == 0 && strings.TrimSpace(r.Opens) == "" && strings.TrimSpace(r.Closes) == ""
}

func (r sessionRow) same(o sessionRow) bool {
	return r.ID == o.ID && r.Repeat == o.Repeat && slices.Equal(r.Days, o.Days) &&
		strings.TrimSpace(r.Opens) == o.Opens && strings.TrimSpace(r.Closes) == o.Closes
}

// blankSessions is how many empty session rows the form offers.
const blankSessions = 2

// maxSessions bounds the rows read from a post.
const maxSessions = 40

var dayCodes = []struct{ code, name string }{
	{"MO", "Monday"}, {"TU", "Tuesday"}, {"WE", "Wednesday"}, {"TH", "Thursday"}, {"FR", "Friday"}, {"SA", "Saturday"}, {"SU", "Sunday"},
}

func dayIndex(code string) int {
	return slices.IndexFunc(dayCodes, func(c struct{ code, name string }) bool { return c.code == code })
}

var repeatOptions = []core.Option{
	{Value: "weekly", Label: "Every week"},
	{Value: "1", Label: "First of the month"},
	{Value: "2", Label: "Second of the month"},
	{Value: "3", Label: "Third of the month"},
	{Value: "4", Label: "Fourth of the month"},
	{Value: "-1", Label: "Last of the month"},
}

var routeOptions = []core.Option{
	{Value: string(directory.DropIn), Label: "Drop in: just turn up"},
	{Value: string(directory.SelfReferral), Label: "People can contact you themselves"},
	{Value: string(directory.ProfessionalReferral), Label: "A link worker, GP or other professional refers them"},
}

var capacityOptions = []core.Option{
	{Value: string(directory.CapacityOpen), Label: "Taking new people"},
	{Value: string(directory.CapacityWaitingList), Label: "Waiting list"},
	{Value: string(directory.CapacityFull), Label: "Full: not taking anyone new"},
}

// placeIndex is the listing's first in-person place, the one the form
// edits, or -1.
func placeIndex(s *directory.Service) int {
	for i, sal := range s.Locations {
		if sal.Location.Type != directory.Virtual {
			return i
		}
	}
	return -1
}

// formSchedules are the sessions the form shows: the listing's own and
// those at its place.
func formSchedules(s *directory.Service) []directory.Schedule {
	out := append([]directory.Schedule(nil), s.Schedules...)
	if p := placeIndex(s); p >= 0 {
		out = append(out, s.Locations[p].Schedules...)
	}
	return out
}

func sessionRowOf(sc directory.Schedule) sessionRow {
	row := sessionRow{ID: sc.ID, Repeat: "weekly", Opens: sc.Opens, Closes: sc.Closes}
	for _, d := range sc.Days() {
		row.Days = append(row.Days, dayCodes[(int(d.Day)+6)%7].code)
		if sc.Freq == directory.Monthly && d.Ordinal != 0 {
			row.Repeat = strconv.Itoa(d.Ordinal)
		}
	}
	// In the order the form lists them, so an untouched row reads back
	// the same.
	slices.SortFunc(row.Days, func(a, b string) int { return dayIndex(a) - dayIndex(b) })
	return row
}

// accessOf returns the core.AccessOptions values a location states.
func accessOf(sal directory.ServiceAtLocation) []string {
	features := (&directory.Service{Locations: []directory.ServiceAtLocation{sal}}).AccessFeatures()
	var out []string
	for _, o := range core.AccessOptions {
		if f, _ := directory.ParseAccess(o.Value); slices.Contains(features, f) {
			out = append(out, o.Value)
		}
	}
	return out
}

// serviceFormOf fills the form from a listing.
func serviceFormOf(s *directory.Service) serviceForm {
	f := serviceForm{
		Name: s.Name, Description: s.Description, Eligibility: s.Eligibility,
		Application: s.Application, Email: s.Email, Accepting: string(s.Accepting),
	}
	if s.MinimumAge != nil {
		f.MinAge = strconv.Itoa(*s.MinimumAge)
	}
	if s.MaximumAge != nil {
		f.MaxAge = strconv.Itoa(*s.MaximumAge)
	}
	for _, sc := range formSchedules(s) {
		// A session with neither days nor times ("by appointment") cannot
		// be shown as a row; it is kept as it is (see schedules).
		if row := sessionRowOf(sc); !row.blank() {
			f.Sessions = append(f.Sessions, row)
		}
	}
	if p := placeIndex(s); p >= 0 {
		l := s.Locations[p].Location
		f.PlaceName, f.Address, f.Postcode = l.Name, l.Address().Address1, l.Address().PostalCode
		f.Confidential = l.Confidential
		f.Access = accessOf(s.Locations[p])
	}
	switch {
	case s.IsFree():
		f.Cost = "free"
	case s.Fees != "" || len(s.CostOptions) > 0:
		f.Cost, f.Fees = "paid", directory.FirstNonBlank(s.Fees, public.CostText(s))
	}
	for _, r := range s.ReferralRoutes {
		f.Routes = append(f.Routes, string(r))
	}
	var langs []string
	for _, l := range s.Languages {
		langs = append(langs, directory.FirstNonBlank(l.Name, l.Code))
	}
	f.Languages = strings.Join(langs, ", ")
	if len(s.Phones) > 0 {
		f.Phone = s.Phones[0].Number
	}
	if f.Accepting == "" {
		f.Accepting = string(directory.CapacityOpen)
	}
	if s.TypicalWaitDays > 0 {
		f.WaitDays = strconv.Itoa(s.TypicalWaitDays)
	}
	return f
}

// serviceFormFrom reads the posted form.
func serviceFormFrom(r *http.Request) serviceForm {
	v := r.PostForm
	get := func(k string) string { return strings.TrimSpace(v.Get(k)) }
	f := serviceForm{
		Name: get("name"), Description: get("description"), Eligibility: get("eligibility"),
		MinAge: get("minimum_age"), MaxAge: get("maximum_age"),
		PlaceName: get("place_name"), Address: get("address"), Postcode: get("postcode"), Access: v["access"],
		Confidential: get("confidential") == "yes",
		Cost:         get("cost"), Fees: get("fees"), Routes: v["routes"], Application: get("application"),
		Languages: get("languages"), Phone: get("phone"), Email: get("email"),
		Accepting: get("accepting"), WaitDays: get("wait_days"),
	}
	for i := 0; i < maxSessions; i++ {
		p := fmt.Sprintf("session-%d-", i)
		if _, ok := v[p+"repeat"]; !ok {
			break
		}
		row := sessionRow{
			ID: v.Get(p + "id"), Repeat: v.Get(p + "repeat"), Days: v[p+"days"],
			Opens: strings.TrimSpace(v.Get(p + "opens")), Closes: strings.TrimSpace(v.Get(p + "closes")),
		}
		// Rows left empty are offers of a new session not taken up; they
		// are dropped here so that error ids match the rows redrawn.
		if !row.blank() {
			f.Sessions = append(f.Sessions, row)
		}
	}
	return f
}

// cloneService deep-copies a listing, so the form can change the copy.
func cloneService(s *directory.Service) *directory.Service {
	b, err := json.Marshal(s)
	if err != nil {
		panic(err) // plain data: cannot fail
	}
	var c directory.Service
	if err := json.Unmarshal(b, &c); err != nil {
		panic(err)
	}
	return &c
}

// newPartID makes an id for a part of a listing added by the form (a
// place, a session, a phone): a UUID, unique across the directory and
// kept for life, as Open Referral expects of records made here.
func newPartID() string { return ids.New() }

// formProblems collects the form's errors, each for one field.
type formProblems []core.FormError

func (p *formProblems) add(field, format string, args ...any) {
	*p = append(*p, core.FormError{Field: field, Message: fmt.Sprintf(format, args...)})
}

// apply returns the listing orig changed as the form says, or the
// problems to show next to the fields.
func (f serviceForm) apply(orig *directory.Service, pl public.Places) (*directory.Service, []core.FormError) {
	was := serviceFormOf(orig)
	s := cloneService(orig)
	var errs formProblems

	s.Name, s.Description, s.Eligibility, s.Application = f.Name, f.Description, f.Eligibility, f.Application
	if f.Name == "" {
		errs.add("name", "Enter the name people know the group or service by")
	}
	s.MinimumAge = formAge(&errs, "minimum_age", "Youngest age", f.MinAge)
	s.MaximumAge = formAge(&errs, "maximum_age", "Oldest age", f.MaxAge)

	placeChanged := f.PlaceName != was.PlaceName || f.Address != was.Address || !strings.EqualFold(f.Postcode, was.Postcode) ||
		f.Confidential != was.Confidential || !sameSet(f.Access, was.Access)
	sessionsChanged := len(f.Sessions) != len(was.Sessions)
	for i := 0; !sessionsChanged && i < len(f.Sessions); i++ {
		sessionsChanged = !f.Sessions[i].same(was.Sessions[i])
	}
	schedules := formSchedules(orig)
	if sessionsChanged {
		schedules = f.schedules(&errs, schedules)
	}
	if placeChanged {
		f.applyPlace(&errs, s, pl)
	}
	if placeChanged || sessionsChanged {
		// Sessions live at the place when there is one, so residents see
		// where each happens; otherwise on the listing itself.
		s.Schedules = nil
		if p := placeIndex(s); p >= 0 {
			s.Locations[p].Schedules = schedules
		} else {
			s.Schedules = schedules
		}
	}

	if f.Cost != was.Cost || f.Fees != was.Fees {
		switch f.Cost {
		case "free":
			zero := 0.0
			s.CostOptions, s.Fees = []directory.CostOption{{ID: newPartID(), Amount: &zero, Description: "Free"}}, ""
		case "paid":
			if f.Fees == "" {
				errs.add("fees", "Say what it costs, like £3 a session")
			}
			s.CostOptions, s.Fees = nil, f.Fees
		case "":
			s.CostOptions, s.Fees = nil, ""
		default:
			errs.add("cost", "Choose whether it is free")
		}
	}

	if !sameSet(f.Routes, was.Routes) {
		s.ReferralRoutes = nil
		for _, r := range f.Routes {
			if !directory.ReferralRoute(r).Valid() {
				errs.add("routes", "Choose how people join from the list")
				break
			}
			s.ReferralRoutes = append(s.ReferralRoutes, directory.ReferralRoute(r))
		}
	}

	if f.Languages != was.Languages {
		old := s.Languages
		s.Languages = nil
		for i, name := range strings.FieldsFunc(f.Languages, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
			name = strings.TrimSpace(name)
			if name == "" {
				continue
			}
			l := directory.Language{ID: fmt.Sprintf("%s-language-%d", s.ID, i), Name: name}
			for _, o := range old {
				if strings.EqualFold(o.Name, name) || strings.EqualFold(o.Code, name) {
					l = o // keeps its code, which search also matches
				}
			}
			s.Languages = append(s.Languages, l)
		}
	}

	if f.Phone != was.Phone {
		switch {
		case f.Phone == "" && len(s.Phones) > 0:
			s.Phones = s.Phones[1:]
		case f.Phone == "":
		case len(s.Phones) > 0:
			s.Phones[0].Number = f.Phone
		default:
			s.Phones = []directory.Phone{{ID: newPartID(), Number: f.Phone}}
		}
	}
	s.Email = f.Email
	if f.Email != "" && (!strings.Contains(f.Email, "@") || strings.ContainsAny(f.Email, " ,;")) {
		errs.add("email", "Enter an email address like name@example.org")
	}

	if f.Accepting != was.Accepting || f.WaitDays != was.WaitDays {
		s.Accepting, s.TypicalWaitDays = capacityOf(&errs, f.Accepting, f.WaitDays)
	}

	if len(errs) == 0 {
		if err := s.Validate(); err != nil {
			errs = append(errs, listingErrorsOf(err)...)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return s, nil
}

func sameSet(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func formAge(errs *formProblems, field, label, v string) *int {
	if v == "" {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 || n > 130 {
		errs.add(field, "%s must be a whole number of years, like 18", label)
		return nil
	}
	return &n
}

// capacityOf reads whether a service is taking people, and the typical
// wait when it has a waiting list (field ids as on the form).
func capacityOf(errs *formProblems, accepting, waitDays string) (directory.Capacity, int) {
	c := directory.Capacity(accepting)
	if c == "" || !c.Valid() {
		errs.add("accepting", "Choose whether you are taking new people")
		return "", 0
	}
	if c != directory.CapacityWaitingList || waitDays == "" {
		return c, 0
	}
	n, err := strconv.Atoi(waitDays)
	if err != nil || n < 1 || n > 730 {
		errs.add("wait_days", "Typical wait must be a number of days between 1 and 730")
		return c, 0
	}
	return c, n
}

// schedules turns the session rows into schedules, keeping what the form
// does not show (notes, dates, every-other-week) of each existing one,
// and the existing sessions it cannot show at all.
func (f serviceForm) schedules(errs *formProblems, existing []directory.Schedule) []directory.Schedule {
	var out []directory.Schedule
	for _, e := range existing {
		if sessionRowOf(e).blank() {
			out = append(out, e)
		}
	}
	for i, row := range f.Sessions {
		n := i + 1
		p := fmt.Sprintf("session-%d-", i)
		sc := directory.Schedule{ID: newPartID()}
		for _, e := range existing {
			if row.ID != "" && e.ID == row.ID {
				sc = e
			}
		}
		ordinal := 0
		if row.Repeat != "weekly" {
			var err error
			ordinal, err = strconv.Atoi(row.Repeat)
			if err != nil || ordinal == 0 || ordinal < -1 || ordinal > 4 {
				errs.add(p+"repeat", "Session %d: choose how often it happens", n)
				continue
			}
		}
		var days []string
		for _, d := range row.Days {
			if dayIndex(d) < 0 {
				errs.add(p+"days", "Session %d: choose days from the list", n)
				days = nil
				break
			}
			if ordinal != 0 {
				d = strconv.Itoa(ordinal) + d
			}
			days = append(days, d)
		}
		if len(row.Days) == 0 {
			errs.add(p+"days", "Session %d: choose the day it happens", n)
		}
		sc.Freq, sc.ByDay, sc.Opens, sc.Closes = directory.Weekly, strings.Join(days, ","), "", ""
		// Times may be left out together ("Tuesdays"), not one alone.
		if row.Opens != "" || row.Closes != "" {
			opens, err1 := directory.ParseClock(row.Opens)
			if err1 != nil {
				errs.add(p+"opens", "Session %d: enter the start time like 10:30", n)
			}
			closes, err2 := directory.ParseClock(row.Closes)
			if err2 != nil {
				errs.add(p+"closes", "Session %d: enter the end time like 12:00", n)
			}
			if err1 == nil && err2 == nil && closes <= opens {
				errs.add(p+"closes", "Session %d: the end time must be after the start time", n)
			}
			sc.Opens, sc.Closes = opens.String(), closes.String()
		}
		if ordinal != 0 {
			sc.Freq, sc.Interval = directory.Monthly, 0
		}
		out = append(out, sc)
	}
	return out
}

// applyPlace sets the listing's place from the form: placed on the map
// from its postcode, with its access as ticked. Clearing every place
// field makes the listing one with no place (by phone, say).
func (f serviceForm) applyPlace(errs *formProblems, s *directory.Service, pl public.Places) {
	p := placeIndex(s)
	if f.PlaceName == "" && f.Address == "" && f.Postcode == "" {
		if len(f.Access) > 0 || f.Confidential {
			errs.add("postcode", "Enter where it happens, or untick the access it offers and keeping the address private")
		}
		if p >= 0 {
			s.Locations = slices.Delete(s.Locations, p, p+1)
		}
		return
	}
	if p < 0 {
		s.Locations = append(s.Locations, directory.ServiceAtLocation{
			ID:       newPartID(),
			Location: directory.Location{ID: newPartID(), Type: directory.Physical},
		})
		p = len(s.Locations) - 1
	}
	l := &s.Locations[p].Location
	l.Name, l.Confidential = f.PlaceName, f.Confidential
	ai := 0
	if len(l.Addresses) == 0 {
		l.Addresses = []directory.Address{{ID: newPartID(), Country: "GB", Type: "physical"}}
	}
	for i, a := range l.Addresses {
		if a.Type == "physical" {
			ai = i
			break
		}
	}
	a := &l.Addresses[ai]
	a.Address1 = f.Address
	switch {
	case f.Postcode == "":
		errs.add("postcode", "Enter the postcode, so people can find the place by distance")
	case !strings.EqualFold(f.Postcode, a.PostalCode) || l.Point == nil:
		if pl == nil {
			errs.add("postcode", "Postcodes cannot be looked up here")
			break
		}
		place, err := pl.Lookup(f.Postcode)
		if err != nil {
			errs.add("postcode", "Postcode: %s", directory.MessageOf(err))
			break
		}
		pt := place.Point
		l.Point, a.PostalCode = &pt, place.Postcode
	}
	var access []directory.Accessibility
	for _, v := range f.Access {
		i := slices.IndexFunc(core.AccessOptions, func(o core.Option) bool { return o.Value == v })
		if i < 0 {
			errs.add("access", "Choose access from the list")
			return
		}
		access = append(access, directory.Accessibility{ID: newPartID(), Description: core.AccessOptions[i].Label})
	}
	if !sameSet(f.Access, accessOf(s.Locations[p])) {
		l.Accessibility = access
	}
}

// listingFields maps the fields [directory.Service.Validate] names to
// the form's, with the words the form uses for them.
var listingFields = []struct{ prefix, id, label string }{
	{"name", "name", "Name"},
	{"minimum_age", "minimum_age", "Youngest age"},
	{"maximum_age", "maximum_age", "Oldest age"},
	{"sp_typical_wait_days", "wait_days", "Typical wait"},
	{"sp_accepting_referrals", "accepting", "Taking new people"},
	{"sp_referral_routes", "routes", "How people join"},
	{"languages", "languages", "Languages"},
	{"service_at_locations", "postcode", "Where"},
	{"schedules", "", "Sessions"},
}

// listingErrorsOf turns a validation error into errors next to the
// form's fields (or in the summary, for what the form does not show).
func listingErrorsOf(err error) []core.FormError {
	var ve directory.ValidationError
	if !errors.As(err, &ve) {
		return []core.FormError{{Message: directory.MessageOf(err)}}
	}
	var out []core.FormError
	for _, fe := range ve {
		e := core.FormError{Message: core.Capitalise(fe.Field + " " + fe.Msg)}
		for _, m := range listingFields {
			if strings.HasPrefix(fe.Field, m.prefix) {
				e = core.FormError{Field: m.id, Message: m.label + " " + fe.Msg}
				break
			}
		}
		out = append(out, e)
	}
	return out
}

// errorOf returns the message for field, if any.
func errorOf(errs []core.FormError, field string) string {
	for _, e := range errs {
		if e.Field == field {
			return e.Message
		}
	}
	return ""
}

// ---- the page ----

type serviceFormPage struct {
	Action     string
	Service    *directory.Service
	Form       serviceForm
	Errors     []core.FormError
	Pending    *directory.Review // the form shows this change, still waiting for review
	Trusted    bool
	MorePlaces int // places the form does not edit
	Sessions   []sessionRowView
	Access     []core.Option
	Routes     []core.Option
	Capacity   []core.Option
	// Errors of groups of boxes, shown in their fieldset.
	AccessError, RoutesError, CostError, CapacityError string
}

// sessionRowView is a session row as the form draws it.
type sessionRowView struct {
	Index                   int
	Number                  int // 1-based, for labels
	New                     bool
	ID                      string
	Repeat                  []core.Option
	Days                    []core.Option
	Opens, Closes           string
	RepeatError, DaysError  string
	OpensError, ClosesError string
}

func (d *serviceFormPage) fill() {
	rows := append(slices.Clone(d.Form.Sessions), make([]sessionRow, blankSessions)...)
	for i, row := range rows {
		p := fmt.Sprintf("session-%d-", i)
		v := sessionRowView{Index: i, Number: i + 1, New: row.ID == "" && row.blank(), ID: row.ID, Opens: row.Opens, Closes: row.Closes,
			RepeatError: errorOf(d.Errors, p+"repeat"), DaysError: errorOf(d.Errors, p+"days"),
			OpensError: errorOf(d.Errors, p+"opens"), ClosesError: errorOf(d.Errors, p+"closes")}
		repeat := row.Repeat
		if repeat == "" {
			repeat = "weekly"
		}
		for _, o := range repeatOptions {
			o.Selected = o.Value == repeat
			v.Repeat = append(v.Repeat, o)
		}
		for _, dc := range dayCodes {
			v.Days = append(v.Days, core.Option{Value: dc.code, Label: dc.name, Selected: slices.Contains(row.Days, dc.code)})
		}
		d.Sessions = append(d.Sessions, v)
	}
	for _, o := range core.AccessOptions {
		o.Selected = slices.Contains(d.Form.Access, o.Value)
		d.Access = append(d.Access, o)
	}
	for _, o := range routeOptions {
		o.Selected = slices.Contains(d.Form.Routes, o.Value)
		d.Routes = append(d.Routes, o)
	}
	for _, o := range capacityOptions {
		o.Selected = d.Form.Accepting == o.Value
		d.Capacity = append(d.Capacity, o)
	}
	d.AccessError, d.RoutesError = errorOf(d.Errors, "access"), errorOf(d.Errors, "routes")
	d.CostError, d.CapacityError = errorOf(d.Errors, "cost"), errorOf(d.Errors, "accepting")
	if d.Service != nil {
		for i, sal := range d.Service.Locations {
			if sal.Location.Type != directory.Virtual && i != placeIndex(d.Service) {
				d.MorePlaces++
			}
		}
	}
}

// closureNotice is the notice a temporarily closed listing shows; the
// reopening date is kept in it (HSDS has no field for one) and read back
// from it for the form.
const closureNotice = "Temporarily closed. Reopening on "

func closureAlert(reopen time.Time) string {
	return closureNotice + reopen.Format("Monday 2 January 2006") + "."
}

// reopeningOf reads the reopening date back from a closure notice.
func reopeningOf(alert string) (time.Time, bool) {
	rest, ok := strings.CutPrefix(alert, closureNotice)
	if !ok {
		return time.Time{}, false
	}
	t, err := time.Parse("Monday 2 January 2006", strings.TrimSuffix(rest, "."))
	return t, err == nil
}
