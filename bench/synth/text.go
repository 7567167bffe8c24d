package synth

import "strconv"

// text gathers the strings a service is built from (ids, names, the
// description, addresses…) in one buffer, so that they cost one
// allocation rather than thirty: [text.flush] makes one string and sets
// each field to its slice of it. Strings taken whole from the banks are
// assigned directly instead.
//
// A field registered with [text.to] must stay where it is until flush:
// point into the service's final slices, never into a value that is
// copied afterwards.
type text struct {
	buf  []byte
	refs []textRef
	mark int // where the string being built starts
}

type textRef struct {
	dst  *string
	span span
}

// span is a string's place in the buffer.
type span struct{ from, to int }

func (t *text) str(s string) *text {
	t.buf = append(t.buf, s...)
	return t
}

func (t *text) byte(c byte) *text {
	t.buf = append(t.buf, c)
	return t
}

// num appends n in decimal, zero-padded to width.
func (t *text) num(n, width int) *text {
	t.buf = appendPadded(t.buf, n, width)
	return t
}

// again appends a string built earlier.
func (t *text) again(sp span) *text {
	t.buf = append(t.buf, t.buf[sp.from:sp.to]...)
	return t
}

// fill appends p with place in it.
func (t *text) fill(p pattern, place string) *text {
	t.buf = append(t.buf, p.pre...)
	if p.hasPlace {
		t.buf = append(append(t.buf, place...), p.post...)
	}
	return t
}

// clock appends minutes after midnight as HH:MM.
func (t *text) clock(m int) *text {
	t.buf = append(t.buf, byte('0'+m/600), byte('0'+m/60%10), ':', byte('0'+m%60/10), byte('0'+m%10))
	return t
}

// to ends the string being built, which will be stored in *dst, and
// returns its span.
func (t *text) to(dst *string) span {
	sp := span{t.mark, len(t.buf)}
	t.refs = append(t.refs, textRef{dst, sp})
	t.mark = len(t.buf)
	return sp
}

// alias stores a string built earlier in *dst too.
func (t *text) alias(dst *string, sp span) {
	t.refs = append(t.refs, textRef{dst, sp})
}

// flush sets every registered field and empties t for the next service.
func (t *text) flush() {
	all := string(t.buf)
	for _, r := range t.refs {
		*r.dst = all[r.span.from:r.span.to]
	}
	clear(t.refs) // so that a pooled text keeps no service alive
	t.buf, t.refs, t.mark = t.buf[:0], t.refs[:0], 0
}

// appendPadded appends n in decimal, zero-padded to width.
func appendPadded(b []byte, n, width int) []byte {
	var d [20]byte
	s := strconv.AppendInt(d[:0], int64(n), 10)
	for range width - len(s) {
		b = append(b, '0')
	}
	return append(b, s...)
}
