package geo

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/paulmach/orb"

	"github.com/linkway/linkway/directory"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"lower no space", "ls61aa", "LS6 1AA"},
		{"mixed case extra spaces", " Ls6  1AA ", "LS6 1AA"},
		{"upper no space", "LS61AA", "LS6 1AA"},
		{"canonical", "LS6 1AA", "LS6 1AA"},
		{"space in outward", "L S61AA", "LS6 1AA"},
		{"tab and nbsp", "\tLS1\u00a01ba\n", "LS1 1BA"},
		{"A9", "M1 1AE", "M1 1AE"},
		{"A99", "m60 1nw", "M60 1NW"},
		{"AA9", "CR2 6XH", "CR2 6XH"},
		{"AA99", "dn551pt", "DN55 1PT"},
		{"A9A", "W1A 0AX", "W1A 0AX"},
		{"AA9A", "ec1a1bb", "EC1A 1BB"},
		{"outcode", "ls6", "LS6"},
		{"outcode AA9A", " sw1a ", "SW1A"},
		{"outcode split by space", "LS 6", "LS6"},
		{"outcode A9", "M1", "M1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if err != nil {
				t.Fatalf("Normalize(%q) error: %v", tt.in, err)
			}
			if got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestNormalizeInvalid(t *testing.T) {
	tests := []struct {
		name string
		in   string
		msg  string
	}{
		{"empty", "", "enter a postcode, for example LS6 1AA"},
		{"blank", "   ", "enter a postcode, for example LS6 1AA"},
		{"inward one short", "LS6 1A", `"LS6 1A" is not a complete postcode; check it, for example LS6 1AA`},
		{"inward two short", "LS6 1", `"LS6 1" is not a complete postcode; check it, for example LS6 1AA`},
		{"short no space", "ls61a", `"ls61a" is not a complete postcode; check it, for example LS6 1AA`},
		{"area only", "LS", `"LS" is not a complete postcode; check it, for example LS6 1AA`},
		{"inward too long", "LS6 1AAA", `"LS6 1AAA" does not look like a postcode; check it, for example LS6 1AA`},
		{"inward letters", "LS6 AAA", `"LS6 AAA" does not look like a postcode; check it, for example LS6 1AA`},
		{"starts with digit", "6LS 1AA", `"6LS 1AA" does not look like a postcode; check it, for example LS6 1AA`},
		{"three letters", "LSA6 1AA", `"LSA6 1AA" does not look like a postcode; check it, for example LS6 1AA`},
		{"outward too long", "LS666 1AA", `"LS666 1AA" does not look like a postcode; check it, for example LS6 1AA`},
		{"hyphen", "LS6-1AA", `"LS6-1AA" does not look like a postcode; check it, for example LS6 1AA`},
		{"digits", "12345", `"12345" does not look like a postcode; check it, for example LS6 1AA`},
		{"non-ASCII letter", "LS6 1ÄA", `"LS6 1ÄA" does not look like a postcode; check it, for example LS6 1AA`},
		{"markup", "<b>LS6</b>", `"<b>LS6</b>" does not look like a postcode; check it, for example LS6 1AA`},
		{"long text shortened", "please find me something near LS6", `"please find me somet…" does not look like a postcode; check it, for example LS6 1AA`},
		{"bad UTF-8", "LS6\xff1AA", `"LS6\xff1AA" does not look like a postcode; check it, for example LS6 1AA`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Normalize(tt.in)
			if err == nil {
				t.Fatalf("Normalize(%q) = %q, want error", tt.in, got)
			}
			mustInvalid(t, err, tt.msg)
		})
	}
}

// mustInvalid fails unless err is a *directory.Error of kind Invalid with
// message msg.
func mustInvalid(tb testing.TB, err error, msg string) {
	tb.Helper()
	var e *directory.Error
	if !errors.As(err, &e) {
		tb.Fatalf("error %v (%T) is not a *directory.Error", err, err)
	}
	if e.Kind != directory.Invalid {
		tb.Errorf("Kind = %v, want %v", e.Kind, directory.Invalid)
	}
	if e.Msg != msg {
		tb.Errorf("Msg = %q, want %q", e.Msg, msg)
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"ls61aa", " Ls6  1AA ", "LS6 1AA", "ls6", "SW1A 1AA", "LS6 1A", "LS6 1", "LS 6",
		"", "W1A0AX", "EC1A 1BB", "ZZ99 9ZZ", "ſ6 1aa", "LS6\u00a01AA", "\xff",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Normalize(s)
		if err != nil {
			var e *directory.Error
			if !errors.As(err, &e) || e.Kind != directory.Invalid || e.Msg == "" {
				t.Fatalf("Normalize(%q) error %#v is not an Invalid *directory.Error with a message", s, err)
			}
			return
		}
		if len(got) < 2 || len(got) > 8 {
			t.Errorf("Normalize(%q) = %q, length %d out of range", s, got, len(got))
		}
		again, err := Normalize(got)
		if err != nil {
			t.Fatalf("Normalize(%q) = %q, which then fails: %v", s, got, err)
		}
		if again != got {
			t.Errorf("Normalize(Normalize(%q)) = %q, want %q", s, again, got)
		}
	})
}

var (
	gazOnce sync.Once
	gaz     *Gazetteer
	gazErr  error
)

// mustLoad returns the gazetteer built from the shipped data, loaded once.
func mustLoad(tb testing.TB) *Gazetteer {
	tb.Helper()
	gazOnce.Do(func() { gaz, gazErr = LoadFS(os.DirFS("../data")) })
	if gazErr != nil {
		tb.Fatal(gazErr)
	}
	return gaz
}

func TestLoadFS(t *testing.T) {
	g := mustLoad(t)
	// 22,124 LS rows less the one with positional quality 90.
	if got, want := len(g.units), 22123; got != want {
		t.Errorf("postcodes loaded = %d, want %d", got, want)
	}
	if got, want := len(g.districts), 2864; got != want {
		t.Errorf("outcodes loaded = %d, want %d", got, want)
	}
}

func TestLookup(t *testing.T) {
	g := mustLoad(t)
	leeds := orb.Point{-1.55641, 53.79705}   // LS1 1BA
	ls6 := orb.Point{-1.57087, 53.82009}     // LS6 district centroid
	sw1a := orb.Point{-0.13225, 51.50452}    // SW1A district centroid
	cardiff := orb.Point{-3.17318, 51.47477} // CF10 district centroid
	tests := []struct {
		name string
		in   string
		want Place
	}{
		{"unit", "LS1 1BA", Place{"LS1 1BA", leeds, Unit}},
		{"lower case", "ls1 1ba", Place{"LS1 1BA", leeds, Unit}},
		{"no space", "LS11BA", Place{"LS1 1BA", leeds, Unit}},
		{"messy", "  ls1  1Ba ", Place{"LS1 1BA", leeds, Unit}},
		{"unit LS6 1AA", "LS6 1AA", Place{"LS6 1AA", orb.Point{-1.57450, 53.81786}, Unit}},
		{"Leeds postcode not in the data", "LS6 9ZZ", Place{"LS6 9ZZ", ls6, District}},
		{"outcode", "ls6", Place{"LS6", ls6, District}},
		{"outside Leeds", "SW1A 1AA", Place{"SW1A 1AA", sw1a, District}},
		{"outside Leeds no space", "sw1a1aa", Place{"SW1A 1AA", sw1a, District}},
		{"Wales", "CF10 1EP", Place{"CF10 1EP", cardiff, District}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := g.Lookup(tt.in)
			if err != nil {
				t.Fatalf("Lookup(%q) error: %v", tt.in, err)
			}
			if got.Postcode != tt.want.Postcode || got.Precision != tt.want.Precision || !near(got.Point, tt.want.Point, 1e-4) {
				t.Errorf("Lookup(%q) = %+v, want %+v", tt.in, got, tt.want)
			}
		})
	}
}

func TestLookupInvalid(t *testing.T) {
	g := mustLoad(t)
	tests := []struct {
		name string
		in   string
		msg  string
	}{
		{"unknown outcode", "ZZ99 9ZZ", `we don't know the postcode "ZZ99 9ZZ"; check it is right`},
		{"unknown outcode lower", "zz99zz", `we don't know the postcode "ZZ9 9ZZ"; check it is right`},
		{"unknown bare outcode", "LS77", `we don't know the postcode "LS77"; check it is right`},
		{"Northern Ireland", "BT1 1AA", `we don't know the postcode "BT1 1AA"; check it is right`},
		{"no coordinates in the data", "LS78 1LB", `we don't know the postcode "LS78 1LB"; check it is right`},
		{"empty", "", "enter a postcode, for example LS6 1AA"},
		{"incomplete", "LS6 1A", `"LS6 1A" is not a complete postcode; check it, for example LS6 1AA`},
		{"not a postcode", "Leeds", `"Leeds" does not look like a postcode; check it, for example LS6 1AA`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := g.Lookup(tt.in)
			if err == nil {
				t.Fatalf("Lookup(%q) = %+v, want error", tt.in, got)
			}
			mustInvalid(t, err, tt.msg)
		})
	}
}

func TestLoadRejects(t *testing.T) {
	okOutcodes := "outcode,latitude,longitude\nLS6,53.82009,-1.57087\n"
	tests := []struct {
		name      string
		postcodes string
		outcodes  string
		wantErr   string
	}{
		{"missing column", "postcode,lat,longitude\nLS6 1AA,53.8,-1.5\n", okOutcodes, `no "latitude" column`},
		{"outcode among postcodes", "postcode,latitude,longitude\nLS6,53.8,-1.5\n", okOutcodes, `line 2: bad postcode "LS6"`},
		{"postcode among outcodes", "postcode,latitude,longitude\n", "outcode,latitude,longitude\nLS6 1AA,53.8,-1.5\n", `line 2: bad outcode "LS6 1AA"`},
		{"bad latitude", "postcode,latitude,longitude\nLS6 1AA,95,-1.5\n", okOutcodes, `line 2: bad latitude "95"`},
		{"NaN longitude", "postcode,latitude,longitude\nLS6 1AA,53.8,NaN\n", okOutcodes, `line 2: bad longitude "NaN"`},
		{"duplicate", "postcode,latitude,longitude\nLS6 1AA,53.8,-1.5\nls61aa,53.8,-1.5\n", okOutcodes, "postcode LS6 1AA appears twice"},
		{"short row", "postcode,latitude,longitude\nLS6 1AA,53.8\n", okOutcodes, "wrong number of fields"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(mustGzip(t, tt.postcodes), mustGzip(t, tt.outcodes))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("Load() error = %v, want one containing %q", err, tt.wantErr)
			}
			if k := directory.KindOf(err); k != directory.Internal {
				t.Errorf("KindOf(Load() error) = %v, want %v: broken data is our fault, not the user's", k, directory.Internal)
			}
		})
	}

	t.Run("not gzip", func(t *testing.T) {
		if _, err := Load(strings.NewReader("postcode,latitude,longitude\n"), mustGzip(t, okOutcodes)); err == nil {
			t.Fatal("Load() of plain text succeeded, want error")
		}
	})
}

func TestLoadUnsorted(t *testing.T) {
	g, err := Load(
		mustGzip(t, "longitude,postcode,latitude\n-1.2,ls6 2ab,53.2\n-1.1,LS61AA,53.1\n"),
		mustGzip(t, "outcode,latitude,longitude,extra\nls6,53.8,-1.5,x\n"),
	)
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]Place{
		"LS6 1AA": {"LS6 1AA", orb.Point{-1.1, 53.1}, Unit},
		"LS6 2AB": {"LS6 2AB", orb.Point{-1.2, 53.2}, Unit},
		"LS6 3AB": {"LS6 3AB", orb.Point{-1.5, 53.8}, District},
	} {
		if got, err := g.Lookup(in); err != nil || got != want {
			t.Errorf("Lookup(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
}

func mustGzip(tb testing.TB, s string) io.Reader {
	tb.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write([]byte(s)); err != nil {
		tb.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		tb.Fatal(err)
	}
	return &buf
}

func near(a, b orb.Point, tol float64) bool {
	return math.Abs(a[0]-b[0]) <= tol && math.Abs(a[1]-b[1]) <= tol
}

func TestDistanceKm(t *testing.T) {
	leedsStation := orb.Point{-1.5475, 53.7950}
	bradford := orb.Point{-1.7532, 53.7968} // Bradford Forster Square station
	tests := []struct {
		name     string
		a, b     orb.Point
		want     float64
		tolerate float64
	}{
		{"same point", leedsStation, leedsStation, 0, 0},
		{"Leeds station to Bradford", leedsStation, bradford, 13.5, 0.5},
		{"Bradford to Leeds station", bradford, leedsStation, 13.5, 0.5},
		{"one degree of latitude", orb.Point{0, 0}, orb.Point{0, 1}, 111.195, 0.001},
		{"across the antimeridian", orb.Point{179.5, 0}, orb.Point{-179.5, 0}, 111.195, 0.001},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DistanceKm(tt.a, tt.b); math.Abs(got-tt.want) > tt.tolerate {
				t.Errorf("DistanceKm(%v, %v) = %.4f, want %.4f ± %g", tt.a, tt.b, got, tt.want, tt.tolerate)
			}
		})
	}
}

func TestPrecisionString(t *testing.T) {
	for p, want := range map[Precision]string{0: "unknown", Unit: "unit", District: "district"} {
		if got := p.String(); got != want {
			t.Errorf("Precision(%d).String() = %q, want %q", p, got, want)
		}
	}
}

func BenchmarkLookup(b *testing.B) {
	g := mustLoad(b)
	for _, in := range []string{"LS1 1BA", "ls11ba", "LS6 9ZZ", "SW1A 1AA", "ZZ99 9ZZ"} {
		b.Run(in, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				g.Lookup(in)
			}
		})
	}
}

func BenchmarkLoadFS(b *testing.B) {
	fsys := os.DirFS("../data")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := LoadFS(fsys); err != nil {
			b.Fatal(err)
		}
	}
}

func ExampleNormalize() {
	for _, s := range []string{"ls61aa", " Ls6  1AA ", "ls6", "LS6 1A"} {
		pc, err := Normalize(s)
		if err != nil {
			fmt.Println(directory.MessageOf(err))
			continue
		}
		fmt.Println(pc)
	}
	// Output:
	// LS6 1AA
	// LS6 1AA
	// LS6
	// "LS6 1A" is not a complete postcode; check it, for example LS6 1AA
}

func ExampleGazetteer_Lookup() {
	g, err := LoadFS(os.DirFS("../data"))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, pc := range []string{"ls1 1ba", "SW1A 1AA"} {
		p, err := g.Lookup(pc)
		if err != nil {
			fmt.Println(directory.MessageOf(err))
			continue
		}
		fmt.Printf("%s %.5f,%.5f %s\n", p.Postcode, p.Point.Lat(), p.Point.Lon(), p.Precision)
	}
	// Output:
	// LS1 1BA 53.79705,-1.55641 unit
	// SW1A 1AA 51.50452,-0.13225 district
}
