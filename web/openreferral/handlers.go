package openreferral

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strings"

	"github.com/linkway/linkway/directory"
	"github.com/linkway/linkway/hsds"
	"github.com/linkway/linkway/web/core"
)

// envelope is the API's paged answer (the OpenAPI files' Page).
type envelope struct {
	TotalItems int   `json:"total_items"`
	TotalPages int   `json:"total_pages"`
	PageNumber int   `json:"page_number"`
	Size       int   `json:"size"`
	FirstPage  bool  `json:"first_page"`
	LastPage   bool  `json:"last_page"`
	Empty      bool  `json:"empty"`
	Contents   []any `json:"contents"`
}

func pageOf(p paging, total int, contents []any) envelope {
	if contents == nil {
		contents = []any{}
	}
	pages := (total + p.perPage - 1) / p.perPage
	return envelope{
		TotalItems: total, TotalPages: pages, PageNumber: p.page, Size: len(contents),
		FirstPage: p.page == 1, LastPage: p.page >= pages, Empty: len(contents) == 0, Contents: contents,
	}
}

func (h *Handler) handleRoot(w http.ResponseWriter, r *http.Request) {
	core.WriteJSON(w, http.StatusOK, struct {
		Version    string `json:"version"`
		Profile    string `json:"profile"`
		OpenAPIURL string `json:"openapi_url"`
	}{
		Version:    "3.0",
		Profile:    "https://github.com/openreferral/uk-profile",
		OpenAPIURL: "https://raw.githubusercontent.com/openreferral/uk-profile/main/schema/openapi.json",
	})
}

func (h *Handler) handleOther(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD, OPTIONS")
		core.WriteJSON(w, http.StatusMethodNotAllowed, core.APIError{Error: "the Open Referral API is read-only: use GET"})
		return
	}
	core.WriteJSON(w, http.StatusNotFound, core.APIError{Error: "the Open Referral API has no such path; see " + h.prefix + "/ and the ORUK 3.0 OpenAPI file"})
}

// taxonomyName turns a taxonomy_id (the id /taxonomies gives, or a
// taxonomy's name) into the name the store keeps.
func (h *Handler) taxonomyName(ctx context.Context, id string) (string, error) {
	if id == "" {
		return "", nil
	}
	list, err := h.store.Taxonomies(ctx)
	if err != nil {
		return "", err
	}
	for _, t := range list {
		if t.ID == id {
			return t.Name, nil
		}
	}
	return id, nil
}

// hitsFor runs the search index for search, postcode and proximity, and
// returns the ids it found, best (or nearest) first; nil when the request
// has none of them, so the store alone answers.
//
// With paged set, the index pages itself: it returns the page's hits and
// the total, for a list with no filter the store must apply.
func (h *Handler) hitsFor(ctx context.Context, l listingQuery, paged bool) ([]string, int, error) {
	if l.search == "" && l.postcode == "" {
		return nil, 0, nil
	}
	q := directory.Query{Text: l.search, IncludeTemporarilyClosed: true, Limit: maxHits}
	if paged {
		q.Offset, q.Limit = l.paging.offset(), l.paging.perPage
	}
	if l.postcode != "" {
		place, err := h.places.Lookup(l.postcode)
		if err != nil {
			return nil, 0, err
		}
		q.Near, q.RadiusKm = &place.Point, l.radiusKm
		if l.search == "" {
			q.Sort = directory.ByDistance
		}
	}
	res, err := h.search.Search(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	hits := make([]string, len(res.Hits))
	for i, hit := range res.Hits {
		hits[i] = hit.ID
	}
	return hits, res.Total, nil
}

// listing reads a service list request and runs its search, if any.
// A search of services with no other filter is paged by the index
// itself (indexTotal is then its total), rather than the store paging
// its best [maxHits] hits.
func (h *Handler) listing(r *http.Request, places bool) (listingQuery, error) {
	l, err := h.parseListing(r.URL.Query(), places)
	if err != nil {
		return l, err
	}
	if l.filter.Taxonomy, err = h.taxonomyName(r.Context(), l.filter.Taxonomy); err != nil {
		return l, err
	}
	l.indexPaged = !places && l.format == "json" && reflect.ValueOf(l.filter).IsZero()
	if l.filter.Among, l.indexTotal, err = h.hitsFor(r.Context(), l, l.indexPaged); err != nil {
		return l, err
	}
	if l.filter.Among == nil {
		l.indexPaged = false
	}
	if !l.indexPaged {
		l.filter.Limit, l.filter.Offset = l.paging.perPage, l.paging.offset()
	}
	return l, nil
}

// serviceObject is s as the request asks for it, as the public may see
// it.
func serviceObject(s *directory.Service, l listingQuery) any {
	s = s.ForPublic()
	switch {
	case l.minimal:
		return hsds.MinimalServiceObject(s)
	case l.full:
		return hsds.ServiceObject(s)
	}
	return hsds.ServiceListObject(s)
}

func (h *Handler) handleServices(w http.ResponseWriter, r *http.Request) {
	l, err := h.listing(r, false)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	if l.format == "ndjson" {
		h.streamServices(w, r, l)
		return
	}
	list, total, err := h.store.ListedServices(r.Context(), l.filter)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	if l.indexPaged {
		total = l.indexTotal
	}
	contents := make([]any, len(list))
	for i, s := range list {
		contents[i] = serviceObject(s, l)
	}
	writeJSON(w, pageOf(l.paging, total, contents))
}

// streamBatch is how many services an ndjson answer reads at a time.
const streamBatch = 500

// streamServices writes every service the request selects, one JSON
// object a line, without pages (format=ndjson), reading the store a
// batch at a time.
func (h *Handler) streamServices(w http.ResponseWriter, r *http.Request, l listingQuery) {
	w.Header().Set("Content-Type", "application/x-ndjson")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	f := l.filter
	f.Limit, f.Offset = streamBatch, 0
	for wrote := false; ; {
		list, _, err := h.store.ListedServices(r.Context(), f)
		if err != nil {
			if !wrote {
				h.site.FailJSON(w, r, err)
			}
			// Once lines are out the status cannot change: the client
			// sees the answer end early.
			return
		}
		for _, s := range list {
			if err := enc.Encode(serviceObject(s, l)); err != nil {
				return
			}
			wrote = true
		}
		if len(list) < streamBatch {
			return
		}
		if f.Among != nil {
			f.Offset += len(list)
		} else {
			f.After = list[len(list)-1].ID
		}
		if fl, ok := w.(http.Flusher); ok {
			fl.Flush()
		}
	}
}

func (h *Handler) handleService(w http.ResponseWriter, r *http.Request) {
	s, err := h.store.ListedService(r.Context(), core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	writeJSON(w, hsds.ServiceObject(s.ForPublic()))
}

// publicAt is at as the public may see it: its place from the service
// with confidential places reduced.
func publicAt(at directory.ServiceAt) directory.ServiceAt {
	s := at.Service.ForPublic()
	for _, sal := range s.Locations {
		if sal.ID == at.At.ID {
			return directory.ServiceAt{Service: s, At: sal}
		}
	}
	return directory.ServiceAt{Service: s, At: at.At}
}

func (h *Handler) handleServicesAt(w http.ResponseWriter, r *http.Request) {
	l, err := h.listing(r, true)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	if l.format == "ndjson" {
		h.site.FailJSON(w, r, invalid("format=ndjson is offered on /services; here, page with page and per_page"))
		return
	}
	list, total, err := h.store.ListedServicesAt(r.Context(), l.filter)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	contents := make([]any, len(list))
	for i, at := range list {
		at = publicAt(at)
		if l.full {
			contents[i] = hsds.ServiceAtLocationObject(at)
		} else {
			contents[i] = hsds.ServiceAtLocationListObject(at)
		}
	}
	writeJSON(w, pageOf(l.paging, total, contents))
}

func (h *Handler) handleServiceAt(w http.ResponseWriter, r *http.Request) {
	at, err := h.store.ListedServiceAt(r.Context(), core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	writeJSON(w, hsds.ServiceAtLocationObject(publicAt(at)))
}

func (h *Handler) handleOrganizations(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parsePaging(q)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	if _, err := parseFormat(q); err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	full, err := parseBool(q, "full")
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	list, total, err := h.store.ListedOrganizations(r.Context(), q.Get("search"), p.perPage, p.offset())
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	contents := make([]any, len(list))
	for i := range list {
		if full {
			obj, err := h.organizationObject(r.Context(), &list[i], false)
			if err != nil {
				h.site.FailJSON(w, r, err)
				return
			}
			contents[i] = obj
		} else {
			contents[i] = hsds.OrganizationListObject(&list[i])
		}
	}
	writeJSON(w, pageOf(p, total, contents))
}

// maxOrganizationServices bounds the services nested in one organisation.
const maxOrganizationServices = MaxPerPage

func (h *Handler) organizationObject(ctx context.Context, o *directory.Organization, full bool) (any, error) {
	services, _, err := h.store.ListedServices(ctx, directory.ListingFilter{OrganizationID: o.ID, Limit: maxOrganizationServices})
	if err != nil {
		return nil, err
	}
	for i, s := range services {
		services[i] = s.ForPublic()
	}
	return hsds.OrganizationObject(o, services, full), nil
}

func (h *Handler) handleOrganization(w http.ResponseWriter, r *http.Request) {
	full, err := parseBool(r.URL.Query(), "full_service")
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	o, err := h.store.ListedOrganization(r.Context(), core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	obj, err := h.organizationObject(r.Context(), o, full)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	writeJSON(w, obj)
}

func (h *Handler) handleTaxonomies(w http.ResponseWriter, r *http.Request) {
	p, err := parsePaging(r.URL.Query())
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	// Taxonomies are few (one a vocabulary), so they are paged here.
	all, err := h.store.Taxonomies(r.Context())
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	var contents []any
	if start := p.offset(); start < len(all) {
		for _, t := range all[start:min(start+p.perPage, len(all))] {
			contents = append(contents, hsds.TaxonomyObject(t))
		}
	}
	writeJSON(w, pageOf(p, len(all), contents))
}

func (h *Handler) handleTaxonomy(w http.ResponseWriter, r *http.Request) {
	id := core.PathVar(r, "id")
	all, err := h.store.Taxonomies(r.Context())
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	for _, t := range all {
		if t.ID == id {
			writeJSON(w, hsds.TaxonomyObject(t))
			return
		}
	}
	h.site.FailJSON(w, r, directory.Errorf(directory.NotFound, "no taxonomy has this id"))
}

func (h *Handler) handleTerms(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	p, err := parsePaging(q)
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	top, err := parseBool(q, "top_only")
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	taxonomy, err := h.taxonomyName(r.Context(), strings.TrimSpace(q.Get("taxonomy_id")))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	list, total, err := h.store.FindTerms(r.Context(), directory.TermFilter{
		Taxonomy: taxonomy, ParentID: q.Get("parent_id"), TopOnly: top, Search: q.Get("search"),
		Limit: p.perPage, Offset: p.offset(),
	})
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	contents := make([]any, len(list))
	for i, t := range list {
		contents[i] = hsds.TermObject(t)
	}
	writeJSON(w, pageOf(p, total, contents))
}

func (h *Handler) handleTerm(w http.ResponseWriter, r *http.Request) {
	t, err := h.store.Term(r.Context(), core.PathVar(r, "id"))
	if err != nil {
		h.site.FailJSON(w, r, err)
		return
	}
	writeJSON(w, hsds.TermObject(*t))
}

// writeJSON answers 200 with v, its text as written ("Arts & crafts",
// not "Arts \u0026 crafts").
func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
}
