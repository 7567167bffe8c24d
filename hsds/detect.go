package hsds

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/linkway/linkway/directory"
)

// Format is the format of a feed document, as the import command's
// --format names it.
type Format string

// The formats read. FormatAuto tells them apart.
const (
	FormatAuto        Format = ""
	FormatHSDS3       Format = "hsds3"       // HSDS 3.0 JSON, and the UK profile's
	FormatORUK1       Format = "oruk1"       // ORUK v1 / HSDS 1.x–2.0 JSON
	FormatDataPackage Format = "datapackage" // CSV tables in a folder or .zip
)

// ParseFormat reads a --format value; "" and "auto" are FormatAuto.
func ParseFormat(s string) (Format, error) {
	switch f := Format(strings.ToLower(strings.TrimSpace(s))); f {
	case FormatAuto, FormatHSDS3, FormatORUK1, FormatDataPackage:
		return f, nil
	case "auto":
		return FormatAuto, nil
	}
	return "", directory.Errorf(directory.Invalid, "unknown format %s: use hsds3, oruk1 or datapackage", directory.Quote(s))
}

// Open opens the feed document at path: a JSON file (HSDS 3.0 or ORUK v1)
// or a data package (a folder, a .zip, or its datapackage.json), told
// apart by what it is and holds unless format says. The Closer releases
// the file.
func Open(path string, format Format) (Source, io.Closer, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("cannot open %s: %v", path, unwrapPath(err)), Err: err}
	}
	name := strings.ToLower(filepath.Base(path))
	if info.IsDir() || format == FormatDataPackage || name == "datapackage.json" {
		if format != FormatAuto && format != FormatDataPackage {
			return nil, nil, directory.Errorf(directory.Invalid, "%s is a folder, which holds a data package of CSV tables, not %s JSON", path, format)
		}
		return OpenDataPackage(path)
	}
	if strings.HasSuffix(name, ".csv") {
		return nil, nil, directory.Errorf(directory.Invalid, "%s is one CSV table: import the folder (or .zip) of tables it belongs to, as a data package", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("cannot open %s: %v", path, unwrapPath(err)), Err: err}
	}
	br := bufio.NewReaderSize(f, sniffSize)
	if head, _ := br.Peek(4); bytes.Equal(head, []byte("PK\x03\x04")) {
		f.Close()
		return OpenDataPackage(path)
	}
	src, err := NewSource(br, format, path)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	return src, f, nil
}

// unwrapPath drops the path an *os.PathError repeats.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// sniffSize is how much of a JSON document is read ahead to tell its
// format: enough for the first service of most feeds.
const sniffSize = 64 << 10

// NewSource returns a Source of the JSON document read from r: HSDS 3.0
// or ORUK v1, told apart by its members unless format says. name, the
// document's file name or URL path (or ""), tells what an HSDS 3.0
// document holds when its objects do not say.
func NewSource(r io.Reader, format Format, name string) (Source, error) {
	br, ok := r.(*bufio.Reader)
	if !ok || br.Size() < sniffSize {
		br = bufio.NewReaderSize(r, sniffSize)
	}
	if format == FormatAuto {
		head, _ := br.Peek(sniffSize)
		format = FormatHSDS3
		if isV1(head) {
			format = FormatORUK1
		}
	}
	switch format {
	case FormatHSDS3:
		return newReader(br, kindOfName(name)), nil
	case FormatORUK1:
		return NewV1Reader(br), nil
	}
	return nil, directory.Errorf(directory.Invalid, "a data package is a folder or .zip of CSV tables, not one JSON document")
}

// v1Members are members that only ORUK v1 / HSDS 1.x–2.0 documents have:
// the v1 API's page and the plural-with-s names of v1 objects.
var v1Members = map[string]bool{
	"content": true, "totalElements": true, "totalPages": true,
	"regular_schedules": true, "holiday_schedules": true, "physical_addresses": true, "postal_addresses": true,
	"service_taxonomys": true, "eligibilitys": true, "accessibility_for_disabilities": true, "fundings": true,
	"reviews": true, "service_id_link": true,
}

// v3Members are members that only HSDS 3.0 documents have.
var v3Members = map[string]bool{
	"contents": true, "total_items": true, "schedules": true, "addresses": true, "attributes": true,
	"organization_identifiers": true, "taxonomy_terms": true, "taxonomy_detail": true,
}

// isV1 tells from the start of a JSON document whether it is ORUK v1:
// the first member name that only one of the two formats has decides.
func isV1(head []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(head, utf8BOM)))
	// The containers open at the decoder's position; in an object, whether
	// a member name comes next.
	type frame struct{ object, wantName bool }
	var stack []frame
	valueDone := func() {
		if n := len(stack); n > 0 && stack[n-1].object {
			stack[n-1].wantName = true
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return false // the end of what was read ahead, or not JSON
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				stack = append(stack, frame{object: t == '{', wantName: t == '{'})
				continue
			}
			stack = stack[:len(stack)-1]
			valueDone()
			continue
		case string:
			if n := len(stack); n > 0 && stack[n-1].wantName {
				switch {
				case v1Members[t]:
					return true
				case v3Members[t]:
					return false
				}
				stack[n-1].wantName = false
				continue
			}
		}
		valueDone()
	}
}

// OpenURL fetches the feed document at rawURL over HTTP(S) and returns a
// Source of it, as Open does for a file: a JSON document is read as it
// arrives; a .zip data package is saved to a temporary file first, which
// the Closer removes. size is the document's length when the server
// says, else -1.
func OpenURL(ctx context.Context, client *http.Client, rawURL string, format Format) (src Source, c io.Closer, size int64, err error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, nil, 0, directory.Errorf(directory.Invalid, "%s is not an http or https address", directory.Quote(rawURL))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, nil, 0, err
	}
	req.Header.Set("Accept", "application/json, application/zip;q=0.9, */*;q=0.1")
	req.Header.Set("User-Agent", "Linkway (Open Referral import)")
	resp, err := client.Do(req)
	if err != nil {
		return nil, nil, 0, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("cannot fetch %s: %v", u.Redacted(), err), Err: err}
	}
	if resp.StatusCode != http.StatusOK {
		resp.Body.Close()
		return nil, nil, 0, directory.Errorf(directory.Invalid, "fetching %s: the server answered %s", u.Redacted(), resp.Status)
	}
	media, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if format == FormatDataPackage || media == "application/zip" || strings.HasSuffix(strings.ToLower(u.Path), ".zip") {
		defer resp.Body.Close()
		return openZipBody(resp.Body)
	}
	src, err = NewSource(resp.Body, format, u.Path)
	if err != nil {
		resp.Body.Close()
		return nil, nil, 0, err
	}
	return src, resp.Body, resp.ContentLength, nil
}

// openZipBody saves a zipped data package to a temporary file, which a
// zip reader needs, and opens it.
func openZipBody(body io.Reader) (Source, io.Closer, int64, error) {
	tmp, err := os.CreateTemp("", "linkway-feed-*.zip")
	if err != nil {
		return nil, nil, 0, err
	}
	remove := func() { tmp.Close(); os.Remove(tmp.Name()) }
	n, err := io.Copy(tmp, body)
	if err != nil {
		remove()
		return nil, nil, 0, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("the download stopped after %d bytes: %v", n, err), Err: err}
	}
	src, closer, err := OpenDataPackage(tmp.Name())
	if err != nil {
		remove()
		return nil, nil, 0, err
	}
	return src, closerFunc(func() error { err := closer.Close(); remove(); return err }), n, nil
}

type closerFunc func() error

func (f closerFunc) Close() error { return f() }
