package hsds

import (
	"archive/zip"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
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
	return src, closer, nil
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
	case strings.EqualFold(path.Base(name), "datapackage.json"):
		fsys = os.DirFS(strings.TrimSuffix(name, path.Base(name)) + ".")
	default:
		z, err := zip.OpenReader(name)
		if err != nil {
			return nil, nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("%s is not a folder or a .zip of HSDS tables: %v", path.Base(name), err), Err: err}
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

// packageReader is the Source of a data package.
type packageReader struct {
	fsys fs.FS
}

func newPackageReader(fsys fs.FS) (*packageReader, error) {
	return &packageReader{fsys: fsys}, nil
}

// Next returns the next service record, or io.EOF after the last.
func (p *packageReader) Next() (*Record, error) {
	return nil, errors.New("hsds: data package reading is not finished yet")
}

// Offset returns how many bytes of the services table have been read.
func (p *packageReader) Offset() int64 { return 0 }
