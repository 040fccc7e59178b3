package demo

import (
	"encoding/binary"
	"encoding/hex"
	"math"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// Options say which book to generate. Zero values take the defaults.
type Options struct {
	Seed   int64      // default 1
	Groups int        // number of employer groups, default 12
	People int        // approximate total number of people (subscribers + dependents) in the whole book; default 48000
	Today  model.Date // the "current" date the data is realistic for; required (callers pass today's date)
}

const (
	defaultSeed   = 1
	defaultGroups = 12
	defaultPeople = 48000
	// peoplePerSubscriber is the average family size the member generator
	// produces (measured over the default book), used to size the large group.
	peoplePerSubscriber = 2.39
)

// Streams of the random generators: one for the book (groups, users) and
// one per group for its members, so a group's roster does not depend on
// how many groups come before it.
const (
	streamBook  = 0x9e3779b97f4a7c15
	streamGroup = 0x6a09e667f3bcc908
)

// gen holds the state of one generation.
type gen struct {
	today       model.Date
	stamp       time.Time // today at 09:00 UTC: the time records were written
	seed        uint64
	r           *rand.Rand
	seq         int64 // IDs issued so far
	ssns        map[uint32]bool
	usedNumbers map[string]bool
	book        *model.Book
}

// Generate returns the demo book of business. The same options always give
// the same book. It panics when o.Today is not set.
func Generate(o Options) *model.Book {
	o = o.withDefaults()
	g := &gen{
		today: o.Today, seed: uint64(o.Seed),
		stamp:       o.Today.Time().Add(9 * time.Hour),
		r:           rand.New(rand.NewPCG(uint64(o.Seed), streamBook)),
		ssns:        make(map[uint32]bool, o.People),
		usedNumbers: map[string]bool{},
		book:        &model.Book{Plans: plans(o.Today.Year), Areas: ratingAreas()},
	}
	specs := make([]*groupSpec, o.Groups)
	for i := range specs {
		specs[i] = specFor(i)
	}
	counts := subscriberCounts(specs, o.People)
	g.book.Groups = make([]model.Group, 0, len(specs))
	g.book.Members = make([]model.Member, 0, o.People+o.People/8)
	for i, s := range specs {
		g.book.Groups = append(g.book.Groups, g.newGroup(s))
		g.roster(i, s, &g.book.Groups[i], counts[i])
	}
	g.access(specs)
	return g.book
}

func (o Options) withDefaults() Options {
	if o.Today.IsZero() {
		panic("demo: Options.Today is required")
	}
	if o.Seed == 0 {
		o.Seed = defaultSeed
	}
	if o.Groups <= 0 {
		o.Groups = defaultGroups
	}
	if o.People <= 0 {
		o.People = defaultPeople
	}
	return o
}

// subscriberCounts scales every group to the book's size; small groups keep
// at least two subscribers and the first (large) group takes the rest.
func subscriberCounts(specs []*groupSpec, people int) []int {
	scale := float64(people) / defaultPeople
	counts := make([]int, len(specs))
	others := 0
	for i := 1; i < len(specs); i++ {
		counts[i] = max(2, int(math.Round(float64(specs[i].subscribers)*scale)))
		others += counts[i]
	}
	counts[0] = max(2, int(math.Round(float64(people)/peoplePerSubscriber))-others)
	return counts
}

// id returns a new UUID in the version 7 layout: the milliseconds since the
// epoch (of the book's stamp, one more for each ID) and random bits.
func (g *gen) id(r *rand.Rand) string {
	var b [16]byte
	ms := uint64(g.stamp.UnixMilli()) + uint64(g.seq)
	g.seq++
	binary.BigEndian.PutUint64(b[0:8], ms<<16|uint64(r.Uint32()&0xffff))
	binary.BigEndian.PutUint64(b[8:16], r.Uint64())
	b[6] = 0x70 | b[6]&0x0f
	b[8] = 0x80 | b[8]&0x3f
	var s [36]byte
	hex.Encode(s[0:8], b[0:4])
	hex.Encode(s[9:13], b[4:6])
	hex.Encode(s[14:18], b[6:8])
	hex.Encode(s[19:23], b[8:10])
	hex.Encode(s[24:36], b[10:16])
	s[8], s[13], s[18], s[23] = '-', '-', '-', '-'
	return string(s[:])
}

// pick returns a random element of list.
func pick[T any](r *rand.Rand, list []T) T { return list[r.IntN(len(list))] }

// chance reports true with probability p.
func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

// between returns a random integer in [lo, hi].
func between(r *rand.Rand, lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// weighted returns an index drawn with the given weights.
func weighted(r *rand.Rand, weights []int) int {
	total := 0
	for _, w := range weights {
		total += w
	}
	n := r.IntN(total)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

// digitsN returns n random decimal digits.
func digitsN(r *rand.Rand, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte('0' + r.IntN(10))
	}
	return string(b)
}

// fold spells s in lower-case ASCII letters and digits, for e-mail addresses.
func fold(s string) string {
	var b strings.Builder
	for _, c := range strings.ToLower(s) {
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
			b.WriteRune(c)
		case asciiFold[c] != "":
			b.WriteString(asciiFold[c])
		}
	}
	return b.String()
}
