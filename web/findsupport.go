package web

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

type findSupportPage struct {
	Form     findSupportForm
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
}

// findSupportForm is what was typed, kept to refill the form.
type findSupportForm struct {
	Priorities, Postcode, Distance, Travel, Age, Language string
	Free, Online                                          bool
	Days, Times, Access, Needs                            []string
}

// findSupportFormOf reads the posted Find support form.
func findSupportFormOf(r *http.Request) findSupportForm {
	f := r.PostForm
	return findSupportForm{
		Priorities: f.Get("priorities"), Postcode: f.Get("postcode"), Distance: f.Get("max_distance_km"),
		Travel: f.Get("travel"), Age: f.Get("age"), Language: f.Get("language"),
		Free: f.Get("free_only") == "true", Online: f.Get("online_ok") == "true",
		Days: f["day"], Times: f["time"], Access: f["access"], Needs: f["need"],
	}
}

func (s *Server) handleFindSupport(w http.ResponseWriter, r *http.Request) {
	data := findSupportPage{TileURL: s.tileURL, Action: "/find-support"}
	status := http.StatusOK
	if r.Method == http.MethodPost {
		r.Body = http.MaxBytesReader(w, r.Body, maxMatchBody)
		if err := r.ParseForm(); err != nil {
			s.site.Fail(w, r, directory.Errorf(directory.Invalid, "the form could not be read"))
			return
		}
		data.Form = findSupportFormOf(r)
		var err error
		if status, err = s.matchForm(r.Context(), &data); err != nil {
			s.site.Fail(w, r, err)
			return
		}
	}
	s.fillFindSupport(r, &data)
	w.Header().Set("Cache-Control", "no-store") // a person's needs are not for caches
	s.site.Render(w, r, status, "findsupport", "Find support", data)
}

// matchForm runs the matcher on the form in data, filling in the answer
// or the form's problem, and returns the status to answer with. The error
// it returns is not the form's fault.
func (s *Server) matchForm(ctx context.Context, data *findSupportPage) (int, error) {
	req, err := data.Form.request()
	if err == nil {
		data.Ans, err = s.runMatch(ctx, req)
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
func (f *findSupportForm) request() (*matcher.Request, error) {
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

func (s *Server) fillFindSupport(r *http.Request, data *findSupportPage) {
	f := &data.Form
	if terms, err := s.store.TaxonomyTerms(r.Context()); err == nil {
		for _, t := range terms {
			data.Kinds = append(data.Kinds, core.Option{Value: t.ID, Label: t.Name, Selected: slices.Contains(f.Needs, t.ID)})
		}
	}
	for _, d := range weekdays {
		data.Days = append(data.Days, core.Option{Value: d, Label: strings.ToUpper(d[:1]) + d[1:], Selected: slices.Contains(f.Days, d)})
	}
	for _, t := range timesOfDay {
		data.Times = append(data.Times, core.Option{Value: t.Value, Label: t.Label, Selected: slices.Contains(f.Times, t.Value)})
	}
	for _, a := range core.AccessOptions {
		a.Selected = slices.Contains(f.Access, a.Value)
		data.Access = append(data.Access, a)
	}
	for _, km := range []string{"1", "2", "5", "10", "20"} {
		data.Distance = append(data.Distance, core.Option{Value: km, Label: km + " km", Selected: f.Distance == km})
	}
	for _, t := range []struct{ v, l string }{{"walk", "Walking"}, {"bus", "By bus"}, {"car", "By car or lift"}} {
		data.Travel = append(data.Travel, core.Option{Value: t.v, Label: t.l, Selected: f.Travel == t.v})
	}
}

func matchMapData(a *matchAnswer) template.JS {
	sa := &searchAnswer{Location: a.Location}
	for _, m := range a.Matches {
		sa.Results = append(sa.Results, searchResult{Name: m.Service.Name, Lat: m.Lat, Lon: m.Lon})
	}
	return mapData(sa)
}
