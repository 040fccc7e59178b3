package model_test

import (
	"strings"
	"testing"

	"github.com/groupdesk/groupdesk/model"
)

func composite(id, name string, ee model.Money) model.ContractPlan {
	return model.ContractPlan{PlanID: id, Name: name, Type: model.PlanHMO, Metal: model.MetalGold, Method: model.RatingComposite,
		TierRates: map[model.Tier]model.Money{model.TierEE: ee, model.TierES: 2 * ee, model.TierEC: ee * 9 / 5, model.TierFAM: 3 * ee}}
}

func baseContract() model.Contract {
	return model.Contract{ID: "c1", GroupID: "g1", Number: 1, Kind: model.ContractOriginal, Starts: model.MustDate("2025-01-01"),
		Ends:         model.MustDate("2025-12-31"),
		Plans:        []model.ContractPlan{composite("G80", "Gold 80 HMO", 60000), composite("S70", "Silver 70 PPO", 45000)},
		Contribution: model.DefaultContribution,
		Terms:        []model.ContractTerm{{"Waiting period", "First of the month after 30 days."}, {"Grace period", "30 days."}},
		Signatories:  []model.Signatory{{Party: "Employer", Name: "Ada Byron", Title: "CEO", SignedOn: model.MustDate("2024-12-01")}},
	}
}

func TestWhatChangedBetweenTwoContractVersions(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(c *model.Contract)
		want   []string
	}{
		{"nothing changed says nothing", func(*model.Contract) {}, nil},
		{"a plan added is named", func(c *model.Contract) { c.Plans = append(c.Plans, composite("B60", "Bronze 60 HDHP", 30000)) },
			[]string{"Plan added: Bronze 60 HDHP (B60)"}},
		{"a plan removed is named", func(c *model.Contract) { c.Plans = c.Plans[:1] }, []string{"Plan removed: Silver 70 PPO (S70)"}},
		{"a changed rate shows before and after", func(c *model.Contract) {
			c.Plans[0] = composite("G80", "Gold 80 HMO", 60000)
			c.Plans[0].TierRates[model.TierFAM] = 190000
		}, []string{"Rate changed: Gold 80 HMO, Family: from $1,800.00 to $1,900.00"}},
		{"a reworded term is shown", func(c *model.Contract) {
			c.Terms = []model.ContractTerm{{"Waiting period", "None."}, {"Grace period", "30 days."}}
		}, []string{"Term changed: Waiting period — now: None."}},
		{"a term added and one removed", func(c *model.Contract) { c.Terms = []model.ContractTerm{{"Arbitration", "Binding."}, c.Terms[0]} },
			[]string{"Term added: Arbitration — Binding.", "Term removed: Grace period"}},
		{"a new signatory and the one gone", func(c *model.Contract) {
			c.Signatories = []model.Signatory{{Party: "Carrier", Name: "Zoë Łukasiewicz", Title: "VP", SignedOn: model.MustDate("2025-12-01")}}
		}, []string{"Signed by: Zoë Łukasiewicz, VP (Carrier) on 12/01/2025", "No longer a signatory: Ada Byron, CEO (Employer)"}},
		{"the contribution", func(c *model.Contract) { c.Contribution.Percent = 7500 },
			[]string{"Contribution changed: The employer pays 75% of the employee-only premium (was: The employer pays 50% of the employee-only premium)"}},
		{"an amendment folded in", func(c *model.Contract) {
			c.Amendments = []model.Amendment{{Number: 1, Effective: model.MustDate("2025-07-01"), Text: "Adds a bronze plan."}}
		}, []string{"Amendment 1 (from 07/01/2025): Adds a bronze plan."}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a, b := baseContract(), baseContract()
			b.Plans = append([]model.ContractPlan(nil), b.Plans...)
			tc.change(&b)
			d := model.DiffContracts(&a, &b)
			got := d.Lines()
			if strings.Join(got, "\n") != strings.Join(tc.want, "\n") {
				t.Fatalf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}

func TestTheVersionInForceIsTheNewestThatHasStarted(t *testing.T) {
	a, b, c := baseContract(), baseContract(), baseContract()
	b.Number, b.Starts, b.Ends = 2, model.MustDate("2026-01-01"), model.Date{}
	c.Number, c.Starts = 3, model.MustDate("2027-01-01")
	for _, tc := range []struct {
		on   string
		want int
	}{{"2024-06-01", 0}, {"2025-06-01", 1}, {"2026-11-28", 2}, {"2027-01-01", 3}} {
		got, ok := model.CurrentContract([]model.Contract{c, a, b}, model.MustDate(tc.on))
		if got.Number != tc.want || ok != (tc.want > 0) {
			t.Errorf("on %s: version %d (%v), want %d", tc.on, got.Number, ok, tc.want)
		}
	}
}

func TestAContractVersionNeedsItsPeriodAndPlans(t *testing.T) {
	c := baseContract()
	c.Plans, c.Ends = nil, model.MustDate("2024-01-01")
	err := c.Validate()
	if msg := model.ErrorMessage(err); !strings.Contains(msg, "ends") || !strings.Contains(msg, "more problems") {
		t.Fatalf("got %q", msg)
	}
}
