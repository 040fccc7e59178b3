package roster

import (
	"context"
	"sort"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// Source is the roster to write: the group, the plan catalog, the date
// premiums are rated on, the head counts (for the filters' ranges and the
// progress), and the families, read one at a time.
type Source struct {
	Group       model.Group
	Plans       map[string]*model.Plan
	RatingDate  model.Date
	Subscribers int
	Dependents  int
	Families    func(ctx context.Context, fn func(fam []model.Member) error) error
}

// Options say how to write the roster.
type Options struct {
	// Unmasked writes SSNs in full; the caller checks the permission.
	Unmasked bool
	// Progress, when set, is called with the people written and the total.
	Progress func(done, total int)
	// Now is the time the export is stamped with.
	Now time.Time
}

// Summary is what the Summary sheet says.
type Summary struct {
	People         int
	ByStatus       map[model.Status][2]int // subscribers, dependents
	ByPlanTier     map[planTier]int        // covered people
	MonthlyPremium model.Money
	Unrated        int // covered families whose premium is unknown
}

type planTier struct {
	plan string
	tier model.Tier
}

// walker goes through the families, computing what the rows need and the
// summary as it goes.
type walker struct {
	src *Source
	o   Options
	sum Summary
}

func newWalker(src *Source, o Options) *walker {
	return &walker{src: src, o: o, sum: Summary{ByStatus: map[model.Status][2]int{}, ByPlanTier: map[planTier]int{}}}
}

// each calls row for every person, subscriber first in each family.
func (w *walker) each(ctx context.Context, row func(p *person) error) error {
	return w.src.Families(ctx, func(fam []model.Member) error {
		premium, err := model.FamilyPremium(w.src.Plans, fam, w.src.Group.RatingArea, w.src.RatingDate)
		covered := fam[0].Status != model.StatusTerminated
		if covered && err == nil {
			w.sum.MonthlyPremium += premium
		} else if covered {
			w.sum.Unrated++
		}
		for i := range fam {
			p := person{m: &fam[i], subscriber: &fam[0], premium: premium, rated: err == nil && i == 0 && covered,
				planName: w.planName(fam[i].PlanID), unmasked: w.o.Unmasked}
			w.count(&fam[i])
			if err := row(&p); err != nil {
				return err
			}
		}
		return ctx.Err()
	})
}

func (w *walker) planName(id string) string {
	if p, ok := w.src.Plans[id]; ok {
		return p.Name
	}
	return ""
}

func (w *walker) count(m *model.Member) {
	w.sum.People++
	k := 0
	if !m.IsSubscriber() {
		k = 1
	}
	c := w.sum.ByStatus[m.Status]
	c[k]++
	w.sum.ByStatus[m.Status] = c
	if m.Status != model.StatusTerminated {
		w.sum.ByPlanTier[planTier{m.PlanID, m.Tier}]++
	}
}

// planTiers lists the plan-and-tier counts in plan then tier order.
func (s *Summary) planTiers() []planTier {
	out := make([]planTier, 0, len(s.ByPlanTier))
	for k := range s.ByPlanTier {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].plan != out[j].plan {
			return out[i].plan < out[j].plan
		}
		return tierIndex(out[i].tier) < tierIndex(out[j].tier)
	})
	return out
}

func tierIndex(t model.Tier) int {
	for i, x := range model.Tiers {
		if x == t {
			return i
		}
	}
	return len(model.Tiers)
}
