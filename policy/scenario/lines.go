package scenario

import "bytes"

// lineBlock is the span of a file one mark of lines covers: a lookup
// counts at most this many bytes, however long the line it is on.
const lineBlock = 256

// lines converts byte offsets of a file to line:column, the column counted
// in characters from 1. It marks the line and column of every lineBlock-th
// byte, once, as far into the file as the lookups reach, so that a lookup
// costs O(lineBlock) and placing every check of a file costs O(n) whether
// the file is one line or many.
type lines struct {
	src   []byte
	marks []lineMark
}

// lineMark is the place of a block's first byte: its line from 0, and the
// characters before it on that line.
type lineMark struct{ line, col int32 }

// at returns the line and column, from 1, of the byte at off.
func (l *lines) at(off int) (line, col int) {
	off = min(max(off, 0), len(l.src))
	b := off / lineBlock
	l.markTo(b)
	m := l.marks[b]
	span := l.src[b*lineBlock : off]
	if nl := bytes.LastIndexByte(span, '\n'); nl >= 0 {
		return int(m.line) + bytes.Count(span, newline) + 1, chars(span[nl+1:]) + 1
	}
	return int(m.line) + 1, int(m.col) + chars(span) + 1
}

var newline = []byte{'\n'}

// markTo marks the blocks up to b.
func (l *lines) markTo(b int) {
	if l.marks == nil {
		l.marks = make([]lineMark, 1, len(l.src)/lineBlock+1)
	}
	for len(l.marks) <= b {
		m := l.marks[len(l.marks)-1]
		start := (len(l.marks) - 1) * lineBlock
		block := l.src[start : start+lineBlock]
		if nl := bytes.LastIndexByte(block, '\n'); nl >= 0 {
			m.line += int32(bytes.Count(block, newline))
			m.col = int32(chars(block[nl+1:]))
		} else {
			m.col += int32(chars(block))
		}
		l.marks = append(l.marks, m)
	}
}

// chars counts the characters that start in b, which is part of a text
// valid as UTF-8 up to its end: the bytes that are not continuation bytes,
// so that a span may begin or end inside a character.
func chars(b []byte) int {
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}
