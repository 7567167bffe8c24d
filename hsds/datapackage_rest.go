package hsds

import (
	"fmt"
	"sort"
	"strings"

	"github.com/linkway/linkway/directory"
)

// after builds the records that follow the services: the taxonomies as
// vocabularies, the organisations and locations no service named, and
// last the issues about the package as a whole. It runs once the
// services are read, when every row that went into a service is marked.
func (p *packageReader) after() []*Record {
	var out []*Record
	next := func(rec *Record) {
		p.index++
		rec.Index = p.index
		for i := range rec.Issues {
			rec.Issues[i].Index = rec.Index
		}
		out = append(out, rec)
	}
	for _, rec := range p.vocabularies() {
		next(rec)
	}
	if orgs := p.sheet(tableOrganizations); orgs != nil {
		for i := range orgs.n {
			row := int32(i)
			if orgs.used[i] || p.repeated(orgs, row) {
				continue
			}
			orgs.used[i] = true
			rec := &Record{Index: p.index + 1, ID: orgs.get(row, "id")}
			o := &directory.Organization{ID: rec.ID, Name: orgs.get(row, "name"), Description: orgs.get(row, "description"),
				Email: orgs.get(row, "email"), Website: webAddress(rec, orgs.field("website"), orgs.get(row, "website"))}
			o.Identifiers = p.identifiers(o.ID)
			rec.Organization = o
			if o.ID == "" || o.Name == "" {
				rec.Err = directory.Errorf(directory.Invalid, "%s: an organisation needs an id and a name", rec.Label())
			}
			next(rec)
		}
	}
	if locs := p.sheet(tableLocations); locs != nil {
		for i := range locs.n {
			row := int32(i)
			if locs.used[i] || p.repeated(locs, row) {
				continue
			}
			rec := &Record{Index: p.index + 1, ID: locs.get(row, "id")}
			if rec.ID == "" {
				locs.used[i] = true
				rec.Err = directory.Errorf(directory.Invalid, "%s: a location needs an id", rec.Label())
				next(rec)
				continue
			}
			l, _ := p.location(rec, rec.ID)
			rec.Location = &l
			next(rec)
		}
	}
	p.unusedRows()
	for _, is := range p.clean.issues() {
		p.doc.Issues = append(p.doc.Issues, is)
	}
	p.unkeptColumns()
	if len(p.doc.Issues) > 0 {
		// The document's own record keeps Index 0.
		out = append(out, p.doc)
	}
	return out
}

// repeated reports whether row gives the id of an earlier row of sh, and
// if so marks it used and says so: services find the first row by its
// id, and a second one standing on its own would overwrite it.
func (p *packageReader) repeated(sh *sheet, row int32) bool {
	id := sh.get(row, "id")
	rows := sh.find("id", id)
	if len(rows) == 0 || rows[0] == row {
		return false
	}
	sh.used[row] = true
	p.doc.Warn(sh.field("id"), id, fmt.Sprintf("row %d gives the same id as row %d; row %d is not read", row+1, rows[0]+1, row+1))
	return true
}

// vocabularies returns the package's taxonomy terms, one record per
// taxonomy, so that terms no service uses (such as the broader terms
// above those services use) are kept with the hierarchy.
func (p *packageReader) vocabularies() []*Record {
	sh := p.sheet(tableTaxonomyTerms)
	if sh == nil {
		return nil
	}
	byTaxonomy := map[string]*Record{}
	var out []*Record
	firstRow := map[string]int{}
	for i := range sh.n {
		row := int32(i)
		sh.used[i] = true
		t := p.termOf(row)
		rec := byTaxonomy[t.Taxonomy]
		if rec == nil {
			rec = &Record{ID: directory.FirstNonBlank(sh.get(row, "taxonomy_id"), t.Taxonomy, t.ID), Terms: []directory.Term{}}
			byTaxonomy[t.Taxonomy] = rec
			out = append(out, rec)
		}
		if t.ID == "" {
			rec.Warn(sh.field("id"), t.Name, fmt.Sprintf("row %d: a term without an id; dropped", i+1))
			continue
		}
		if first, dup := firstRow[t.ID]; dup {
			rec.Warn(sh.field("id"), t.ID, fmt.Sprintf("row %d gives the same term id as row %d; row %d is not read", i+1, first+1, i+1))
			continue
		}
		firstRow[t.ID] = i
		rec.Terms = append(rec.Terms, t)
	}
	return out
}

// unusedRows reports, for each joined table, the rows that went into no
// record, grouped by why.
func (p *packageReader) unusedRows() {
	tables := make([]table, 0, len(p.sheets))
	for t := range p.sheets {
		tables = append(tables, t)
	}
	sort.Slice(tables, func(i, j int) bool { return p.sheets[tables[i]].file < p.sheets[tables[j]].file })
	for _, t := range tables {
		sh := p.sheets[t]
		type group struct {
			n       int
			example string
		}
		groups := map[string]*group{}
		var order []string
		for i := range sh.n {
			row := int32(i)
			if sh.used[i] {
				continue
			}
			why, example := unusedReason(sh, t, row)
			g := groups[why]
			if g == nil {
				g = &group{example: fmt.Sprintf("row %d: %s", i+1, example)}
				groups[why] = g
				order = append(order, why)
			}
			g.n++
		}
		for _, why := range order {
			g := groups[why]
			p.doc.Warn(sh.file, g.example, fmt.Sprintf("%d %s %s; not imported", g.n, plural(g.n, "row", "rows"), why))
		}
	}
}

// references are the columns by which a row of a joined table names what
// it belongs to, most telling first.
var references = []string{"service_id", "service_at_location_id", "location_id", "contact_id", "link_id", "phone_id", "organization_id"}

// unusedReason says why a row went into no record, and which reference
// it gives.
func unusedReason(sh *sheet, t table, row int32) (why, example string) {
	named := map[string]string{}
	for _, f := range references {
		if v := sh.get(row, f); v != "" {
			named[f] = v
		}
	}
	switch {
	case t == tableAttributes && named["link_id"] != "":
		return "attach a term to something other than a service, or to nothing in the package (Linkway keeps services' terms)",
			"link_id " + directory.Quote(named["link_id"])
	case t == tablePrograms:
		return "are programmes no service belongs to", "id " + directory.Quote(sh.get(row, "id"))
	case t == tableTaxonomies:
		return "are taxonomies no term belongs to", "id " + directory.Quote(sh.get(row, "id"))
	case t == tableServiceAtLocations && named["service_id"] != "":
		return "name a service the package does not hold", "service_id " + directory.Quote(named["service_id"])
	case t == tableOrganizationIdentifiers && named["organization_id"] != "":
		return "name an organisation the package does not hold", "organization_id " + directory.Quote(named["organization_id"])
	}
	for _, f := range references {
		v := named[f]
		if v == "" || f == "organization_id" || f == "phone_id" {
			continue
		}
		return "name a " + strings.ReplaceAll(strings.TrimSuffix(f, "_id"), "_", " ") + " the package does not hold (or one whose service it does not hold)",
			f + " " + directory.Quote(v)
	}
	switch {
	case named["phone_id"] != "":
		return "belong to a phone only, and Linkway keeps no languages for phones", "phone_id " + directory.Quote(named["phone_id"])
	case named["organization_id"] != "":
		return "belong to an organisation only, and Linkway keeps these for services", "organization_id " + directory.Quote(named["organization_id"])
	}
	return "name no service, location or other owner", "id " + directory.Quote(sh.get(row, "id"))
}

// unkeptColumns reports each column Linkway has no place for that holds
// values, once per table.
func (p *packageReader) unkeptColumns() {
	all := []*columns{p.services.columns}
	for _, sh := range p.sheets {
		all = append(all, sh.columns)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].file < all[j].file })
	for _, c := range all {
		positions := make([]int, 0, len(c.unkept))
		for i := range c.unkept {
			positions = append(positions, i)
		}
		sort.Ints(positions)
		for _, i := range positions {
			u := c.unkept[i]
			if u.values == 0 {
				continue
			}
			p.doc.Warn(c.label+"."+u.name, u.example,
				fmt.Sprintf("not kept: Linkway has no place for this column (%d %s)", u.values, plural(u.values, "value", "values")))
		}
	}
}
