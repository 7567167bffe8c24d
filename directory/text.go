package directory

import "strings"

// FirstNonBlank returns the first of xs that is not empty or only white
// space, as it is, or "" when there is none: a listing's name for a
// language, else its code. Unlike cmp.Or, a value of spaces from a feed
// does not count.
func FirstNonBlank(xs ...string) string {
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			return x
		}
	}
	return ""
}

// NonBlank returns those of xs that are not empty or only white space,
// in order.
func NonBlank(xs ...string) []string {
	var out []string
	for _, x := range xs {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}
