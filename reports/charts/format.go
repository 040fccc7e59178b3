package charts

import (
	"math"
	"strconv"
)

// Count writes a whole number with thousands separators: 12,480.
func Count(v float64) string {
	n := int64(math.Round(v))
	if n < 0 {
		return "-" + Count(float64(-n))
	}
	s := strconv.FormatInt(n, 10)
	out := make([]byte, 0, len(s)+len(s)/3)
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}

// Dollars writes an amount short enough for an axis: $1,180, $62.5k,
// $1.2M (an axis has no room for cents).
func Dollars(v float64) string {
	if v < 0 {
		return "-" + Dollars(-v)
	}
	switch {
	case v >= 1e6:
		return "$" + short(v/1e6) + "M"
	case v >= 1e4:
		return "$" + short(v/1e3) + "k"
	}
	return "$" + Count(v)
}

// short writes a number with at most one decimal, none when it is whole.
func short(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64)
}
