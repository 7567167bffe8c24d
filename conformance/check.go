package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Checker checks an Open Referral UK 3.0 API the way the ORUK validator
// does. Build one with [NewChecker], change its fields if need be, then
// call [Checker.Check].
type Checker struct {
	// Client fetches the feed; its Timeout bounds each request.
	Client *http.Client
	// MaxRequests caps the requests one check makes, to be polite to the
	// feed. Checks that would need more are reported as skipped.
	MaxRequests int
	// Concurrency is how many requests may be in flight at once.
	Concurrency int
	// IDsPerEndpoint is how many ids from each list are fetched one by
	// one through the {id} endpoint.
	IDsPerEndpoint int
	// Progress, when set, gets a line for each request as it completes.
	Progress io.Writer
	// UserAgent names the checker to the feed.
	UserAgent string

	schemas schemas
}

// maxBody caps a response body, so that a runaway feed cannot exhaust
// memory; a fully nested page of 100 services is well under it.
const maxBody = 64 << 20

// NewChecker returns a Checker with polite defaults: 30 seconds a
// request, 2 at a time, at most 60 requests.
func NewChecker() (*Checker, error) {
	s, err := loadSchemas()
	if err != nil {
		return nil, err
	}
	return &Checker{
		Client:         &http.Client{Timeout: 30 * time.Second},
		MaxRequests:    60,
		Concurrency:    2,
		IDsPerEndpoint: 3,
		UserAgent:      "linkway-validate (+https://github.com/linkway/linkway)",
		schemas:        s,
	}, nil
}

// endpoint is one collection of the API and its {id} form.
type endpoint struct {
	path     string // "/services"
	required bool   // needed for Level 1; the rest may be absent
	listKind string // schemaFiles key of a list item
	itemKind string // schemaFiles key of the {id} answer
}

// endpoints are the collections of the UK profile's OpenAPI, in the order
// they are reported, plus HSDS's /organizations, which the UK profile
// drops but many feeds (Linkway's among them) offer.
var endpoints = []endpoint{
	{"/services", true, "service_list", "service"},
	{"/service_at_locations", false, "service_at_location_list", "service_at_location"},
	{"/organizations", false, "organization_list", "organization"},
	{"/taxonomies", false, "taxonomy", "taxonomy"},
	{"/taxonomy_terms", false, "taxonomy_term", "taxonomy_term"},
}

// run is the state of one Check call.
type run struct {
	c      *Checker
	base   string
	sem    chan struct{}
	mu     sync.Mutex
	budget int
	used   int
}

// errBudget is returned by fetch once MaxRequests have been made.
var errBudget = errors.New("request limit reached")

// Check checks the API whose root is baseURL (for Linkway,
// https://host/openreferral) and returns what it found. An error means
// the check itself could not run (a malformed URL); a feed that fails is
// a [Report] with failures.
func (c *Checker) Check(ctx context.Context, baseURL string) (*Report, error) {
	u, err := url.Parse(baseURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("conformance: %q is not an http or https address", baseURL)
	}
	u.RawQuery, u.Fragment = "", ""
	r := &run{
		c:      c,
		base:   strings.TrimSuffix(u.String(), "/"),
		sem:    make(chan struct{}, max(1, c.Concurrency)),
		budget: c.MaxRequests,
	}
	rep := &Report{URL: r.base}

	rep.add(r.checkRoot(ctx)...)
	results := make([][]Result, len(endpoints))
	var wg sync.WaitGroup
	for i, ep := range endpoints {
		wg.Go(func() { results[i] = r.checkEndpoint(ctx, ep) })
	}
	wg.Wait()
	for _, res := range results {
		rep.add(res...)
	}
	rep.Requests = r.used
	return rep, nil
}

// response is a fetched JSON answer.
type response struct {
	url    string
	status int
	header http.Header
	body   any // decoded with json.Number, as the schema library expects
}

// fetch GETs path (relative to the base) and decodes its JSON. A non-200
// status is an error naming it; so is a body that is not JSON.
func (r *run) fetch(ctx context.Context, path string) (*response, error) {
	r.mu.Lock()
	if r.used >= r.budget {
		r.mu.Unlock()
		return nil, errBudget
	}
	r.used++
	r.mu.Unlock()

	select {
	case r.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-r.sem }()

	full := r.base + path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, full, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", r.c.UserAgent)
	start := time.Now()
	resp, err := r.c.Client.Do(req)
	if err != nil {
		r.progress("GET %s: %v", path, err)
		return nil, fmt.Errorf("no answer: %w", err)
	}
	defer resp.Body.Close()
	r.progress("GET %s %d (%d ms)", path, resp.StatusCode, time.Since(start).Milliseconds())
	out := &response{url: full, status: resp.StatusCode, header: resp.Header}
	if resp.StatusCode != http.StatusOK {
		return out, fmt.Errorf("answered %s, want 200 OK", resp.Status)
	}
	out.body, err = jsonschema.UnmarshalJSON(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return out, fmt.Errorf("answered %q, not JSON: %v", resp.Header.Get("Content-Type"), err)
	}
	return out, nil
}

func (r *run) progress(format string, args ...any) {
	if r.c.Progress == nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	fmt.Fprintf(r.c.Progress, format+"\n", args...)
}

// checkRoot checks GET / : JSON naming the HSDS version, which the ORUK
// validator reads to pick the rules (without "3.0" it falls back to v1).
func (r *run) checkRoot(ctx context.Context) []Result {
	l1 := newResult(1, "GET /", true)
	resp, err := r.fetch(ctx, "/")
	if err != nil {
		l1.fail(r.base+"/", "", err.Error())
		return []Result{l1.done(), skipped(2, "/ against the schema", "no answer to check")}
	}
	obj, ok := resp.body.(map[string]any)
	if !ok {
		l1.fail(resp.url, "", "is not a JSON object")
	} else if v, _ := obj["version"].(string); !strings.Contains(v, "3.0") {
		l1.fail(resp.url, "/version", fmt.Sprintf("is %q; a 3.0 feed says so (such as \"HSDS-UK-3.0\"), or validators check it as ORUK v1", v))
	} else {
		l1.Note = fmt.Sprintf("version %q", v)
	}
	l2 := newResult(2, "/ against the schema", true)
	r.validate(&l2, resp, "", "api", resp.body)
	return []Result{l1.done(), l2.done()}
}

// checkEndpoint checks one collection: its first, a middle and its last
// page, then some of its objects by id; Level 2 validates every object
// seen.
func (r *run) checkEndpoint(ctx context.Context, ep endpoint) []Result {
	list := newResult(1, "GET "+ep.path+" paging", ep.required)
	byID := newResult(1, "GET "+ep.path+"/{id}", ep.required)
	listSchema := newResult(2, ep.path+" objects against the schemas", ep.required)
	idSchema := newResult(2, ep.path+"/{id} objects against the schemas", ep.required)

	first, err := r.fetch(ctx, ep.path+"?page=1")
	if err != nil {
		if !ep.required && first != nil && first.status == http.StatusNotFound {
			why := "not offered (404); the UK profile does not require it"
			return []Result{skipped(1, list.Name, why), skipped(1, byID.Name, why)}
		}
		list.fail(r.base+ep.path+"?page=1", "", err.Error())
		return []Result{list.done(), skipped(1, byID.Name, "no list to take ids from")}
	}
	if first.header.Get("Access-Control-Allow-Origin") != "*" {
		list.warn(first.url, "", "no \"Access-Control-Allow-Origin: *\" header; the UK profile asks for it so that web pages can read the feed")
	}
	pg, ok := checkPage(&list, first, 1, 0)
	if !ok {
		return []Result{list.done(), skipped(1, byID.Name, "the first page could not be read")}
	}
	r.validateAll(&listSchema, first, ep.listKind, pg.contents)
	ids := pageIDs(pg.contents, r.c.IDsPerEndpoint)

	// A middle and the last page, checked against what page 1 said.
	pages := []int{1}
	for _, n := range []int{(pg.totalPages + 1) / 2, pg.totalPages} {
		if n <= pages[len(pages)-1] {
			continue
		}
		pages = append(pages, n)
		resp, err := r.fetch(ctx, fmt.Sprintf("%s?page=%d", ep.path, n))
		if err != nil {
			list.fail(fmt.Sprintf("%s%s?page=%d", r.base, ep.path, n), "", err.Error())
			continue
		}
		p, ok := checkPage(&list, resp, n, pg.size)
		if !ok {
			continue
		}
		if p.totalItems != pg.totalItems || p.totalPages != pg.totalPages {
			list.fail(resp.url, "/total_items", fmt.Sprintf("page %d says %d items in %d pages, page 1 said %d in %d", n, p.totalItems, p.totalPages, pg.totalItems, pg.totalPages))
		}
		if same := sharedIDs(pg.contents, p.contents); same != "" {
			list.fail(resp.url, "/contents", fmt.Sprintf("page %d repeats %q from page 1: the page parameter is not honoured", n, same))
		}
		r.validateAll(&listSchema, resp, ep.listKind, p.contents)
		if last := pageIDs(p.contents, 1); n == pg.totalPages && len(ids) < r.c.IDsPerEndpoint && len(last) == 1 && !slices.Contains(ids, last[0]) {
			ids = append(ids, last[0])
		}
	}
	list.Note = fmt.Sprintf("%s in %s; pages %s checked", count(pg.totalItems, "item"), count(pg.totalPages, "page"), joinInts(pages))
	if pg.totalItems == 0 {
		list.warn(first.url, "", "the feed lists nothing, so its objects cannot be checked")
	}

	if len(ids) == 0 {
		return []Result{list.done(), skipped(1, byID.Name, "no ids in the list"), listSchema.done(), skipped(2, idSchema.Name, "no ids in the list")}
	}
	for _, id := range ids {
		p := ep.path + "/" + url.PathEscape(id)
		resp, err := r.fetch(ctx, p)
		if err != nil {
			byID.fail(r.base+p, "", err.Error())
			continue
		}
		obj, ok := resp.body.(map[string]any)
		if !ok {
			byID.fail(resp.url, "", "is not a JSON object")
			continue
		}
		if got, _ := obj["id"].(string); got != id {
			byID.fail(resp.url, "/id", fmt.Sprintf("is %q, want %q, the id asked for", got, id))
		}
		byID.Objects++
		r.validate(&idSchema, resp, "", ep.itemKind, obj)
	}
	byID.Note = fmt.Sprintf("%d of %d fetched by id", byID.Objects, len(ids))
	if idSchema.Objects == 0 {
		return []Result{list.done(), byID.done(), listSchema.done(), skipped(2, idSchema.Name, "no object fetched by id")}
	}
	return []Result{list.done(), byID.done(), listSchema.done(), idSchema.done()}
}

// validateAll validates each object of a page's contents.
func (r *run) validateAll(res *Result, resp *response, kind string, contents []any) {
	for i, obj := range contents {
		r.validate(res, resp, "/contents/"+strconv.Itoa(i), kind, obj)
	}
}

// validate checks one object against both standards' schemas for kind.
func (r *run) validate(res *Result, resp *response, at, kind string, obj any) {
	res.Objects++
	for _, std := range []Standard{HSDS, ORUK} {
		s := r.c.schemas[kind][std]
		if s == nil {
			continue
		}
		for _, p := range schemaProblems(s, obj) {
			msg := fmt.Sprintf("%s: %s", std, p.Message)
			if p.Format {
				res.warn(resp.url, at+p.Path, msg)
			} else {
				res.fail(resp.url, at+p.Path, msg)
			}
		}
	}
}

// page is the paging envelope of a list answer.
type page struct {
	totalItems, totalPages, number, size int
	contents                             []any
}

// checkPage checks the envelope of the answer to ?page=want: every field
// present with its type, and consistent with itself and, when perPage is
// known from page 1, with the page size.
func checkPage(res *Result, resp *response, want, perPage int) (page, bool) {
	obj, ok := resp.body.(map[string]any)
	if !ok {
		res.fail(resp.url, "", "is not a JSON object with a paging envelope")
		return page{}, false
	}
	var p page
	ints := map[string]*int{"total_items": &p.totalItems, "total_pages": &p.totalPages, "page_number": &p.number, "size": &p.size}
	bools := map[string]bool{}
	bad := false
	for _, f := range []string{"total_items", "total_pages", "page_number", "size"} {
		n, isNum := obj[f].(json.Number)
		v, err := strconv.Atoi(string(n))
		if !isNum || err != nil || v < 0 {
			res.fail(resp.url, "/"+f, fmt.Sprintf("is %s, want a whole number of 0 or more", describe(obj[f])))
			bad = true
			continue
		}
		*ints[f] = v
	}
	for _, f := range []string{"first_page", "last_page", "empty"} {
		b, isBool := obj[f].(bool)
		if !isBool {
			res.fail(resp.url, "/"+f, fmt.Sprintf("is %s, want true or false", describe(obj[f])))
			bad = true
		}
		bools[f] = b
	}
	p.contents, ok = obj["contents"].([]any)
	if !ok {
		res.fail(resp.url, "/contents", fmt.Sprintf("is %s, want an array", describe(obj["contents"])))
		bad = true
	}
	if bad {
		return p, false
	}
	failIf := func(wrong bool, field, format string, args ...any) {
		if wrong {
			res.fail(resp.url, field, fmt.Sprintf(format, args...))
		}
	}
	failIf(p.number != want, "/page_number", "is %d, asked for page %d", p.number, want)
	failIf(p.size != len(p.contents), "/size", "is %d, but contents holds %d", p.size, len(p.contents))
	failIf(bools["empty"] != (p.totalItems == 0), "/empty", "is %t with total_items %d", bools["empty"], p.totalItems)
	failIf(bools["first_page"] != (want == 1), "/first_page", "is %t on page %d", bools["first_page"], want)
	failIf(bools["last_page"] != (want >= p.totalPages), "/last_page", "is %t on page %d of %d", bools["last_page"], want, p.totalPages)
	failIf(p.totalItems > 0 && p.size == 0, "/contents", "is empty on page %d of %d with %d items", want, p.totalPages, p.totalItems)
	if perPage == 0 && want < p.totalPages {
		perPage = p.size // a page before the last is full
	}
	if perPage > 0 {
		wantPages := (p.totalItems + perPage - 1) / perPage
		failIf(p.totalPages != wantPages, "/total_pages", "is %d, but %d items at %d a page make %d", p.totalPages, p.totalItems, perPage, wantPages)
		if want == p.totalPages && p.totalPages > 0 {
			last := p.totalItems - (p.totalPages-1)*perPage
			failIf(p.size != last, "/size", "is %d on the last page, but %d items at %d a page leave %d", p.size, p.totalItems, perPage, last)
		}
	} else if p.totalPages > 1 {
		res.fail(resp.url, "/total_pages", fmt.Sprintf("is %d, but page 1 is also the last", p.totalPages))
	}
	if p.totalPages == 0 && p.totalItems > 0 {
		res.fail(resp.url, "/total_pages", fmt.Sprintf("is 0 with %d items", p.totalItems))
	}
	return p, true
}

// pageIDs returns the ids of up to n objects of contents.
func pageIDs(contents []any, n int) []string {
	var ids []string
	for _, o := range contents {
		if len(ids) == n {
			break
		}
		if m, ok := o.(map[string]any); ok {
			if id, ok := m["id"].(string); ok && id != "" {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// sharedIDs returns an id found on both pages, or "".
func sharedIDs(a, b []any) string {
	seen := map[string]bool{}
	for _, id := range pageIDs(a, len(a)) {
		seen[id] = true
	}
	for _, id := range pageIDs(b, len(b)) {
		if seen[id] {
			return id
		}
	}
	return ""
}

func describe(v any) string {
	switch v := v.(type) {
	case nil:
		return "missing"
	case string:
		return strconv.Quote(v)
	case json.Number:
		return string(v)
	}
	b, _ := json.Marshal(v)
	if len(b) > 40 {
		b = append(b[:40], "..."...)
	}
	return string(b)
}

func joinInts(ns []int) string {
	s := make([]string, len(ns))
	for i, n := range ns {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, ", ")
}
