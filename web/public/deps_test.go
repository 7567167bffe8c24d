package public_test

import (
	"reflect"
	"testing"

	"github.com/linkway/linkway/web/public"
)

const caseworkPkg = "github.com/linkway/linkway/casework"

// accountTypes are the casework types that say who is asking (the core
// offers them to every audience); every other casework type is part of
// a person's record or a referral.
var accountTypes = map[string]bool{"User": true, "Role": true, "AuditEntry": true, "Who": true}

// TestPublicCannotReachCasework: by type, not by convention, the
// residents' pages cannot reach people or referrals. No dependency they
// are built from (nor what its methods return) has a method that takes
// or gives a casework record, so no handler here could read or change
// one whatever it did. (The dependency test in cmd/linkway checks that
// the package does not import casework either.)
func TestPublicCannotReachCasework(t *testing.T) {
	for _, deps := range []any{public.Deps{}, public.FinderDeps{}} {
		dt := reflect.TypeOf(deps)
		for i := range dt.NumField() {
			f := dt.Field(i)
			if path := caseworkMethod(f.Type, map[reflect.Type]bool{}); path != "" {
				t.Errorf("%s.%s (%s) reaches casework records: %s", dt.Name(), f.Name, f.Type, path)
			}
		}
	}
}

// caseworkMethod returns the first method of t, or of what t's methods
// return, whose signature holds a casework record type, or "".
func caseworkMethod(t reflect.Type, seen map[reflect.Type]bool) string {
	if seen[t] {
		return ""
	}
	seen[t] = true
	first := 1 // a concrete type's method has its receiver first
	if t.Kind() == reflect.Interface {
		first = 0
	}
	for i := range t.NumMethod() {
		m := t.Method(i)
		for j := first; j < m.Type.NumIn(); j++ {
			if record(m.Type.In(j)) {
				return m.Name + " takes " + m.Type.In(j).String()
			}
		}
		for j := range m.Type.NumOut() {
			out := m.Type.Out(j)
			if record(out) {
				return m.Name + " gives " + out.String()
			}
			if path := caseworkMethod(out, seen); path != "" {
				return m.Name + " gives " + out.String() + ", whose " + path
			}
		}
	}
	return ""
}

// record reports whether t is, or is made of, a casework type other than
// the account types.
func record(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Array, reflect.Chan:
		return record(t.Elem())
	case reflect.Map:
		return record(t.Key()) || record(t.Elem())
	case reflect.Func:
		for i := range t.NumIn() {
			if record(t.In(i)) {
				return true
			}
		}
		for i := range t.NumOut() {
			if record(t.Out(i)) {
				return true
			}
		}
	}
	return t.PkgPath() == caseworkPkg && !accountTypes[t.Name()]
}
