package storetest

import (
	"fmt"
	"reflect"
	"time"

	"github.com/linkway/linkway/directory"
	"github.com/paulmach/orb"
)

func ptr[T any](v T) *T { return &v }

// FullService returns a service with every field set. Services made by it
// share the organisation "leeds-walks", the venue "hyde-park-hall" and the
// term "walking"; everything else is their own.
func FullService(id string) *directory.Service {
	phone := func(n string) directory.Phone {
		return directory.Phone{ID: id + "-phone-" + n, Number: "0113 496 000" + n, Extension: "2" + n, Type: "voice", Description: "Mornings"}
	}
	sched := func(n string) directory.Schedule {
		return directory.Schedule{
			ID: id + "-sched-" + n, Freq: directory.Weekly, Interval: 1, ByDay: "TU,TH", ByMonthDay: "1",
			Opens: "10:00", Closes: "12:30", ValidFrom: "2025-01-01", ValidTo: "2025-12-31", DTStart: "2025-01-07",
			Description: "Term time", AttendingType: "in person", Notes: "Not bank holidays",
		}
	}
	contact := directory.Contact{ID: id + "-contact", Name: "Sam Lee", Title: "Coordinator", Department: "Outreach", Email: "sam@example.org", Phones: []directory.Phone{phone("9")}}
	return &directory.Service{
		ID: id,
		Organization: &directory.Organization{
			ID: "leeds-walks", Name: "Leeds Walks", Description: "Volunteer walk leaders", Email: "hello@example.org", Website: "https://example.org",
			Identifiers: []directory.Identifier{{ID: "leeds-walks-chc", Scheme: "GB-CHC", Type: "Registered charity number", Value: "1234567"}},
		},
		Name:            "Walking group " + id,
		AlternateName:   "Wellbeing walks",
		Description:     "Gentle walks around the park, with tea after.",
		URL:             "https://example.org/walks/" + id,
		Email:           "walks@example.org",
		Status:          directory.StatusActive,
		Alert:           "No walk on 25 December",
		Eligibility:     "Adults who want to get moving",
		MinimumAge:      ptr(18),
		MaximumAge:      ptr(99),
		Application:     "Just turn up",
		Fees:            "Free",
		Interpretation:  "Punjabi speaker on Tuesdays",
		WaitTime:        "None",
		ReferralRoutes:  []directory.ReferralRoute{directory.SelfReferral, directory.DropIn},
		Accepting:       directory.CapacityWaitingList,
		TypicalWaitDays: 14,
		LastVerified:    time.Date(2025, 3, 31, 0, 0, 0, 0, time.UTC),
		VerifiedBy:      "link.worker@example.org",
		LastModified:    time.Date(2025, 4, 1, 9, 30, 15, 123000000, time.UTC),
		Terms: []directory.Term{
			{ID: "walking", Name: "Walking", Description: "Walking groups", Taxonomy: "linkway", ParentID: "physical-activity"},
			{ID: "outdoors-" + id, Name: "Outdoors", Taxonomy: "linkway", Code: "OUT-1", URI: "https://example.org/terms/outdoors", Version: "2"},
		},
		Kinds: []directory.ServiceKind{
			{ID: "physical-activity", Source: directory.KindCrosswalk, Confidence: 1, Why: []string{"Walking"}},
			{ID: "befriending", Source: directory.KindInferred, Confidence: 0.62, Why: []string{"company", "chat"}},
		},
		Attributes:        []directory.Attribute{{ID: id + "-attr", Term: directory.Term{ID: "wheelchair", Name: "Wheelchair access"}, Label: "accessibility", Value: "partial"}},
		Funding:           []string{"Leeds City Council wellbeing fund"},
		Program:           &directory.Program{ID: "move-more", Name: "Move More", AlternateName: "MM", Description: "Getting Leeds moving"},
		RequiredDocuments: []directory.Document{{ID: id + "-doc", Name: "Referral letter", URI: "https://example.org/letter"}},
		Languages:         []directory.Language{{ID: id + "-lang", Name: "Punjabi", Code: "pa", Note: "Tuesdays"}},
		CostOptions:       []directory.CostOption{{ID: id + "-cost", Option: "Everyone", Amount: ptr(0.0), Currency: "GBP", Description: "Free", ValidFrom: "2025-01-01", ValidTo: "2025-12-31"}},
		Phones:            []directory.Phone{phone("1")},
		Contacts:          []directory.Contact{contact},
		Schedules:         []directory.Schedule{sched("1")},
		Areas:             []directory.ServiceArea{{ID: id + "-area", Name: "Leeds", Description: "All of Leeds", Extent: "{}", ExtentType: "geojson", URI: "https://example.org/leeds"}},
		Locations: []directory.ServiceAtLocation{
			{
				ID: id + "-at-hall", Description: "Meet at the front door",
				Location: directory.Location{
					ID: "hyde-park-hall", Type: directory.Physical, Name: "Hyde Park Hall", Description: "Community hall",
					URL: "https://example.org/hall", Transportation: "Bus 56",
					Point: &orb.Point{-1.5686, 53.819},
					Addresses: []directory.Address{{
						ID: "hall-address", Attention: "Reception", Address1: "1 Hyde Park Road", Address2: "Hyde Park",
						City: "Leeds", Region: "West Yorkshire", StateProvince: "England", PostalCode: "LS6 1AA", Country: "GB", Type: "physical",
					}},
					Accessibility: []directory.Accessibility{{ID: "hall-access", Description: "Step-free", Details: "Ramp at side", URL: "https://example.org/access"}},
					Schedules:     []directory.Schedule{{ID: "hall-open", Freq: directory.Weekly, ByDay: "MO,TU,WE,TH,FR", Opens: "09:00", Closes: "17:00"}},
					ExternalID:    "72123456", ExternalIDType: "uprn",
				},
				Schedules: []directory.Schedule{sched("2")},
				Phones:    []directory.Phone{phone("2")},
				Contacts:  []directory.Contact{contact},
			},
			{
				ID: id + "-at-online",
				Location: directory.Location{
					ID: "online-" + id, Type: directory.Virtual, Name: "Online", URL: "https://meet.example.org/" + id,
				},
			},
		},
	}
}

// Diff lists the fields in which got differs from want, by path. Nil and
// empty slices count as equal: JSON columns cannot tell them apart.
func Diff(want, got any) []string {
	var out []string
	diffValue(&out, "", reflect.ValueOf(want), reflect.ValueOf(got))
	return out
}

func diffValue(out *[]string, path string, w, g reflect.Value) {
	if w.IsValid() != g.IsValid() {
		*out = append(*out, fmt.Sprintf("%s: want %v, got %v", path, w, g))
		return
	}
	if !w.IsValid() {
		return
	}
	if wt, ok := w.Interface().(time.Time); ok {
		if gt := g.Interface().(time.Time); !wt.Equal(gt) {
			*out = append(*out, fmt.Sprintf("%s: want %v, got %v", path, wt, gt))
		}
		return
	}
	switch w.Kind() {
	case reflect.Pointer:
		if w.IsNil() || g.IsNil() {
			if w.IsNil() != g.IsNil() {
				*out = append(*out, fmt.Sprintf("%s: want %v, got %v", path, fmtPtr(w), fmtPtr(g)))
			}
			return
		}
		diffValue(out, path, w.Elem(), g.Elem())
	case reflect.Struct:
		for i := range w.NumField() {
			diffValue(out, path+"."+w.Type().Field(i).Name, w.Field(i), g.Field(i))
		}
	case reflect.Slice, reflect.Array:
		if w.Len() != g.Len() {
			*out = append(*out, fmt.Sprintf("%s: want %d elements, got %d: %+v", path, w.Len(), g.Len(), g.Interface()))
			return
		}
		for i := range w.Len() {
			diffValue(out, fmt.Sprintf("%s[%d]", path, i), w.Index(i), g.Index(i))
		}
	default:
		if !reflect.DeepEqual(w.Interface(), g.Interface()) {
			*out = append(*out, fmt.Sprintf("%s: want %#v, got %#v", path, w.Interface(), g.Interface()))
		}
	}
}

func fmtPtr(v reflect.Value) string {
	if v.IsNil() {
		return "nil"
	}
	return fmt.Sprintf("%+v", v.Elem().Interface())
}
