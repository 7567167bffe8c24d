package ids_test

import (
	"regexp"
	"testing"

	"github.com/linkway/linkway/ids"
)

var uuidShape = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)

func TestNewIsARandomUUID(t *testing.T) {
	a, b := ids.New(), ids.New()
	if !uuidShape.MatchString(a) || a[14] != '4' {
		t.Errorf("New() = %q, want a version 4 UUID", a)
	}
	if a == b {
		t.Errorf("New() gave %q twice", a)
	}
}

func TestDerivedIsStable(t *testing.T) {
	a := ids.Derived("taxonomy:Linkway kinds of support")
	if !uuidShape.MatchString(a) || a[14] != '5' {
		t.Errorf("Derived() = %q, want a version 5 UUID", a)
	}
	// Fixed for ever: exports and the API name taxonomies by it.
	if want := ids.Derived("taxonomy:Linkway kinds of support"); a != want {
		t.Errorf("Derived() = %q then %q", a, want)
	}
	if a == ids.Derived("taxonomy:Other") {
		t.Error("two names gave one id")
	}
}
