package casework

import (
	"testing"

	"github.com/linkway/linkway/directory"
)

func TestNormalizeNHSNumber(t *testing.T) {
	tests := []struct {
		name, in, want string
		wantErr        string // substring of the message; empty for success
	}{
		{"plain", "9434765919", "9434765919", ""},
		{"spaces", "943 476 5919", "9434765919", ""},
		{"hyphens", "943-476-5919", "9434765919", ""},
		{"padded", "  4010232137 ", "4010232137", ""},
		{"check digit 0 from 11", "1000000060", "1000000060", ""},
		{"other valid", "9990001111", "9990001111", ""},
		{"wrong check digit", "9434765918", "", msgNHSCheck},
		{"swapped digits", "9434765991", "", msgNHSCheck},
		{"check would be 10", "1000000010", "", msgNHSCheck},
		{"nine digits", "943476591", "", msgNHSLength},
		{"eleven digits", "94347659190", "", msgNHSLength},
		{"letters", "94347659l9", "", msgNHSLength},
		{"dots", "943.476.5919", "", msgNHSLength},
		{"empty", "", "", msgNHSLength},
		{"fullwidth digits", "９４３４７６５９１９", "", msgNHSLength},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := NormalizeNHSNumber(tt.in)
			if tt.wantErr == "" {
				if err != nil || got != tt.want {
					t.Fatalf("NormalizeNHSNumber(%q) = %q, %v; want %q, nil", tt.in, got, err, tt.want)
				}
				return
			}
			if err == nil {
				t.Fatalf("NormalizeNHSNumber(%q) = %q, nil; want error %q", tt.in, got, tt.wantErr)
			}
			if k := directory.KindOf(err); k != directory.Invalid {
				t.Errorf("kind = %v, want invalid", k)
			}
			if msg := directory.MessageOf(err); msg != "nhs_number: "+tt.wantErr {
				t.Errorf("message = %q, want %q", msg, "nhs_number: "+tt.wantErr)
			}
		})
	}
}

// TestNHSCheckDigitEveryPrefix checks the rule against a direct reading
// of the specification for many prefixes: exactly one final digit is
// valid unless the check would be 10, when none is.
func TestNHSCheckDigitEveryPrefix(t *testing.T) {
	for _, prefix := range []string{"943476591", "401023213", "000000000", "999999999", "123456789", "100000001", "100000006"} {
		sum := 0
		for i, w := 0, 10; i < 9; i, w = i+1, w-1 {
			sum += int(prefix[i]-'0') * w
		}
		want := (11 - sum%11) % 11 // 11 reads as 0; 10 stays 10 and so matches no digit
		for d := byte('0'); d <= '9'; d++ {
			n := prefix + string(d)
			_, err := NormalizeNHSNumber(n)
			if ok := int(d-'0') == want; ok != (err == nil) {
				t.Errorf("NormalizeNHSNumber(%q) error = %v, want valid = %v", n, err, ok)
			}
		}
	}
}

func TestFormatNHSNumber(t *testing.T) {
	for in, want := range map[string]string{
		"9434765919": "943 476 5919",
		"":           "",
		"12345":      "12345",
		"94347659x9": "94347659x9",
	} {
		if got := FormatNHSNumber(in); got != want {
			t.Errorf("FormatNHSNumber(%q) = %q, want %q", in, got, want)
		}
	}
}
