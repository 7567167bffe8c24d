package public

import (
	"context"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/matcher"
	"github.com/linkway/linkway/web/core"
)

// timesOfDay are the spans the Find support form offers for when a
// person is free.
var timesOfDay = []struct{ Value, Label, From, To string }{
	{"morning", "Mornings (9 to 12)", "09:00", "12:00"},
	{"afternoon", "Afternoons (12 to 5)", "12:00", "17:00"},
	{"evening", "Evenings (5 to 9)", "17:00", "21:00"},
}

var weekdays = []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

// FindSupportPage is the Find support page's data: the form, the
// matcher's answer or the form's problem, and the form's choices.
type FindSupportPage struct {
	Form     FindSupportForm
	Ans      *matchAnswer
	Error    string
	Kinds    []core.Option
	Days     []core.Option
	Times    []core.Option
	Access   []core.Option
	Distance []core.Option
	Travel   []core.Option
	MapData  template.JS
	TileURL  string
	// For a person on a link worker's caseload: where the form posts, and
	// whose referral the results' buttons make.
	Action     string
	PersonID   string
	PersonName string
	// Responsiveness says, per service id, how the organisation answers
	// referrals, for link workers.
	Responsiveness map[string]string
	// Earlier says, per service id, what the person was already referred
	// or signposted to there; nil for a service they never were.
	Earlier map[string]*Earlier
}

// Earlier is what a person already had from one service: a line for each
// referral or signpost, newest first ("Referred 3 March 2026 — now:
// accepted"), and whether one is a referral still open, so that
// referring again needs confirming.
type Earlier struct {
	Lines []string
	Open  bool
}

// FindSupportForm is what was typed, kept to refill the form.
type FindSupportForm struct {
	Priorities, Postcode, Distance, Travel, Age, Language string
	Free, Online                                          bool
	Days, Times, Access, Needs                            []string
}

// FindSupportFormOf reads the posted Find support form.
func FindSupportFormOf(r *http.Request) FindSupportForm {
	f := r.PostForm
	return FindSupportForm{
		Priorities: f.Get("priorities"), Postcode: f.Get("postcode"), Distance: f.Get("max_distance_km"),
		Travel: f.Get("travel"), Age: f.Get("age"), Language: f.Get("language"),
		Free: f.Get("free_only") == "true", Online: f.Get("online_ok") == "true",
		Days: f["day"], Times: f["time"], Access: f["access"], Needs: f["need"],
	}
}

func (h *Handler) handleFindSupport(w http.ResponseWriter, r *http.Request) {
	data := FindSupportPage{Action: "/find-support"}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, maxMatchBody)
		if err := r.ParseForm(); err != nil {
			h.site.Fail(w, r, directory.Errorf(directory.Invalid, "the form could not be read"))
			return
		}
		data.Form = FindSupportFormOf(r)
		var err error
		if status, err = h.finder.Run(r.Context(), &data); err != nil {
			h.site.Fail(w, r, err)
			return
		}
	}
	h.finder.Fill(r, &data)
	data.TileURL = h.tileURL
	w.Header().Set("Cache-Control", "no-store") // a person's needs are not for caches
	h.site.Render(w, r, status, "findsupport", "Find support", data)
}

// Run runs the matcher on the form in data, filling in the answer or
// the form's problem, and returns the status to answer with. The error
// it returns is not the form's fault.
func (f *Finder) Run(ctx context.Context, data *FindSupportPage) (int, error) {
	req, err := data.Form.request()
	if err == nil {
		data.Ans, err = f.match(ctx, req)
	}
	if err != nil {
		if directory.KindOf(err) != directory.Invalid {
			return 0, err
		}
		data.Error = directory.MessageOf(err)
		return http.StatusBadRequest, nil
	}
	data.MapData = matchMapData(data.Ans)
	return http.StatusOK, nil
}

// request turns the form into a match request; the matcher validates it.
func (f *FindSupportForm) request() (*matcher.Request, error) {
	req := &matcher.Request{Priorities: f.Priorities, Postcode: f.Postcode, Travel: f.Travel,
		FreeOnly: f.Free, OnlineOK: f.Online, AccessNeeds: f.Access, Needs: f.Needs}
	if v := strings.TrimSpace(f.Distance); v != "" {
		d, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return nil, directory.Errorf(directory.Invalid, "max_distance_km: choose a distance")
		}
		req.MaxDistanceKm = &d
	}
	if v := strings.TrimSpace(f.Age); v != "" {
		a, err := strconv.Atoi(v)
		if err != nil {
			return nil, directory.Errorf(directory.Invalid, "age: give the age in whole years")
		}
		req.Age = &a
	}
	if l := strings.TrimSpace(f.Language); l != "" {
		req.Languages = []string{l}
	}
	times := f.Times
	if len(f.Days) > 0 && len(times) == 0 {
		times = []string{"morning", "afternoon", "evening"}
	}
	for _, d := range f.Days {
		for _, t := range timesOfDay {
			if slices.Contains(times, t.Value) {
				req.Available = append(req.Available, matcher.WindowJSON{Day: d, From: t.From, To: t.To})
			}
		}
	}
	return req, nil
}

// Fill offers the form's choices, marking those made.
func (f *Finder) Fill(r *http.Request, data *FindSupportPage) {
	form := &data.Form
	if terms, err := f.store.TaxonomyTerms(r.Context()); err == nil {
		for _, t := range terms {
			data.Kinds = append(data.Kinds, core.Option{Value: t.ID, Label: t.Name, Selected: slices.Contains(form.Needs, t.ID)})
		}
	}
	for _, d := range weekdays {
		data.Days = append(data.Days, core.Option{Value: d, Label: strings.ToUpper(d[:1]) + d[1:], Selected: slices.Contains(form.Days, d)})
	}
	for _, t := range timesOfDay {
		data.Times = append(data.Times, core.Option{Value: t.Value, Label: t.Label, Selected: slices.Contains(form.Times, t.Value)})
	}
	for _, a := range core.AccessOptions {
		a.Selected = slices.Contains(form.Access, a.Value)
		data.Access = append(data.Access, a)
	}
	for _, km := range []string{"1", "2", "5", "10", "20"} {
		data.Distance = append(data.Distance, core.Option{Value: km, Label: km + " km", Selected: form.Distance == km})
	}
	for _, t := range []struct{ v, l string }{{"walk", "Walking"}, {"bus", "By bus"}, {"car", "By car or lift"}} {
		data.Travel = append(data.Travel, core.Option{Value: t.v, Label: t.l, Selected: form.Travel == t.v})
	}
}

// matchMapData is the suggestions' map, numbered as they are listed.
func matchMapData(a *matchAnswer) template.JS {
	var points []mapPoint
	for i, m := range a.Matches {
		if m.Lat != nil {
			points = append(points, mapPoint{i + 1, m.Service.Name, m.Service.URL, *m.Lat, *m.Lon})
		}
	}
	return mapJSON(a.Location, points)
}

// ServiceIDs are the suggested services, best first.
func (p *FindSupportPage) ServiceIDs() []string {
	if p.Ans == nil {
		return nil
	}
	var ids []string
	for _, m := range p.Ans.Matches {
		ids = append(ids, m.Service.ID)
	}
	return ids
}

// MapHomeLabel names the searched place on the suggestions' map: the
// person's home for a link worker, the resident's postcode otherwise.
func (p FindSupportPage) MapHomeLabel() string {
	if p.PersonID != "" {
		return "Where the person lives"
	}
	return postcodeLabel(p.Form.Postcode)
}
