package public

import (
	"encoding/json"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/web/core"
)

type searchPage struct {
	P        *searchParams
	Ans      *searchAnswer
	Error    string
	Searched bool
	Kinds    []core.Option
	Radii    []core.Option
	Days     []core.Option
	Access   []core.Option
	Sorts    []core.Option
	// Browse are links to browse by kind, offered when nothing matched.
	Browse []core.Option
	// DidYouMean is the search page's address with the words corrected.
	DidYouMean string
	Prev       string
	Next       string
	// First is the number of the page's first result, so the list and
	// the map's markers count on from earlier pages.
	First   int
	MapData template.JS
	TileURL string
}

var radii = []string{"1", "2", "5", "10", "25"}

func (h *Handler) handleSearchPage(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	data := searchPage{Searched: len(v) > 0, TileURL: h.tileURL}
	p, err := h.parseSearch(r.Context(), v)
	status := http.StatusOK
	if err == nil {
		data.P = p
		data.Ans, err = h.runSearch(r.Context(), p)
	}
	if err != nil {
		if directory.KindOf(err) != directory.Invalid {
			h.site.Fail(w, r, err)
			return
		}
		status = http.StatusBadRequest
		data.Error = directory.MessageOf(err)
		if data.P == nil {
			// Refill the form from what was sent, so nothing typed is lost.
			data.P = &searchParams{Text: v.Get("q"), Postcode: v.Get("postcode"), Radius: v.Get("radius_km"),
				Kinds: v["category"], Day: v.Get("day"), Time: v.Get("time"), Age: v.Get("age"), Language: v.Get("language"), Access: v["accessible"]}
		}
	}
	h.fillSearchForm(r, &data)
	title := "Search"
	if data.P.Text != "" {
		title = "Search results for " + data.P.Text
	}
	h.site.Render(w, r, status, "search", title, data)
}

func (h *Handler) fillSearchForm(r *http.Request, data *searchPage) {
	p := data.P
	counts := map[string]int{}
	if data.Ans != nil {
		for _, f := range data.Ans.Facets["category"] {
			counts[f.Value] = f.Count
		}
	}
	if terms, err := h.store.TaxonomyTerms(r.Context()); err == nil {
		for _, t := range terms {
			o := core.Option{Value: t.ID, Label: t.Name, Count: counts[t.ID], Selected: slices.Contains(p.Query.Kinds, t.ID)}
			// Linkway's own kinds only, and a feed's term someone asked
			// for by name (category=lunch-club), so it stays ticked.
			if _, own := h.ownKinds[t.ID]; !own && !o.Selected {
				continue
			}
			if data.Ans == nil || o.Count > 0 || o.Selected {
				data.Kinds = append(data.Kinds, o)
			}
			if _, own := h.ownKinds[t.ID]; own {
				data.Browse = append(data.Browse, core.Option{Value: "/browse/" + url.PathEscape(t.ID), Label: t.Name})
			}
		}
	}
	for _, km := range radii {
		data.Radii = append(data.Radii, core.Option{Value: km, Label: "Within " + km + " km", Selected: p.Radius == km})
	}
	for _, d := range []string{"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"} {
		data.Days = append(data.Days, core.Option{Value: d, Label: string(d[0]-32) + d[1:], Selected: p.Day == d})
	}
	sorts := []core.Option{{Value: "relevance", Label: "Best match"}, {Value: "distance", Label: "Nearest first"}, {Value: sortNext, Label: "Next session first"}}
	for _, o := range sorts {
		o.Selected = p.Sort == o.Value
		data.Sorts = append(data.Sorts, o)
	}
	for _, a := range core.AccessOptions {
		a.Selected = slices.Contains(p.Access, a.Value)
		data.Access = append(data.Access, a)
	}
	if data.Ans == nil {
		return
	}
	q := r.URL.Query()
	pageURL := func(n int) string {
		q.Set("page", strconv.Itoa(n))
		return "/search?" + q.Encode()
	}
	if data.Ans.DidYouMean != "" {
		dq := r.URL.Query()
		dq.Set("q", data.Ans.DidYouMean)
		dq.Del("page")
		data.DidYouMean = "/search?" + dq.Encode()
	}
	if data.Ans.Page > 1 {
		data.Prev = pageURL(data.Ans.Page - 1)
	}
	if data.Ans.Page < data.Ans.Pages {
		data.Next = pageURL(data.Ans.Page + 1)
	}
	data.First = (data.Ans.Page-1)*data.Ans.PerPage + 1
	data.MapData = mapData(data.Ans, data.First)
}

// mapPoint is one result on a map, numbered as in the list beside it.
type mapPoint struct {
	Number int     `json:"n"`
	Name   string  `json:"name"`
	URL    string  `json:"url"`
	Lat    float64 `json:"lat"`
	Lon    float64 `json:"lon"`
}

// mapJSON is what the map script draws: the searched place, if any, and
// each result with a position. Pages work without it.
func mapJSON(center *locationJSON, points []mapPoint) template.JS {
	m := struct {
		Center *locationJSON `json:"center,omitempty"`
		Points []mapPoint    `json:"points"`
	}{center, points}
	if m.Points == nil {
		m.Points = []mapPoint{}
	}
	b, _ := json.Marshal(m)
	return template.JS(b)
}

// mapData is the search results' map, numbered from first, the number
// of the page's first result.
func mapData(a *searchAnswer, first int) template.JS {
	var points []mapPoint
	for i, r := range a.Results {
		if r.Lat != nil {
			points = append(points, mapPoint{first + i, r.Name, r.URL, *r.Lat, *r.Lon})
		}
	}
	return mapJSON(a.Location, points)
}

// MapHomeLabel names the searched place on the results' map.
func (p searchPage) MapHomeLabel() string {
	if p.Ans != nil && p.Ans.Location != nil && p.Ans.Location.Postcode != "" {
		return postcodeLabel(p.Ans.Location.Postcode)
	}
	return postcodeLabel(p.P.Postcode)
}

// postcodeLabel is "Your postcode LS6 3HN" for what was typed.
func postcodeLabel(typed string) string {
	return "Your postcode " + strings.ToUpper(strings.TrimSpace(typed))
}
