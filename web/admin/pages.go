package admin

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/linkway/linkway/directory"
)

// pager is where a page of a long list sits in the whole list, with
// links to the pages either side that keep the list's filters.
type pager struct {
	Page, Pages int
	From, To    int // the rows shown, counted from 1; 0 when none are
	Total       int
	Prev, Next  string
	here        string // a link to this page
}

// pageOf reads the page number asked for in the query ("page", from 1).
// A page that is not a whole number from 1 is a mistake in the link,
// told as such; a page past the end shows the last page.
func pageOf(q url.Values) (int, error) {
	v := strings.TrimSpace(q.Get("page"))
	if v == "" {
		return 1, nil
	}
	page, err := strconv.Atoi(v)
	if err != nil || page < 1 {
		return 0, directory.Errorf(directory.Invalid, "page: give a page number from 1")
	}
	return page, nil
}

// newPager places page (of size rows) within total rows. Its links are
// path with q's values and the page changed; page is brought back to the
// last page when it is past it.
func newPager(path string, q url.Values, page, size, total int) pager {
	pages := max((total+size-1)/size, 1)
	page = min(page, pages)
	p := pager{Page: page, Pages: pages, Total: total}
	if total > 0 {
		p.From, p.To = (page-1)*size+1, min(page*size, total)
	}
	link := func(n int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		if n == 1 {
			v.Del("page")
		} else {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return path
		}
		return path + "?" + v.Encode()
	}
	p.here = link(page)
	if page > 1 {
		p.Prev = link(page - 1)
	}
	if page < pages {
		p.Next = link(page + 1)
	}
	return p
}
