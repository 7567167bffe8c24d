package hsds

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// v1Object is one JSON object of a v1 document as it is read. Every
// field taken is marked, so that done can report each field that holds
// a value nothing read: a v1 feed may carry any of the many LGA
// extensions, and none of them is dropped without a line in the report.
// Values of the wrong JSON kind are dropped with a warning rather than
// failing the record.
type v1Object struct {
	rec  *Record
	path string // the object's JSON path in the record, "" for the service
	m    map[string]any
	// used holds the keys read: an object has a few dozen at most, so a
	// list is cheaper than a map.
	used []string
}

func newV1Object(rec *Record, path string, m map[string]any) *v1Object {
	return &v1Object{rec: rec, path: path, m: m}
}

// field returns the JSON path of key in the record.
func (o *v1Object) field(key string) string {
	if o.path == "" {
		return key
	}
	return o.path + "." + key
}

// get returns the value of the first of keys that holds one (not null),
// and that key. Every key is marked as read: they are names for the same
// thing, such as "eligibilitys" and "eligibilities". Another of them
// holding a different value is reported, as it is not kept.
func (o *v1Object) get(keys ...string) (any, string) {
	o.used = append(o.used, keys...)
	for i, k := range keys {
		v := o.m[k]
		if v == nil {
			continue
		}
		for _, other := range keys[i+1:] {
			if ov := o.m[other]; !emptyJSON(ov) && compactJSON(ov) != compactJSON(v) {
				o.rec.Warn(o.field(other), compactJSON(ov), "not kept: "+k+" is given too")
			}
		}
		return v, k
	}
	return nil, keys[0]
}

// skip marks keys as read without using them. Each call says why.
func (o *v1Object) skip(keys ...string) { o.used = append(o.used, keys...) }

// str returns a text value, trimmed. Numbers and true/false are text as
// written; a list or object is dropped with a warning.
func (o *v1Object) str(keys ...string) string {
	v, key := o.get(keys...)
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return strings.TrimSpace(v)
	case json.Number:
		return v.String()
	case bool:
		return strconv.FormatBool(v)
	}
	o.rec.Warn(o.field(key), compactJSON(v), "dropped: "+jsonKind(v)+" where text was expected")
	return ""
}

// num returns a number, also one written as text ("53.8"); nil when
// absent or blank. Anything else is dropped with a warning.
func (o *v1Object) num(keys ...string) *float64 {
	v, key := o.get(keys...)
	var text string
	switch v := v.(type) {
	case nil:
		return nil
	case json.Number:
		text = v.String()
	case string:
		if text = strings.TrimSpace(v); text == "" {
			return nil
		}
	default:
		o.rec.Warn(o.field(key), compactJSON(v), "dropped: "+jsonKind(v)+" where a number was expected")
		return nil
	}
	f, err := strconv.ParseFloat(text, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		o.rec.Warn(o.field(key), text, "dropped: not a number")
		return nil
	}
	return &f
}

// flag returns a true/false value, also written as text ("true", "yes",
// "1"); given is false when absent. Anything else is dropped with a
// warning.
func (o *v1Object) flag(keys ...string) (value, given bool) {
	v, key := o.get(keys...)
	switch v := v.(type) {
	case nil:
		return false, false
	case bool:
		return v, true
	case string, json.Number:
		switch strings.ToLower(strings.TrimSpace(fmt.Sprint(v))) {
		case "true", "yes", "y", "1":
			return true, true
		case "false", "no", "n", "0":
			return false, true
		case "":
			return false, false
		}
	}
	o.rec.Warn(o.field(key), compactJSON(v), "dropped: not true or false")
	return false, false
}

// child returns the object held by the first of keys, or nil. Anything
// but an object is dropped with a warning.
func (o *v1Object) child(keys ...string) *v1Object {
	v, key := o.get(keys...)
	switch v := v.(type) {
	case nil:
		return nil
	case map[string]any:
		return newV1Object(o.rec, o.field(key), v)
	case []any:
		if len(v) == 0 {
			return nil
		}
		// A list of one where the schema has an object.
		if m, ok := v[0].(map[string]any); ok && len(v) == 1 {
			return newV1Object(o.rec, o.field(key)+"[0]", m)
		}
	}
	o.rec.Warn(o.field(key), compactJSON(v), "dropped: "+jsonKind(v)+" where an object was expected")
	return nil
}

// list returns the objects in the list held by the first of keys. One
// object where a list was expected is read as a list of one; an item
// that is not an object is dropped with a warning.
func (o *v1Object) list(keys ...string) []*v1Object {
	v, key := o.get(keys...)
	var items []any
	switch v := v.(type) {
	case nil:
		return nil
	case []any:
		items = v
	case map[string]any:
		return []*v1Object{newV1Object(o.rec, o.field(key), v)}
	default:
		o.rec.Warn(o.field(key), compactJSON(v), "dropped: "+jsonKind(v)+" where a list was expected")
		return nil
	}
	out := make([]*v1Object, 0, len(items))
	for i, it := range items {
		path := fmt.Sprintf("%s[%d]", o.field(key), i)
		switch it := it.(type) {
		case nil:
		case map[string]any:
			out = append(out, newV1Object(o.rec, path, it))
		default:
			o.rec.Warn(path, compactJSON(it), "dropped: "+jsonKind(it)+" where an object was expected")
		}
	}
	return out
}

// done reports every field that holds a value and was not read.
func (o *v1Object) done() {
	var keys []string
	for k, v := range o.m {
		if !emptyJSON(v) && !slices.Contains(o.used, k) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys) // the report reads the same on every run
	for _, k := range keys {
		o.rec.Warn(o.field(k), compactJSON(o.m[k]), "not kept: Linkway has no place for this field")
	}
}

// emptyJSON reports whether v holds nothing: null, blank text, or an
// empty list or object. Dropping one loses nothing.
func emptyJSON(v any) bool {
	switch v := v.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(v) == ""
	case []any:
		for _, it := range v {
			if !emptyJSON(it) {
				return false
			}
		}
		return true
	case map[string]any:
		for _, it := range v {
			if !emptyJSON(it) {
				return false
			}
		}
		return true
	}
	return false
}

// compactJSON writes v for a report line: text as it is, anything else
// as JSON (the report clips it).
func compactJSON(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	return string(b)
}
