// Package packed hands SQLite many rows of values in one bound blob. A
// statement such as
//
//	INSERT INTO t (a, b) SELECT c0, c1 FROM packed_rows(?)
//
// reads them through packed_rows, a table-valued function written in C that
// every connection of the program knows. Binding each value costs a call
// from Go into C; a first sync writes millions of values, and one call per
// statement instead of one per value more than halves the time the
// desktop's writer spends on them.
//
// The blob is a byte giving the number of values a row has, then the rows,
// each value one after another as a tag byte and its bytes: 0 for NULL; 1
// and a 64-bit little-endian integer; 3 and a little-endian IEEE 754
// double; 2, a 32-bit little-endian length and that much UTF-8 text.
// packed_rows also has the column i, the row's number from 0, so that a
// statement can number the rows it writes (rowid = ? + i).
package packed

// #include "sqlite3_part.h"
// int packedRowsRegister(void);
import "C"

import (
	"encoding/binary"
	"fmt"
	"math"
	"math/bits"
	"reflect"
	"strings"
)

func init() {
	if rc := C.packedRowsRegister(); rc != 0 {
		panic(fmt.Sprintf("packed: registering packed_rows with SQLite: error %d", rc))
	}
}

// MaxValues is the most values a row may have.
const MaxValues = 48

const (
	tagNull = 0
	tagInt  = 1
	tagText = 2
	tagReal = 3
)

// Row is one row's values, encoded.
type Row struct {
	b []byte
	n int
}

// Text is bytes stored as text (database/sql stores a []byte as a blob).
type Text []byte

// Encode encodes one row's values: nil, strings, Text, integers, floats
// and flags (stored as 1 and 0), or types whose kind is one of those.
func Encode(values ...any) (Row, error) {
	if len(values) < 1 || len(values) > MaxValues {
		return Row{}, fmt.Errorf("packed: a row of %d values (1 to %d)", len(values), MaxValues)
	}
	size := 0
	for _, v := range values {
		size += 9
		switch v := v.(type) {
		case string:
			size += len(v)
		case Text:
			size += len(v)
		}
	}
	b, err := appendRow(make([]byte, 0, size), values)
	if err != nil {
		return Row{}, err
	}
	return Row{b: b, n: len(values)}, nil
}

// appendRow appends a row's values to b.
func appendRow(b []byte, values []any) ([]byte, error) {
	for i, v := range values {
		var err error
		if b, err = appendValue(b, v); err != nil {
			return b, fmt.Errorf("packed: value %d: %w", i+1, err)
		}
	}
	return b, nil
}

// Values is how many values the row has.
func (r Row) Values() int { return r.n }

func appendValue(b []byte, v any) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return append(b, tagNull), nil
	case string:
		return appendText(b, v)
	case Text:
		if v == nil {
			return append(b, tagNull), nil
		}
		return appendText(b, v)
	case int64:
		return binary.LittleEndian.AppendUint64(append(b, tagInt), uint64(v)), nil
	case int:
		return binary.LittleEndian.AppendUint64(append(b, tagInt), uint64(v)), nil
	case bool:
		var n uint64
		if v {
			n = 1
		}
		return binary.LittleEndian.AppendUint64(append(b, tagInt), n), nil
	case float64:
		return binary.LittleEndian.AppendUint64(append(b, tagReal), math.Float64bits(v)), nil
	}
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.String:
		return appendValue(b, rv.String())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return appendValue(b, rv.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := rv.Uint(); bits.Len64(u) < 64 {
			return appendValue(b, int64(u))
		}
		return b, fmt.Errorf("%v does not fit a 64-bit signed integer", v)
	case reflect.Float32, reflect.Float64:
		return appendValue(b, rv.Float())
	case reflect.Bool:
		return appendValue(b, rv.Bool())
	}
	return b, fmt.Errorf("a %T cannot be stored", v)
}

func appendText[T ~string | ~[]byte](b []byte, v T) ([]byte, error) {
	if uint64(len(v)) > math.MaxInt32 {
		return b, fmt.Errorf("a text of %d bytes", len(v))
	}
	b = binary.LittleEndian.AppendUint32(append(b, tagText), uint32(len(v)))
	return append(b, v...), nil
}

// Rows is the blob of a statement's rows, each with the same number of
// values.
type Rows struct {
	b []byte
	n int
}

// NewRows starts a blob of rows of n values each, with room for size bytes.
func NewRows(n, size int) *Rows {
	if n < 1 || n > MaxValues {
		panic(fmt.Sprintf("packed: rows of %d values (1 to %d)", n, MaxValues))
	}
	b := make([]byte, 1, size+1)
	b[0] = byte(n)
	return &Rows{b: b}
}

// Add appends a row; it must have as many values as the blob's rows.
func (r *Rows) Add(row Row) error {
	if err := r.fits(row.n); err != nil {
		return err
	}
	r.b = append(r.b, row.b...)
	r.n++
	return nil
}

// Append encodes a row and appends it, as Add(Encode(values...)) does
// without the row's own copy.
func (r *Rows) Append(values ...any) error {
	if err := r.fits(len(values)); err != nil {
		return err
	}
	b, err := appendRow(r.b, values)
	if err != nil {
		return err // r.b is as it was: only its spare capacity was written
	}
	r.b = b
	r.n++
	return nil
}

// fits says whether a row of n values may join the blob's rows.
func (r *Rows) fits(n int) error {
	if n != int(r.b[0]) {
		return fmt.Errorf("packed: a row of %d values among rows of %d", n, r.b[0])
	}
	return nil
}

// Len is how many rows were added.
func (r *Rows) Len() int { return r.n }

// Blob is the value to bind to packed_rows' argument.
func (r *Rows) Blob() []byte { return r.b }

// Columns lists the value columns c0 … c(n-1), for a statement's SELECT.
func Columns(n int) string {
	cols := make([]string, n)
	for i := range cols {
		cols[i] = fmt.Sprintf("c%d", i)
	}
	return strings.Join(cols, ", ")
}
