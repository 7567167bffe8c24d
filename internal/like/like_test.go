package like

import "testing"

func TestContains(t *testing.T) {
	for in, want := range map[string]string{
		"tea":   "%tea%",
		"50%":   `%50\%%`,
		`a_b\c`: `%a\_b\\c%`,
		"":      "%%",
	} {
		if got := Contains(in); got != want {
			t.Errorf("Contains(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestWords(t *testing.T) {
	if got, want := Words("  age  50%_ "), `%age%50\%\_%`; got != want {
		t.Errorf("Words = %q; want %q", got, want)
	}
}
