package hsds

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/linkway/linkway/directory"
)

// FeedClient fetches the services of an Open Referral API (ORUK v1 or
// HSDS 3.0) page by page, politely: one request at a time, at most one
// per MinInterval, each bounded by Timeout and retried with a doubling
// pause on a 5xx, a 429 or a network failure.
type FeedClient struct {
	HTTP        *http.Client
	Timeout     time.Duration // per request, from sending it to its last byte
	Retries     int           // further tries of a request that failed in a way that may pass
	Backoff     time.Duration // the pause before the first retry, doubled for each next one
	MinInterval time.Duration // between the starts of two requests
	PerPage     int           // the page size asked for; a feed may give fewer
	MaxPageSize int64         // bytes; a bigger page is refused
	UserAgent   string

	last time.Time // when the last request started
}

// NewFeedClient returns a FeedClient with settings fit for a public API:
// at most 5 requests a second, 30 s a request, 3 retries from 1 s.
func NewFeedClient() *FeedClient {
	return &FeedClient{
		HTTP: http.DefaultClient, Timeout: 30 * time.Second, Retries: 3, Backoff: time.Second,
		MinInterval: 200 * time.Millisecond, PerPage: 1000, MaxPageSize: 256 << 20,
		UserAgent: "Linkway (Open Referral feed sync)",
	}
}

// maxFeedPages bounds a run, against a feed whose pages never end.
const maxFeedPages = 100_000

// FeedPages is a Source of a feed API's services, read page by page. It
// is returned with its first page fetched.
type FeedPages struct {
	ctx    context.Context
	client *FeedClient
	base   *url.URL // the /services address, without page parameters

	// Format is the feed's format, as told from its first page.
	Format Format
	// ETag and LastModified are the first page's validators.
	ETag, LastModified string
	// Pages counts the pages fetched; Complete is set once the last page
	// was read, so that what the feed no longer lists can be withdrawn.
	// A run that stopped at a repeated page is not complete.
	Pages    int
	Complete bool
	// Warnings says what stopped a run early without failing it.
	Warnings []string
	// OnPage, when set, is called after each page is fetched.
	OnPage func(pages int)

	cur        Source // the records of the page being read
	done       bool
	totalPages int    // as the feed last said; 0 when it does not
	prevIDs    string // the ids of the previous page, to find one repeated
	indexBase  int    // records before the current page
	lastIndex  int
	offsetBase int64
}

// ServicesURL returns the /services address of a feed given by its root
// (as registries list them, such as https://host/o/ServiceDirectoryService/v2)
// or by its /services address.
func ServicesURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, directory.Errorf(directory.Invalid, "%s is not an http or https address", directory.Quote(raw))
	}
	if !strings.HasSuffix(strings.TrimSuffix(u.Path, "/"), "/services") {
		u.Path = strings.TrimSuffix(u.Path, "/") + "/services"
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	q := u.Query()
	q.Del("page")
	q.Del("per_page")
	u.RawQuery = q.Encode()
	return u, nil
}

// OpenFeed fetches the first page of the feed at rawURL. With etag or
// lastModified from an earlier run, a feed that answers 304 Not Modified
// gives notModified and no Source.
func (c *FeedClient) OpenFeed(ctx context.Context, rawURL string, format Format, etag, lastModified string) (p *FeedPages, notModified bool, err error) {
	base, err := ServicesURL(rawURL)
	if err != nil {
		return nil, false, err
	}
	p = &FeedPages{ctx: ctx, client: c, base: base, Format: format}
	h := http.Header{}
	if etag != "" {
		h.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		h.Set("If-Modified-Since", lastModified)
	}
	status, header, body, err := c.get(ctx, p.pageURL(1), h)
	if err != nil {
		return nil, false, pageError(1, err)
	}
	if status == http.StatusNotModified {
		return nil, true, nil
	}
	p.ETag, p.LastModified = header.Get("ETag"), header.Get("Last-Modified")
	if p.Format == FormatAuto {
		p.Format = FormatHSDS3
		if isV1(body[:min(len(body), sniffSize)]) {
			p.Format = FormatORUK1
		}
	}
	if err := p.load(1, body); err != nil {
		return nil, false, err
	}
	return p, false, nil
}

func (p *FeedPages) pageURL(page int) string {
	u := *p.base
	q := u.Query()
	q.Set("page", strconv.Itoa(page))
	q.Set("per_page", strconv.Itoa(p.client.PerPage))
	u.RawQuery = q.Encode()
	return u.String()
}

// pageMeta is what a page says about the paging, in either format: the
// ORUK v1 page (content, totalPages, last) or the HSDS 3.0 one (contents,
// total_pages, last_page). A bare array is a whole feed in one page.
type pageMeta struct {
	TotalPages  *int     `json:"totalPages"`
	TotalPages3 *int     `json:"total_pages"`
	Last        *bool    `json:"last"`
	LastPage    *bool    `json:"last_page"`
	Content     []idOnly `json:"content"`
	Contents    []idOnly `json:"contents"`
}

type idOnly struct {
	ID json.RawMessage `json:"id"`
}

// load reads what page n says about the paging and makes its records the
// next to read.
func (p *FeedPages) load(n int, body []byte) error {
	p.Pages = n
	if p.OnPage != nil {
		p.OnPage(n)
	}
	var meta pageMeta
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, utf8BOM), " \t\r\n")
	var items []idOnly
	var err error
	if len(trimmed) > 0 && trimmed[0] == '[' {
		err = json.Unmarshal(trimmed, &items)
		p.done, p.Complete = true, true // no paging: all of it at once
	} else {
		err = json.Unmarshal(trimmed, &meta)
		items = append(meta.Content, meta.Contents...)
	}
	if err != nil {
		return directory.Errorf(directory.Invalid, "page %d is not a page of services: %v; nothing from this run was applied", n, err)
	}
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = string(it.ID)
	}
	key := strings.Join(ids, "\x00")
	switch {
	case p.done:
	case n > 1 && len(ids) == 0:
		// An empty page after the first: the feed has no more.
		p.done, p.Complete = true, true
		return nil
	case n > 1 && key == p.prevIDs:
		p.done = true
		p.Warnings = append(p.Warnings, fmt.Sprintf("page %d repeats page %d: the feed seems to ignore paging; services missing from it were not withdrawn", n, n-1))
		return nil
	}
	p.prevIDs = key
	if t := meta.TotalPages; t != nil {
		p.totalPages = *t
	} else if t := meta.TotalPages3; t != nil {
		p.totalPages = *t
	}
	last := meta.Last != nil && *meta.Last || meta.LastPage != nil && *meta.LastPage
	if last || p.totalPages > 0 && n >= p.totalPages || n >= maxFeedPages {
		p.done, p.Complete = true, true
	}
	src, err := NewSource(bytes.NewReader(body), p.Format, p.base.Path)
	if err != nil {
		return err
	}
	p.indexBase = p.lastIndex
	p.cur = src
	return nil
}

// Next returns the next record of the feed, fetching pages as needed.
// Records are numbered across pages.
func (p *FeedPages) Next() (*Record, error) {
	for {
		if p.cur != nil {
			rec, err := p.cur.Next()
			if errors.Is(err, io.EOF) {
				p.offsetBase += p.cur.Offset()
				p.cur = nil
				continue
			}
			if err != nil {
				return nil, pageError(p.Pages, err)
			}
			if rec.Index > 0 {
				rec.Index += p.indexBase
				p.lastIndex = rec.Index
				for i := range rec.Issues {
					rec.Issues[i].Index = rec.Index
				}
			}
			return rec, nil
		}
		if p.done {
			return nil, io.EOF
		}
		n := p.Pages + 1
		status, _, body, err := p.client.get(p.ctx, p.pageURL(n), nil)
		if err == nil && status != http.StatusOK {
			err = directory.Errorf(directory.Invalid, "the server answered %d %s", status, http.StatusText(status))
		}
		if err != nil {
			return nil, pageError(n, err)
		}
		if err := p.load(n, body); err != nil {
			return nil, err
		}
	}
}

// Offset is how many bytes of the feed's pages have been read.
func (p *FeedPages) Offset() int64 {
	if p.cur != nil {
		return p.offsetBase + p.cur.Offset()
	}
	return p.offsetBase
}

// get fetches u, retrying what may pass. It returns the body of a 200
// and nothing of a 304; any other answer is an error.
func (c *FeedClient) get(ctx context.Context, u string, h http.Header) (status int, header http.Header, body []byte, err error) {
	pause := c.Backoff
	for try := 0; ; try++ {
		status, header, body, err = c.try(ctx, u, h)
		retry := err != nil || status >= 500 || status == http.StatusTooManyRequests
		if !retry || try >= c.Retries || ctx.Err() != nil {
			break
		}
		select {
		case <-ctx.Done():
			return 0, nil, nil, ctx.Err()
		case <-time.After(pause):
		}
		pause *= 2
	}
	tries := fmt.Sprintf("after %d tries", c.Retries+1)
	switch {
	case err != nil && ctx.Err() != nil:
		return 0, nil, nil, ctx.Err()
	case err != nil:
		why := err.Error()
		var ue *url.Error
		switch {
		case errors.Is(err, context.DeadlineExceeded):
			why = fmt.Sprintf("no whole answer within %s", c.Timeout)
		case errors.As(err, &ue):
			why = ue.Err.Error()
		}
		return 0, nil, nil, &directory.Error{Kind: directory.Invalid, Msg: fmt.Sprintf("cannot fetch %s %s: %s", redact(u), tries, why), Err: err}
	case status == http.StatusOK || status == http.StatusNotModified:
		return status, header, body, nil
	case status >= 500 || status == http.StatusTooManyRequests:
		return 0, nil, nil, directory.Errorf(directory.Invalid, "fetching %s: the server answered %d %s %s", redact(u), status, http.StatusText(status), tries)
	}
	return 0, nil, nil, directory.Errorf(directory.Invalid, "fetching %s: the server answered %d %s", redact(u), status, http.StatusText(status))
}

// try makes one request, after waiting for the polite interval.
func (c *FeedClient) try(ctx context.Context, u string, h http.Header) (int, http.Header, []byte, error) {
	if wait := time.Until(c.last.Add(c.MinInterval)); wait > 0 {
		select {
		case <-ctx.Done():
			return 0, nil, nil, ctx.Err()
		case <-time.After(wait):
		}
	}
	c.last = time.Now()
	rctx, cancel := context.WithTimeout(ctx, c.Timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, nil, nil, err
	}
	for k, v := range h {
		req.Header[k] = v
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.UserAgent)
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return 0, nil, nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		return resp.StatusCode, resp.Header, nil, nil
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, c.MaxPageSize+1))
	if err != nil {
		return 0, nil, nil, err
	}
	if int64(len(body)) > c.MaxPageSize {
		return 0, nil, nil, directory.Errorf(directory.Invalid, "a page is larger than %d MB", c.MaxPageSize>>20)
	}
	return resp.StatusCode, resp.Header, body, nil
}

// pageError says which page err happened on, in words a person reads.
func pageError(n int, err error) error {
	if k := directory.KindOf(err); k != directory.Internal {
		return &directory.Error{Kind: k, Msg: fmt.Sprintf("page %d: %s", n, directory.MessageOf(err)), Err: err}
	}
	return fmt.Errorf("page %d: %w", n, err)
}

// redact drops a URL's user info, which may hold a password or key.
func redact(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Redacted()
	}
	return raw
}
