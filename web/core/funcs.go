package core

import (
	"fmt"
	"html/template"
	"strings"
	"time"

	"github.com/linkway/linkway/casework"
)

// funcs are the template functions every page may use. Every page is
// parsed at start, whichever audience renders it, so every function is
// here.
func (s *Site) funcs() template.FuncMap {
	return template.FuncMap{
		"static":      func(p string) string { return s.staticPrefix + p },
		"serviceURL":  ServiceURL,
		"kindURL":     func(id string) string { return "/browse/" + PathEscape(id) },
		"add":         func(a, b int) int { return a + b },
		"formatDate":  func(t time.Time) string { return t.Format("2 January 2006") },
		"shortDate":   func(t time.Time) string { return t.Format("2 Jan 2006, 15:04") }, // the year too: audit and history span years
		"pluralise":   Pluralise,
		"joinStrings": strings.Join,
		"km":          func(d *float64) string { return fmt.Sprintf("%.1f km", *d) },
		"costLabel":   costLabel,
		"field":       newFieldView,
		"dateinput":   newDateView,
		"nhs":         casework.FormatNHSNumber,
		"percent":     func(x float64) string { return fmt.Sprintf("%.0f%%", 100*x) },
		"capitalise":  Capitalise,
		"contactWay":  casework.PreferredContactLabel,
		"statusLabel": StatusLabel,
		"contactKind": ContactKindLabel,
		"facet":       facetCount,
	}
}

// faceted is a search answer that counts its results by facet value.
type faceted interface {
	FacetCount(facet, value string) any
}

// facetCount is the templates' "facet": the count of one facet value, or
// nil when there is no answer or no such value, so templates can leave
// the count out.
func facetCount(a faceted, facet, value string) any {
	if a == nil {
		return nil
	}
	return a.FacetCount(facet, value)
}

// StatusLabel names a person's status in words.
func StatusLabel(st casework.Status) string {
	switch st {
	case casework.StatusOnHold:
		return "On hold"
	case casework.StatusNew:
		return "New"
	case casework.StatusActive:
		return "Active"
	case casework.StatusDischarged:
		return "Discharged"
	}
	return string(st)
}

// ContactKindLabel names how a contact happened in words.
func ContactKindLabel(k casework.ContactKind) string {
	switch k {
	case casework.ContactHomeVisit:
		return "Home visit"
	case casework.ContactPhone:
		return "Phone call"
	case casework.ContactVideo:
		return "Video call"
	case casework.ContactGroup:
		return "Group session"
	}
	return "Meeting"
}

// Pluralise says n of something: "1 service", "3 services".
func Pluralise(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// Capitalise puts the first letter of s in upper case.
func Capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

func costLabel(band string) string {
	switch band {
	case "free":
		return "Free"
	case "paid":
		return "Costs money"
	}
	return "Ask"
}
