package directory

import (
	"strings"
	"time"

	"github.com/paulmach/orb"
)

// Status is the HSDS service status.
type Status string

// The HSDS 3.0 service statuses.
const (
	StatusActive            Status = "active"
	StatusInactive          Status = "inactive"
	StatusDefunct           Status = "defunct"
	StatusTemporarilyClosed Status = "temporarily closed"
)

// Valid reports whether s is one of the HSDS statuses.
func (s Status) Valid() bool {
	switch s {
	case StatusActive, StatusInactive, StatusDefunct, StatusTemporarilyClosed:
		return true
	}
	return false
}

// ReferralRoute says how a person can get into a service.
type ReferralRoute string

// The referral routes link workers care about.
const (
	SelfReferral         ReferralRoute = "self-referral"
	ProfessionalReferral ReferralRoute = "professional-referral"
	DropIn               ReferralRoute = "drop-in"
)

// Valid reports whether r is a known route.
func (r ReferralRoute) Valid() bool {
	return r == SelfReferral || r == ProfessionalReferral || r == DropIn
}

// Capacity says whether a service is taking new people.
type Capacity string

// Capacities. An empty Capacity means the listing does not say, which is
// treated like CapacityOpen: most groups never fill up.
const (
	CapacityOpen        Capacity = "yes"
	CapacityWaitingList Capacity = "waiting_list"
	CapacityFull        Capacity = "full"
)

// Valid reports whether c is empty or a known capacity.
func (c Capacity) Valid() bool {
	return c == "" || c == CapacityOpen || c == CapacityWaitingList || c == CapacityFull
}

// OrganizationFilter chooses organisations, a page at a time.
type OrganizationFilter struct {
	// Name chooses organisations whose name holds these words, in this
	// order, in any case, or whose id is exactly this.
	Name   string
	Limit  int // page size; 0 means all
	Offset int
}

// Organization is a VCSE group, charity or public body that runs services.
type Organization struct {
	ID          string
	Name        string
	Description string
	Email       string
	Website     string
	// Identifiers are the organisation's numbers in public registers,
	// such as its registered charity or company number.
	Identifiers []Identifier
}

// Identifier is an organisation's number in a register (HSDS
// organization_identifier): Scheme names the register ("GB-CHC" for the
// Charity Commission for England and Wales), Type says what it is in
// words ("Registered charity number").
type Identifier struct {
	ID     string
	Scheme string
	Type   string
	Value  string
}

// registers names the org-id.guide schemes people in the UK meet, as they
// call them.
var registers = map[string]string{
	"GB-CHC":  "Registered charity",
	"GB-SC":   "Scottish charity",
	"GB-NIC":  "Northern Ireland charity",
	"GB-COH":  "Company number",
	"GB-MPR":  "Mutuals Public Register number",
	"GB-EDU":  "School number",
	"GB-NHS":  "NHS organisation code",
	"GB-LAE":  "Local authority code",
	"GB-GOR":  "Government organisation",
	"XI-IATI": "IATI organisation",
}

// Label is the identifier as a person reads it, such as "Registered
// charity 1234567": the register's name when the scheme is a known one,
// else the type the feed gives.
func (id Identifier) Label() string {
	name := registers[strings.ToUpper(strings.TrimSpace(id.Scheme))]
	if name == "" {
		name = FirstNonBlank(id.Type, id.Scheme)
	}
	if name == "" {
		return id.Value
	}
	return name + " " + id.Value
}

// Service is one thing an organisation offers: a walking group, a debt
// advice line, a lunch club. It is the unit that people search for and are
// referred to.
type Service struct {
	ID             string
	Organization   *Organization // nil when the feed names none
	Name           string
	AlternateName  string
	Description    string
	URL            string
	Email          string
	Status         Status
	Alert          string // a notice to show first, such as why it is closed
	Eligibility    string // who it is for, in words
	MinimumAge     *int
	MaximumAge     *int
	Application    string // how to join, in words
	Fees           string // fees in words, alongside CostOptions
	Interpretation string
	WaitTime       string // HSDS wait_time, in words

	ReferralRoutes  []ReferralRoute
	Accepting       Capacity
	TypicalWaitDays int

	// LastVerified is when someone last checked the listing is right
	// (HSDS assured_date); it is separate from LastModified because a
	// listing that has not changed can still be confirmed.
	LastVerified time.Time
	VerifiedBy   string
	LastModified time.Time

	Terms []Term // the feed's own taxonomy terms (Linkway's kinds for listings made here)
	// Kinds are Linkway's kinds of support, primary first, each with
	// where it came from; see ServiceKind. Every listed service has them,
	// whatever taxonomy its feed uses.
	Kinds       []ServiceKind
	Languages   []Language
	CostOptions []CostOption
	Phones      []Phone
	Contacts    []Contact
	Schedules   []Schedule // service-wide times, such as a helpline's hours
	Areas       []ServiceArea
	Locations   []ServiceAtLocation

	// What feeds carry beyond the listing itself, kept for people to read
	// and for export.
	Attributes        []Attribute // taxonomy terms with a value, such as "wheelchair: partial"
	Funding           []string    // who funds it, in words
	Program           *Program    // the programme it belongs to, if any
	RequiredDocuments []Document  // what to bring or send

	// Provenance of a listing a live feed keeps: Source names the feed,
	// SourceID is the id the feed gives it (ID is namespaced by the feed,
	// so that two feeds never collide) and FetchedAt is when this version
	// was fetched. All are empty for listings made or imported here.
	Source    string
	SourceID  string
	FetchedAt time.Time
}

// Attribute is a taxonomy term given to a service with an optional value
// (HSDS attribute).
type Attribute struct {
	ID    string
	Term  Term
	Label string
	Value string
}

// Program is a named programme that groups services (HSDS program).
type Program struct {
	ID            string
	Name          string
	AlternateName string
	Description   string
}

// Document is something a person must bring or send to use a service
// (HSDS required_document).
type Document struct {
	ID   string
	Name string
	URI  string
}

// Term is a taxonomy term, such as a kind of support.
type Term struct {
	ID          string
	Name        string
	Description string
	Taxonomy    string // the name of the taxonomy (vocabulary) it belongs to
	ParentID    string // the broader term, in the same taxonomy; "" at the top
	// Code is the term's identifier in its taxonomy, such as "BD-1800"
	// in the 211 LA County taxonomy; feeds filter by it.
	Code string
	// URI identifies the term on the web (HSDS term_uri).
	URI string
	// Version is the version of the taxonomy the term was taken from.
	Version string
}

// Language is a language a service is offered in.
type Language struct {
	ID   string
	Name string
	Code string // ISO 639 code, such as "pa"
	Note string
}

// CostOption is one price for a service. A zero Amount with no other
// options means the service is free.
type CostOption struct {
	ID          string
	Option      string
	Amount      *float64
	Currency    string
	Description string
	ValidFrom   string
	ValidTo     string
}

// Phone is a telephone number.
type Phone struct {
	ID          string
	Number      string
	Extension   string
	Type        string
	Description string
}

// Contact is a named person or role to get in touch with.
type Contact struct {
	ID         string
	Name       string
	Title      string
	Department string
	Email      string
	Phones     []Phone
}

// ServiceArea is the area a service covers, in words or as an extent.
type ServiceArea struct {
	ID          string
	Name        string
	Description string
	Extent      string
	ExtentType  string
	URI         string
}

// ServiceAtLocation is a service delivered at one location, with its own
// times there.
type ServiceAtLocation struct {
	ID          string
	Description string
	Location    Location
	Schedules   []Schedule
	Phones      []Phone
	Contacts    []Contact
}

// LocationType is the HSDS location type.
type LocationType string

// The HSDS location types.
const (
	Physical LocationType = "physical"
	Postal   LocationType = "postal"
	Virtual  LocationType = "virtual"
)

// Location is a venue, a postal address or a virtual place (a website or
// video call). Venues are shared by many services.
type Location struct {
	ID             string
	Type           LocationType
	Name           string
	Description    string
	URL            string
	Transportation string
	// Point is {lon, lat} in WGS84; nil when the location has no known
	// position, as virtual locations never do.
	Point         *orb.Point
	Addresses     []Address
	Accessibility []Accessibility
	// Schedules are the venue's own opening times, where a feed gives
	// them for the location rather than for the service there.
	Schedules []Schedule
	// ExternalID is the venue's id in another register, such as its UPRN
	// (ExternalIDType "uprn").
	ExternalID     string
	ExternalIDType string
	// Confidential marks a place whose whereabouts must stay private, such
	// as a refuge: public pages, APIs and exports show only its postcode
	// district (see [Location.ForPublic]); link workers see the rest.
	Confidential bool
}

// Address is a postal or physical address.
type Address struct {
	ID            string
	Attention     string
	Address1      string
	Address2      string
	City          string
	Region        string
	StateProvince string
	PostalCode    string
	Country       string
	Type          string
}

// Accessibility describes the access a location offers, such as step-free
// entry or a hearing loop.
type Accessibility struct {
	ID          string
	Description string
	Details     string
	URL         string
}

// Address returns the location's physical address, or else its first
// address, or the zero Address.
func (l *Location) Address() Address {
	for _, a := range l.Addresses {
		if a.Type == "physical" {
			return a
		}
	}
	if len(l.Addresses) > 0 {
		return l.Addresses[0]
	}
	return Address{}
}

// OrganizationID returns the id of the organisation that runs s, or ""
// when the feed names none.
func (s *Service) OrganizationID() string {
	if s.Organization == nil {
		return ""
	}
	return s.Organization.ID
}

// Listed reports whether residents may see the service: closed-down and
// inactive services are kept for history but never shown.
func (s *Service) Listed() bool {
	return s.Status == StatusActive || s.Status == StatusTemporarilyClosed
}

// TermIDs returns the ids of the service's taxonomy terms.
func (s *Service) TermIDs() []string {
	ids := make([]string, len(s.Terms))
	for i, t := range s.Terms {
		ids[i] = t.ID
	}
	return ids
}

// IsFree reports whether the service costs nothing: it lists cost options
// and every one has a zero amount, or it lists none and its fees text
// says it is free.
func (s *Service) IsFree() bool {
	if len(s.CostOptions) == 0 {
		fees := strings.ToLower(s.Fees)
		return strings.Contains(fees, "free") && !strings.Contains(fees, "£")
	}
	for _, c := range s.CostOptions {
		if c.Amount == nil || *c.Amount > 0 {
			return false
		}
	}
	return true
}
