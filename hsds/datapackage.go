package hsds

import (
	"archive/zip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"

	"github.com/linkway/linkway/directory"
)

// OpenDataPackage opens an HSDS tabular data package: a folder or a .zip
// holding CSV tables, described by a datapackage.json or recognised by
// their file names alone. It reads the tables of HSDS 3.0 and of
// HSDS 1.x/2.0 (as 211 exports write them). The Source yields one record
// per row of the services table; the Closer releases the zip.
func OpenDataPackage(name string) (Source, io.Closer, error) {
	fsys, closer, err := openPackageFS(name)
	if err != nil {
		return nil, nil, err
	}
	src, err := newPackageReader(fsys)
	if err != nil {
		closer.Close()
		return nil, nil, err
	}
	return src, closeBoth{src.file, closer}, nil
}

// closeBoth closes the services table, should reading stop before its
// end, and then the package.
type closeBoth [2]io.Closer

func (c closeBoth) Close() error {
	c[0].Close() // already closed after the last row
	return c[1].Close()
}

// openPackageFS returns the files of the folder or zip at name, rooted at
// the folder that holds the tables: zips often wrap them in a folder of
// their own.
func openPackageFS(name string) (fs.FS, io.Closer, error) {
	info, err := os.Stat(name)
	if err != nil {
		return nil, nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("cannot open the data package: %v", err), Err: err}
	}
	var fsys fs.FS
	var closer io.Closer = nothingToClose{}
	switch {
	case info.IsDir():
		fsys = os.DirFS(name)
	case strings.EqualFold(filepath.Base(name), "datapackage.json"):
		fsys = os.DirFS(filepath.Dir(name))
	default:
		z, err := zip.OpenReader(name)
		if err != nil {
			return nil, nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("%s is not a folder or a .zip of HSDS tables: %v", filepath.Base(name), err), Err: err}
		}
		fsys, closer = z, z
	}
	root, err := packageRoot(fsys)
	if err != nil {
		closer.Close()
		return nil, nil, err
	}
	sub, err := fs.Sub(fsys, root)
	if err != nil {
		closer.Close()
		return nil, nil, err
	}
	return sub, closer, nil
}

// nothingToClose is the Closer of a folder.
type nothingToClose struct{}

func (nothingToClose) Close() error { return nil }

// maxRootDepth bounds the search for the tables' folder inside a zip.
const maxRootDepth = 3

// errNoPackage says what a data package must hold.
var errNoPackage = &directory.Error{Kind: directory.Invalid, Msg: "this is not an HSDS data package: expected a datapackage.json or a services.csv, in the folder or zip or in one folder inside it"}

// packageRoot finds the shallowest folder that holds datapackage.json or
// a services table.
func packageRoot(fsys fs.FS) (string, error) {
	level := []string{"."}
	for depth := 0; depth <= maxRootDepth && len(level) > 0; depth++ {
		var next []string
		for _, dir := range level {
			entries, err := fs.ReadDir(fsys, dir)
			if err != nil {
				return "", &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("cannot read the data package: %v", err), Err: err}
			}
			for _, e := range entries {
				n := strings.ToLower(e.Name())
				switch {
				case e.IsDir() && !strings.HasPrefix(n, ".") && n != "__macosx":
					next = append(next, path.Join(dir, e.Name()))
				case n == "datapackage.json", tableOf(strings.TrimSuffix(n, ".csv")) == tableServices && strings.HasSuffix(n, ".csv"):
					return dir, nil
				}
			}
		}
		level = next
	}
	return "", errNoPackage
}

// packageReader is the Source of a data package. It streams the services
// table and joins the other tables, read whole into memory beforehand,
// onto each service as it passes. After the services come the records
// that stand on their own: each taxonomy as a vocabulary, organisations
// and locations no service names, and last the issues about the package
// as a whole.
type packageReader struct {
	services *tableReader
	file     io.Closer // the services table
	sheets   map[table]*sheet
	clean    *cleaner
	doc      *Record // issues about the package as a whole (Index 0)
	index    int
	rest     []*Record // what follows the services, built after the last
	state    int       // 0 services, 1 the rest, 2 done
	// described holds the organisations and locations already mapped
	// once, whose issues were reported then (see shared).
	described map[string]bool
}

// descriptor is what the reader uses of datapackage.json.
type descriptor struct {
	Resources []struct {
		Name string          `json:"name"`
		Path json.RawMessage `json:"path"` // a path, or a list of them
	} `json:"resources"`
}

// tableFile is a file of the package and the table it holds.
type tableFile struct {
	table  table
	path   string
	listed bool // named by datapackage.json
}

func newPackageReader(fsys fs.FS) (*packageReader, error) {
	p := &packageReader{sheets: map[table]*sheet{}, clean: newCleaner(), doc: &Record{}, described: map[string]bool{}}
	files, err := p.tableFiles(fsys)
	if err != nil {
		return nil, err
	}
	var services *tableFile
	for i, f := range files {
		switch f.table {
		case tableServices:
			services = &files[i]
			continue
		case tableHolidaySchedules, tablePayments, tableMetadata, tableMetaTableDescriptions:
			n, err := countRows(fsys, f.path)
			if err != nil {
				return nil, err
			}
			if n > 0 {
				p.doc.Warn(f.path, "", fmt.Sprintf("%d %s of %s not kept: Linkway has no place for them", n, plural(n, "row", "rows"), notKeptTables[f.table]))
			}
			continue
		}
		sh, err := readSheet(fsys, f.path, f.table, p.clean)
		if err != nil {
			return nil, err
		}
		p.sheets[f.table] = sh
	}
	if services == nil {
		return nil, &directory.Error{Kind: directory.Invalid, Msg: "the data package has no services table (services.csv)"}
	}
	tr, closer, err := openTable(fsys, services.path, tableServices, p.clean)
	if err != nil {
		return nil, err
	}
	p.services, p.file = tr, closer
	return p, nil
}

// notKeptTables says what the tables Linkway has no place for hold.
var notKeptTables = map[table]string{
	tableHolidaySchedules:      "closures and special opening hours",
	tablePayments:              "payment methods",
	tableMetadata:              "change history",
	tableMetaTableDescriptions: "table descriptions",
}

func countRows(fsys fs.FS, file string) (int, error) {
	tr, f, err := openTable(fsys, file, tableMetadata, newCleaner())
	if err != nil {
		return 0, err
	}
	defer f.Close()
	n := 0
	for {
		_, err := tr.next()
		if errors.Is(err, io.EOF) {
			return n, nil
		}
		if err != nil {
			return 0, err
		}
		n++
	}
}

// maxCSVDepth is how deep below the package's root tables are looked for:
// the root and one folder (the Miami package keeps them in data/).
const maxCSVDepth = 1

// tableFiles finds the package's tables: the resources datapackage.json
// lists, then any other CSV file whose name is a table's. When two files
// hold the same table, one is read and the report says the other was
// not.
func (p *packageReader) tableFiles(fsys fs.FS) ([]tableFile, error) {
	csvs, err := findCSVs(fsys, ".", 0)
	if err != nil {
		return nil, err
	}
	byBase := map[string]string{}
	for _, c := range csvs {
		if _, dup := byBase[strings.ToLower(path.Base(c))]; !dup {
			byBase[strings.ToLower(path.Base(c))] = c
		}
	}
	var cands []tableFile
	claimed := map[string]bool{}
	var missing []string
	if d, err := fs.ReadFile(fsys, "datapackage.json"); err == nil {
		var desc descriptor
		if err := json.Unmarshal(d, &desc); err != nil {
			p.doc.Warn("datapackage.json", string(d), fmt.Sprintf("not a data package descriptor (%v); tables read by their file names", err))
		}
		for _, r := range desc.Resources {
			for _, rp := range resourcePaths(r.Path) {
				file := rp
				if _, err := fs.Stat(fsys, file); err != nil {
					file = byBase[strings.ToLower(path.Base(rp))]
				}
				if file == "" {
					missing = append(missing, rp)
					continue
				}
				t := tableOf(r.Name)
				if t == "" {
					t = tableOf(strings.TrimSuffix(path.Base(file), path.Ext(file)))
				}
				if t == "" || claimed[file] {
					continue // left to the scan below
				}
				claimed[file] = true
				cands = append(cands, tableFile{table: t, path: file, listed: true})
			}
		}
	}
	if len(missing) > 0 {
		p.doc.Warn("datapackage.json", strings.Join(missing, ", "),
			fmt.Sprintf("lists %d %s the package does not hold; read without them", len(missing), plural(len(missing), "table", "tables")))
	}
	for _, c := range csvs {
		if claimed[c] {
			continue
		}
		t := tableOf(strings.TrimSuffix(path.Base(c), path.Ext(c)))
		if t == "" {
			p.doc.Warn(c, "", "not an HSDS table; not read")
			continue
		}
		cands = append(cands, tableFile{table: t, path: c})
	}
	for i := range cands {
		if cands[i].table == tableTaxonomyTerms {
			t, err := termsOrTaxonomies(fsys, cands[i].path)
			if err != nil {
				return nil, err
			}
			cands[i].table = t
		}
	}
	// The file datapackage.json lists, or else the one named as HSDS 3.0
	// names the table, holds it; any other is reported.
	sort.SliceStable(cands, func(i, j int) bool { return rank(cands[i]) < rank(cands[j]) })
	var files []tableFile
	chosen := map[table]string{}
	for _, c := range cands {
		if first, dup := chosen[c.table]; dup {
			p.doc.Warn(c.path, "", fmt.Sprintf("holds the %s table again, which %s gives; not read", strings.ReplaceAll(string(c.table), "_", " "), first))
			continue
		}
		chosen[c.table] = c.path
		files = append(files, c)
	}
	return files, nil
}

func rank(f tableFile) int {
	switch {
	case f.listed:
		return 0
	case strings.TrimSuffix(strings.ToLower(path.Base(f.path)), ".csv") == string(f.table):
		return 1
	}
	return 2
}

// resourcePaths reads a resource's path: one path or a list of them.
func resourcePaths(raw json.RawMessage) []string {
	var one string
	if json.Unmarshal(raw, &one) == nil && one != "" {
		return []string{path.Clean(one)}
	}
	var many []string
	json.Unmarshal(raw, &many)
	for i := range many {
		many[i] = path.Clean(many[i])
	}
	return many
}

// findCSVs lists the .csv files of dir and of its folders, down to
// maxCSVDepth.
func findCSVs(fsys fs.FS, dir string, depth int) ([]string, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("cannot read the data package: %v", err), Err: err}
	}
	var out, sub []string
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, ".") || strings.EqualFold(name, "__MACOSX"):
		case e.IsDir() && depth < maxCSVDepth:
			sub = append(sub, path.Join(dir, name))
		case !e.IsDir() && strings.EqualFold(path.Ext(name), ".csv"):
			out = append(out, path.Join(dir, name))
		}
	}
	for _, d := range sub {
		more, err := findCSVs(fsys, d, depth+1)
		if err != nil {
			return nil, err
		}
		out = append(out, more...)
	}
	return out, nil
}

// termsOrTaxonomies tells what a file named taxonomy.csv holds: HSDS 1.x
// uses the name for its terms (with parent ids), the UK profile's
// examples for the 3.0 list of taxonomies (with versions).
func termsOrTaxonomies(fsys fs.FS, file string) (table, error) {
	tr, f, err := openTable(fsys, file, tableTaxonomyTerms, newCleaner())
	if err != nil {
		return "", err
	}
	defer f.Close()
	if !tr.has("parent_id") && !tr.has("taxonomy") && !tr.has("taxonomy_id") && len(tr.unkept) > 0 {
		for _, u := range tr.unkept {
			if strings.EqualFold(u.name, "version") || strings.EqualFold(u.name, "uri") {
				return tableTaxonomies, nil
			}
		}
	}
	return tableTaxonomyTerms, nil
}

// Offset returns how many bytes of the services table have been read.
func (p *packageReader) Offset() int64 { return p.services.offset() }

// Next returns the next record, or io.EOF after the last.
func (p *packageReader) Next() (*Record, error) {
	for {
		switch p.state {
		case 0:
			row, err := p.services.next()
			if errors.Is(err, io.EOF) {
				p.file.Close()
				p.rest = p.after()
				p.state = 1
				continue
			}
			if err != nil {
				return nil, err
			}
			p.index++
			return p.serviceRecord(row), nil
		case 1:
			if len(p.rest) == 0 {
				p.state = 2
				continue
			}
			rec := p.rest[0]
			p.rest = p.rest[1:]
			return rec, nil
		default:
			return nil, io.EOF
		}
	}
}
