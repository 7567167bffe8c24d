package storedoc

import (
	"slices"

	"github.com/linkway/linkway/directory"
)

// ModeratedOnly returns the kinds an admin set.
func ModeratedOnly(kinds []directory.ServiceKind) []directory.ServiceKind {
	var out []directory.ServiceKind
	for _, k := range kinds {
		if k.Source == directory.KindModerated {
			out = append(out, k)
		}
	}
	return out
}

// WithKinds returns s with the kinds it is to be stored with: the kinds
// an admin set, when s carries them (or, with keepModerated, when the
// stored service has them: storedModerated), and otherwise those c
// assigns. With no classifier, s keeps the kinds it came with. s itself
// is not changed.
func WithKinds(s *directory.Service, storedModerated []directory.ServiceKind, keepModerated bool, c directory.Classifier) *directory.Service {
	var kinds []directory.ServiceKind
	switch {
	case s.Moderated():
		kinds = ModeratedOnly(s.Kinds)
	case keepModerated && len(storedModerated) > 0:
		kinds = storedModerated
	case c != nil:
		kinds = c.Assign(s)
	default:
		kinds = s.Kinds
	}
	if len(kinds) == 0 {
		kinds = nil // as a stored service reads back, so its hash matches
	}
	out := *s
	out.Kinds = kinds
	return &out
}

// SameKinds reports whether a and b are the same kinds with the same
// provenance, in the same order.
func SameKinds(a, b []directory.ServiceKind) bool {
	return slices.EqualFunc(a, b, func(a, b directory.ServiceKind) bool {
		return a.ID == b.ID && a.Source == b.Source && a.Confidence == b.Confidence && slices.Equal(a.Why, b.Why)
	})
}
