// Package reports serves the scheme's reports to admins and
// commissioners: aggregated figures for any period and filter, each
// table with an SVG chart beside it and a CSV download, and the GP data
// return of coded events per practice per month. Nothing here shows a
// person: every figure comes from package reports, suppressed.
package reports

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/mux"
	"github.com/linkway/linkway/casework"
	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/geo"
	"github.com/linkway/linkway/reports"
	"github.com/linkway/linkway/web/core"
)

// Store is what the reports read: the store's counts, and the choices
// the filter offers.
type Store interface {
	reports.Source
	Teams(ctx context.Context) ([]casework.Team, error)
	Users(ctx context.Context) ([]casework.User, error)
	Practices(ctx context.Context) ([]string, error)
}

// Searcher searches the directory, for unmet need.
type Searcher interface {
	Search(ctx context.Context, q directory.Query) (directory.Result, error)
}

// Places locates postcode districts, for unmet need.
type Places interface {
	Lookup(postcode string) (geo.Place, error)
}

// Deps is what the reports are built from; all of it is needed.
type Deps struct {
	Site   *core.Site
	Store  Store
	Search Searcher
	Places Places
	// Kinds are Linkway's kinds of support, for the filter and to name
	// them in tables.
	Kinds []directory.Term
}

// Handler serves the reports.
type Handler struct {
	site   *core.Site
	store  Store
	search Searcher
	places Places
	kinds  []directory.Term
	names  map[string]string
}

// New returns the reports over d.
func New(d Deps) (*Handler, error) {
	if err := core.CheckDeps("reports", d); err != nil {
		return nil, err
	}
	h := &Handler{site: d.Site, store: d.Store, search: d.Search, places: d.Places, kinds: d.Kinds, names: map[string]string{}}
	for _, k := range d.Kinds {
		h.names[k.ID] = k.Name
	}
	return h, nil
}

// Routes registers the reports under /reports, for admins and
// commissioners only.
func (h *Handler) Routes(r *mux.Router) {
	get := []string{http.MethodGet, http.MethodHead}
	rp := r.PathPrefix("/reports").Subrouter()
	rp.Use(h.site.RequireRole(casework.RoleAdmin, casework.RoleCommissioner))
	rp.HandleFunc("", h.handleReports).Methods(get...)
	rp.HandleFunc("/gp-returns", h.handleGPReturns).Methods(get...)
}

// reportPage is the reports page.
type reportPage struct {
	Form   filterForm
	Error  string
	Tables []tableView
	Period string
	// GPReturns is the address of the GP data return for the filter.
	GPReturns string
}

// tableView is a table with its chart.
type tableView struct {
	reports.Table
	Chart any // template.HTML; "" for none
	CSV   string
}

// filterForm is the filter as chosen, to refill the form, with its
// choices.
type filterForm struct {
	From, To, Area                   string
	Teams, Practices, Workers, Kinds []core.Option
}

// handleReports shows every table of the report for the filter chosen,
// or one table as CSV with ?format=csv&table=ID.
func (h *Handler) handleReports(w http.ResponseWriter, r *http.Request) {
	f, form, ferr := h.filter(r)
	if err := h.fillChoices(r.Context(), &form, r.URL.Query()); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	data := reportPage{Form: form}
	if ferr != nil {
		data.Error = directory.MessageOf(ferr)
		if r.URL.Query().Get("format") == "csv" {
			http.Error(w, data.Error, http.StatusBadRequest)
			return
		}
		h.site.RenderPrivate(w, r, http.StatusBadRequest, "reports", "Reports", data)
		return
	}
	b := reports.Builder{Source: h.store, Reach: h.reach(), KindNames: h.names}
	csv := r.URL.Query().Get("format") == "csv"
	var only []string
	if csv {
		// One table: count only what it needs.
		only = []string{r.URL.Query().Get("table")}
	}
	rep, err := b.Build(r.Context(), f, only...)
	if err != nil {
		if csv && directory.KindOf(err) == directory.Invalid {
			http.Error(w, directory.MessageOf(err), http.StatusBadRequest)
			return
		}
		h.site.Fail(w, r, err)
		return
	}
	if err := h.site.Audit(r, "report.read", "", "scheme report"); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if csv {
		h.writeCSV(w, r, rep.Tables[0], f)
		return
	}
	data.Period = period(f)
	query := filterQuery(f)
	data.GPReturns = "/reports/gp-returns?" + query
	for _, t := range rep.Tables {
		data.Tables = append(data.Tables, tableView{Table: t, Chart: BarChart(t), CSV: "/reports?" + query + "&format=csv&table=" + url.QueryEscape(t.ID)})
	}
	h.site.RenderPrivate(w, r, http.StatusOK, "reports", "Reports", data)
}

// handleGPReturns answers the GP data return: coded events per practice
// per month, as CSV.
func (h *Handler) handleGPReturns(w http.ResponseWriter, r *http.Request) {
	f, _, err := h.filter(r)
	if err != nil {
		http.Error(w, directory.MessageOf(err), http.StatusBadRequest)
		return
	}
	counts, err := h.store.CodedEventCounts(r.Context(), f)
	if err != nil {
		h.site.Fail(w, r, err)
		return
	}
	if err := h.site.Audit(r, "report.read", "", "gp data return"); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	h.writeCSV(w, r, reports.CodedReturnsTable(counts), f)
}

func (h *Handler) writeCSV(w http.ResponseWriter, r *http.Request, t reports.Table, f reports.Filter) {
	var buf bytes.Buffer
	if err := t.WriteCSV(&buf); err != nil {
		h.site.Fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="linkway-%s-%s-to-%s.csv"`, t.ID, f.From.Format(time.DateOnly), f.To.Format(time.DateOnly)))
	w.Header().Set("Cache-Control", "no-store")
	buf.WriteTo(w)
}

// filter reads the filter from the query. Without dates it covers the
// twelve months to today.
func (h *Handler) filter(r *http.Request) (reports.Filter, filterForm, error) {
	q := r.URL.Query()
	form := filterForm{From: q.Get("from"), To: q.Get("to"), Area: strings.TrimSpace(q.Get("area"))}
	var f reports.Filter
	var err error
	if f.From, err = casework.ParseDate("from", q.Get("from")); err != nil {
		return f, form, err
	}
	if f.To, err = casework.ParseDate("to", q.Get("to")); err != nil {
		return f, form, err
	}
	if f.To.IsZero() {
		f.To = directory.Day(h.site.LocalNow())
	}
	if f.From.IsZero() {
		f.From = f.To.AddDate(-1, 0, 1)
	}
	form.From, form.To = core.TypedDate(f.From), core.TypedDate(f.To)
	f.TeamID, f.Practice, f.Kind = q.Get("team"), q.Get("practice"), q.Get("kind")
	if v := q.Get("worker"); v != "" {
		if f.LinkWorker, err = strconv.ParseInt(v, 10, 64); err != nil || f.LinkWorker <= 0 {
			return f, form, directory.Errorf(directory.Invalid, "worker: choose a link worker from the list")
		}
	}
	if form.Area != "" {
		pc, err := geo.Normalize(form.Area)
		if err != nil {
			return f, form, directory.Errorf(directory.Invalid, "area: give a postcode district, such as LS7")
		}
		f.Area = reports.District(pc)
	}
	return f, form, f.Check()
}

// fillChoices lists the filter's choices, marking those in q.
func (h *Handler) fillChoices(ctx context.Context, form *filterForm, q url.Values) error {
	teams, err := h.store.Teams(ctx)
	if err != nil {
		return err
	}
	for _, t := range teams {
		form.Teams = append(form.Teams, core.Option{Value: t.ID, Label: t.Name, Selected: q.Get("team") == t.ID})
	}
	practices, err := h.store.Practices(ctx)
	if err != nil {
		return err
	}
	for _, p := range practices {
		form.Practices = append(form.Practices, core.Option{Value: p, Label: p, Selected: q.Get("practice") == p})
	}
	users, err := h.store.Users(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		if u.Role != casework.RoleLinkWorker {
			continue
		}
		id := strconv.FormatInt(u.ID, 10)
		label := u.Name
		if label == "" {
			label = "Link worker " + id
		}
		form.Workers = append(form.Workers, core.Option{Value: id, Label: label, Selected: q.Get("worker") == id})
	}
	for _, k := range h.kinds {
		form.Kinds = append(form.Kinds, core.Option{Value: k.ID, Label: k.Name, Selected: q.Get("kind") == k.ID})
	}
	return nil
}

// filterQuery writes f back as the page's query string.
func filterQuery(f reports.Filter) string {
	v := url.Values{"from": {f.From.Format(time.DateOnly)}, "to": {f.To.Format(time.DateOnly)}}
	for k, s := range map[string]string{"team": f.TeamID, "practice": f.Practice, "kind": f.Kind, "area": f.Area} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if f.LinkWorker != 0 {
		v.Set("worker", strconv.FormatInt(f.LinkWorker, 10))
	}
	return v.Encode()
}

func period(f reports.Filter) string {
	return f.From.Format("2 January 2006") + " to " + f.To.Format("2 January 2006")
}
