package directory

// KindSource says how a service came to have one of Linkway's kinds of
// support. A directory arrives with its own taxonomy (or none); every
// service still needs Linkway's kinds for search by kind, browse, facets
// and matching, and a person reading a listing should see where each kind
// came from.
type KindSource string

const (
	// KindTagged: the feed tagged the service with Linkway's own taxonomy.
	KindTagged KindSource = "tagged"
	// KindCrosswalk: mapped from a term of an open vocabulary the feed
	// uses (such as Open Eligibility), through a crosswalk in data/.
	KindCrosswalk KindSource = "crosswalk"
	// KindInferred: read from the service's name, description and the
	// names of its own taxonomy terms by the classifier.
	KindInferred KindSource = "inferred"
	// KindModerated: set by an admin. A service with any moderated kind
	// keeps exactly its moderated kinds until an admin changes them.
	KindModerated KindSource = "moderated"
)

// ServiceKind is one of Linkway's kinds of support given to a service,
// with its provenance.
type ServiceKind struct {
	ID         string     `json:"id"` // a term id of Linkway's taxonomy (data/taxonomy.json)
	Source     KindSource `json:"source"`
	Confidence float64    `json:"confidence"`    // 0 to 1; 1 for tagged and moderated kinds
	Why        []string   `json:"why,omitempty"` // the words or terms that led to it, most telling first
}

// KindIDs returns the ids of the service's kinds of support, primary
// first.
func (s *Service) KindIDs() []string {
	ids := make([]string, len(s.Kinds))
	for i, k := range s.Kinds {
		ids[i] = k.ID
	}
	return ids
}

// Moderated reports whether an admin has set the service's kinds, in
// which case no feed or classifier changes them.
func (s *Service) Moderated() bool {
	for _, k := range s.Kinds {
		if k.Source == KindModerated {
			return true
		}
	}
	return false
}

// Classifier gives a service Linkway's kinds of support, whatever
// taxonomy its feed uses (package kinds provides one). Version names the
// model: when it changes, a store's Reclassify gives every service its
// kinds again. Both stores take one, so it is declared here.
type Classifier interface {
	Assign(s *Service) []ServiceKind
	Version() string
}
