package hsds

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"regexp"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/linkway/linkway/directory"
)

// columns maps the fields Linkway reads from a table onto the columns of
// one file's header.
type columns struct {
	file  string           // the file's path in the package, for messages
	label string           // the table as the report names it: the file name without ".csv"
	index map[string][]int // field → column positions, the standard's own name first
	// unkept are the columns Linkway has no place for; the report says
	// how many values each held.
	unkept map[int]*unkeptColumn
	width  int
}

type unkeptColumn struct {
	name    string
	values  int
	example string
}

// get returns field's value in row, trimmed: the first non-blank of the
// columns that hold it.
func (c *columns) get(row []string, field string) string {
	for _, i := range c.index[field] {
		if v := strings.TrimSpace(row[i]); v != "" {
			return v
		}
	}
	return ""
}

// has reports whether the file has a column for field.
func (c *columns) has(field string) bool { return len(c.index[field]) > 0 }

// field names field of the table in an issue: "regular_schedules.opens_at".
func (c *columns) field(field string) string { return c.label + "." + field }

// newColumns reads a header row against the fields of t.
func newColumns(file string, t table, header []string) *columns {
	c := &columns{
		file:   file,
		label:  strings.TrimSuffix(fileBase(file), ".csv"),
		index:  map[string][]int{},
		unkept: map[int]*unkeptColumn{},
		width:  len(header),
	}
	fields := tableFields[t]
	// The standard's own name first, then its aliases, whatever their
	// order in the file.
	type hit struct{ pos, rank int }
	hits := map[string][]hit{}
	for i, h := range header {
		name := strings.ToLower(strings.TrimSpace(h))
		f, ok := fields[name]
		switch {
		case !ok:
			c.unkept[i] = &unkeptColumn{name: strings.TrimSpace(h)}
		case f.field != "":
			hits[f.field] = append(hits[f.field], hit{i, f.rank})
		}
	}
	for f, hs := range hits {
		for rank := 0; rank < 8; rank++ {
			for _, h := range hs {
				if h.rank == rank {
					c.index[f] = append(c.index[f], h.pos)
				}
			}
		}
	}
	if t == tableTaxonomyTerms && !c.has("id") && c.has("taxonomy_id") {
		// Ohana's taxonomy.csv calls its own id taxonomy_id.
		c.index["id"] = c.index["taxonomy_id"]
		delete(c.index, "taxonomy_id")
	}
	return c
}

// noteUnkept counts the values of row in columns Linkway does not keep.
func (c *columns) noteUnkept(row []string) {
	for i, u := range c.unkept {
		if v := strings.TrimSpace(row[i]); v != "" {
			if u.values == 0 {
				u.example = v
			}
			u.values++
		}
	}
}

func fileBase(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		return name[i+1:]
	}
	return name
}

// tableReader reads one CSV file row by row. Every cell is cleaned of
// export artefacts as it is read (see cleaner).
type tableReader struct {
	*columns
	r     *csv.Reader
	skip  int64 // bytes of a byte-order mark
	clean *cleaner
	line  int // line of the last row read
}

// openTable opens file, reads its header and returns a reader of its
// rows. An empty file has no rows.
func openTable(fsys fs.FS, file string, t table, clean *cleaner) (*tableReader, io.Closer, error) {
	f, err := fsys.Open(file)
	if err != nil {
		return nil, nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("cannot open %s: %v", file, err), Err: err}
	}
	br := bufio.NewReaderSize(f, 64<<10)
	var skip int64
	if b, err := br.Peek(len(utf8BOM)); err == nil && bytes.Equal(b, utf8BOM) {
		br.Discard(len(utf8BOM))
		skip = int64(len(utf8BOM))
	}
	r := csv.NewReader(br)
	// Each row's values are a new string; only the slice holding them is
	// reused, and nothing keeps the slice.
	r.ReuseRecord = true
	tr := &tableReader{r: r, skip: skip, clean: clean}
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		header = nil
	} else if err != nil {
		f.Close()
		return nil, nil, csvError(file, err)
	}
	tr.columns = newColumns(file, t, header)
	return tr, f, nil
}

// next returns the next row, or io.EOF.
func (tr *tableReader) next() ([]string, error) {
	if tr.width == 0 {
		return nil, io.EOF
	}
	row, err := tr.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, csvError(tr.file, err)
	}
	tr.line, _ = tr.r.FieldPos(0)
	for i, v := range row {
		if tr.unkept[i] == nil && needsCleaning(v) {
			row[i] = tr.clean.clean(tr.label, i, tr.columnName(i), v)
		}
	}
	tr.noteUnkept(row)
	return row, nil
}

func (tr *tableReader) columnName(i int) string {
	if u := tr.unkept[i]; u != nil {
		return u.name
	}
	for f, is := range tr.index {
		for _, j := range is {
			if j == i {
				return f
			}
		}
	}
	return fmt.Sprint(i + 1)
}

// offset is how many bytes of the file have been read.
func (tr *tableReader) offset() int64 { return tr.skip + tr.r.InputOffset() }

// csvError describes broken CSV by file and line: it is fatal for the
// package, since the rows after it cannot be trusted.
func csvError(file string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("cannot read %s: %v", file, err), Err: err}
	}
	var msg string
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		msg = "the row has a different number of columns from the header"
	case errors.Is(pe.Err, csv.ErrBareQuote):
		msg = fmt.Sprintf("a quote (\") inside a value that is not quoted, column %d: quote the value and double the quote", pe.Column)
	case errors.Is(pe.Err, csv.ErrQuote):
		msg = fmt.Sprintf("a quoted value is not closed properly, column %d (starting on line %d)", pe.Column, pe.StartLine)
	default:
		msg = pe.Err.Error()
	}
	return &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("broken CSV in %s, line %d: %s", file, pe.Line, msg), Err: err}
}

// sheet is a table read whole into memory, for the tables joined to the
// services as they stream past. To keep a large package small it holds
// only the fields Linkway reads, as one string of every row's values one
// after another, and finds rows by a field's value through the row
// numbers sorted by that value, built on first use. A row is its number.
type sheet struct {
	*columns
	fields []string       // the fields held, in their order within a row
	slot   map[string]int // field → its place in fields
	text   string         // the values, row after row
	ends   []uint32       // where each value ends in text, row after row
	n      int            // rows
	used   []bool         // rows that went into a record
	lookup map[string][]int32
}

// readSheet reads all of file.
func readSheet(fsys fs.FS, file string, t table, clean *cleaner) (*sheet, error) {
	tr, f, err := openTable(fsys, file, t, clean)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sh := &sheet{columns: tr.columns, slot: map[string]int{}, lookup: map[string][]int32{}}
	for field := range tr.index {
		sh.fields = append(sh.fields, field)
	}
	sort.Strings(sh.fields)
	for i, field := range sh.fields {
		sh.slot[field] = i
	}
	var text strings.Builder
	for {
		row, err := tr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		for _, field := range sh.fields {
			text.WriteString(tr.columns.get(row, field))
			if text.Len() > math.MaxUint32 {
				return nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("%s is too large: more than 4 GB of text", file)}
			}
			sh.ends = append(sh.ends, uint32(text.Len()))
		}
		sh.n++
	}
	sh.text = text.String()
	if text.Cap() > len(sh.text)+len(sh.text)/4 {
		// The builder grew by doubling: keep the text, not the room.
		sh.text = strings.Clone(sh.text)
	}
	sh.used = make([]bool, sh.n)
	return sh, nil
}

// get returns field's value in row r, or "" when the table has no such
// field.
func (sh *sheet) get(r int32, field string) string {
	k, ok := sh.slot[field]
	if !ok {
		return ""
	}
	i := int(r)*len(sh.fields) + k
	start := uint32(0)
	if i > 0 {
		start = sh.ends[i-1]
	}
	return sh.text[start:sh.ends[i]]
}

// find returns the rows whose field is value, in file order.
func (sh *sheet) find(field, value string) []int32 {
	if sh == nil || value == "" {
		return nil
	}
	rows, ok := sh.lookup[field]
	if !ok {
		rows = make([]int32, 0, sh.n)
		for r := range int32(sh.n) {
			if sh.get(r, field) != "" {
				rows = append(rows, r)
			}
		}
		slices.SortStableFunc(rows, func(a, b int32) int { return strings.Compare(sh.get(a, field), sh.get(b, field)) })
		sh.lookup[field] = rows
	}
	from, _ := slices.BinarySearchFunc(rows, value, func(r int32, v string) int { return strings.Compare(sh.get(r, field), v) })
	to := from
	for to < len(rows) && sh.get(rows[to], field) == value {
		to++
	}
	return rows[from:to:to]
}

// first returns the first row whose field is value, and marks it used.
func (sh *sheet) first(field, value string) (int32, bool) {
	rows := sh.find(field, value)
	if len(rows) == 0 {
		return 0, false
	}
	sh.used[rows[0]] = true
	return rows[0], true
}

// literalEscapes turns the escapes some exports write out as text (a
// backslash and a letter) into what they stand for. Built once: a cell
// with a backslash in it may be in every row.
var literalEscapes = strings.NewReplacer(`\r\n`, "\n", `\n`, "\n", `\r`, "", `\t`, " ")

// cleaner removes the artefacts that directory exports leave in text and
// counts what it did, so that the report says so once per column rather
// than once per record.
type cleaner struct {
	counts map[cleanKey]*cleanCount
	order  []cleanKey
}

type cleanKey struct {
	label  string
	column int
	kind   string
}

type cleanCount struct {
	name    string
	n       int
	example string
}

func newCleaner() *cleaner { return &cleaner{counts: map[cleanKey]*cleanCount{}} }

// exportMarker is a region code that the Miami 211 export appends to its
// texts, such as "###MON###", sometimes cut short ("###MON##",
// "MON###") or with a fourth #.
var exportMarker = regexp.MustCompile(`#{2,4}[A-Z]{2,6}#{0,4}|\b[A-Z]{2,6}#{2,4}`)

// The kinds of cleaning, as the report says them.
const (
	cleanMarkers  = "export markers such as ###MON### removed"
	cleanEscapes  = `literal \n written as line breaks`
	cleanMojibake = "punctuation garbled by the export (such as GÇÖ for ’) repaired"
	cleanEncoding = "text that was not UTF-8 read as Windows-1252"
)

func needsCleaning(v string) bool {
	return strings.Contains(v, `\`) || strings.Contains(v, "##") || strings.Contains(v, "GÇ") || !utf8.ValidString(v)
}

// clean returns v without export artefacts.
func (c *cleaner) clean(label string, column int, name, v string) string {
	note := func(kind, example string) {
		k := cleanKey{label, column, kind}
		cc := c.counts[k]
		if cc == nil {
			cc = &cleanCount{name: name, example: example}
			c.counts[k] = cc
			c.order = append(c.order, k)
		}
		cc.n++
	}
	if !utf8.ValidString(v) {
		w := fromWindows1252(v)
		note(cleanEncoding, around(w, strings.IndexFunc(w, func(r rune) bool { return r >= 0x80 })))
		v = w
	}
	if i := strings.Index(v, `\`); i >= 0 {
		w := literalEscapes.Replace(v)
		if w != v {
			note(cleanEscapes, around(v, i))
			v = strings.TrimSpace(collapseBlankLines(w))
		}
	}
	if strings.Contains(v, "##") {
		if m := exportMarker.FindString(v); m != "" {
			note(cleanMarkers, m)
			v = exportMarker.ReplaceAllString(v, "")
			v = strings.TrimSpace(collapseBlankLines(v))
		}
	}
	if i := strings.Index(v, "GÇ"); i >= 0 {
		if w := repairMojibake(v); w != v {
			note(cleanMojibake, around(v, i))
			v = w
		}
	}
	return v
}

// collapseBlankLines leaves at most one empty line between paragraphs:
// the exports write three or four line breaks, and removing a marker can
// leave lines of spaces.
func collapseBlankLines(v string) string {
	lines := strings.Split(v, "\n")
	out := lines[:0]
	blank := false
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			if !blank {
				out = append(out, "")
			}
			blank = true
			continue
		}
		blank = false
		out = append(out, l)
	}
	return strings.Join(out, "\n")
}

// around returns a few words either side of byte i of v, enough to find
// the place in the file.
func around(v string, i int) string {
	const n = 30
	if i < 0 {
		i = 0
	}
	from, to := max(i-n, 0), min(i+n, len(v))
	for from > 0 && !utf8.RuneStart(v[from]) {
		from--
	}
	for to < len(v) && !utf8.RuneStart(v[to]) {
		to++
	}
	out := v[from:to]
	if from > 0 {
		out = "…" + out
	}
	if to < len(v) {
		out += "…"
	}
	return out
}

// issues returns one warning per column and kind of cleaning.
func (c *cleaner) issues() []Issue {
	var out []Issue
	for _, k := range c.order {
		cc := c.counts[k]
		out = append(out, Issue{Level: Warning, Field: k.label + "." + cc.name, Value: clip(cc.example),
			Action: fmt.Sprintf("%s (%d %s)", k.kind, cc.n, plural(cc.n, "value", "values"))})
	}
	return out
}

// cp437High is code page 437 from 0x80 to 0xBF. Text written as UTF-8 and
// read back as code page 437 turns the three bytes of "’" (E2 80 99)
// into "ΓÇÖ", which some exports then flatten to "GÇÖ".
const cp437High = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐"

// repairMojibake turns "GÇÖ" and "ΓÇÖ" back into the punctuation
// (U+2000–U+203F) they stand for.
func repairMojibake(v string) string {
	var b strings.Builder
	for {
		i := strings.Index(v, "Ç")
		if i < 0 {
			b.WriteString(v)
			return b.String()
		}
		lead := ""
		switch {
		case strings.HasSuffix(v[:i], "G"):
			lead = "G"
		case strings.HasSuffix(v[:i], "Γ"):
			lead = "Γ"
		}
		rest := v[i+len("Ç"):]
		r, size := utf8.DecodeRuneInString(rest)
		pos := strings.IndexRune(cp437High, r)
		if lead == "" || pos < 0 || size == 0 {
			b.WriteString(v[:i+len("Ç")])
			v = rest
			continue
		}
		b.WriteString(v[:i-len(lead)])
		b.WriteRune(rune(0x2000 + utf8.RuneCountInString(cp437High[:pos])))
		v = rest[size:]
	}
}

// windows1252 holds the characters Windows-1252 puts at 0x80–0x9F, where
// ISO 8859-1 has control codes; 0 where it has none.
var windows1252 = [32]rune{
	'€', 0, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0, 'Ž', 0,
	0, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0, 'ž', 'Ÿ',
}

// fromWindows1252 reads v as Windows-1252 (what spreadsheet programs
// write as "CSV" on Windows), keeping any valid UTF-8 sequences as they
// are.
func fromWindows1252(v string) string {
	var b strings.Builder
	for len(v) > 0 {
		r, size := utf8.DecodeRuneInString(v)
		if r != utf8.RuneError || size > 1 {
			b.WriteString(v[:size])
			v = v[size:]
			continue
		}
		c := v[0]
		switch {
		case c >= 0x80 && c < 0xA0 && windows1252[c-0x80] != 0:
			b.WriteRune(windows1252[c-0x80])
		case c >= 0x80 && c < 0xA0:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(rune(c))
		}
		v = v[1:]
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
