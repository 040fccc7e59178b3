package demo

import (
	"fmt"
	"strings"

	"github.com/groupdesk/groupdesk/model"
)

// Document is a document of the demo book's vaults with its file.
type Document struct {
	Doc  model.Document
	File model.NewFile
}

// Documents are the demo vaults: every group's signed arbitration
// agreement but the newest group's (it has not sent it back yet, so Home
// warns about it), the summary of benefits and coverage of the group's
// first plan, and the broker of record authorization where a broker
// works on the group. The files are short text files.
func Documents(o Options, b *model.Book) []Document {
	o = o.withDefaults()
	missing := newestGroup(b)
	brokers := brokersOf(b)
	plans := groupPlans(b)
	var out []Document
	for _, g := range b.Groups {
		if g.ID != missing {
			out = append(out, demoDoc(g, model.DocArbitration, "Signed arbitration agreement", "arbitration-agreement.txt", arbitrationText(g), "signed"))
		}
		if ids := plans[g.ID]; len(ids) > 0 {
			name := planName(b, ids[0])
			out = append(out, demoDoc(g, model.DocSBC, "Summary of benefits and coverage — "+name, "sbc.txt",
				fmt.Sprintf("SUMMARY OF BENEFITS AND COVERAGE\n%s\nCoverage for %s, plan year from %s.\n", name, g.Name, g.RenewalDate.AddYears(-1).US()), "plan year"))
		}
		if broker := brokers[g.ID]; broker != "" {
			out = append(out, demoDoc(g, model.DocBrokerOfRecord, "Broker of record: "+broker, "broker-of-record.txt",
				fmt.Sprintf("BROKER OF RECORD AUTHORIZATION\n%s appoints %s as its broker of record.\nSigned by %s.\n", g.Name, broker, g.ContactName)))
		}
	}
	return out
}

func demoDoc(g model.Group, kind model.DocumentKind, title, file, text string, tags ...string) Document {
	return Document{
		Doc:  model.Document{ID: fmt.Sprintf("%s-doc-%s", g.ID, kind), GroupID: g.ID, Kind: kind, Title: title, Tags: tags},
		File: model.NewFile{Name: file, Content: []byte(text + "\n(Demo document: the people and companies are made up.)\n")},
	}
}

func arbitrationText(g model.Group) string {
	return strings.Join([]string{
		"ARBITRATION AGREEMENT",
		fmt.Sprintf("Between %s and %s (group %s).", CarrierName, g.Name, g.Number),
		"Any dispute about this coverage is settled by binding arbitration under the Federal Arbitration Act.",
		fmt.Sprintf("Signed for the employer by %s on %s.", g.ContactName, g.EffectiveDate.AddDays(-30).US()),
		"Signed for the carrier by Zoë Łukasiewicz, Vice President, Employer Group Contracts.",
	}, "\n")
}

// newestGroup is the group with the latest original effective date.
func newestGroup(b *model.Book) string {
	best := -1
	for i, g := range b.Groups {
		if best < 0 || g.EffectiveDate.After(b.Groups[best].EffectiveDate) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return b.Groups[best].ID
}

// brokersOf names the broker of record of each group (its first broker).
func brokersOf(b *model.Book) map[string]string {
	names := map[string]string{}
	for _, u := range b.Users {
		names[u.ID] = u.Name
	}
	out := map[string]string{}
	for _, gr := range b.Grants {
		if gr.Role == model.RoleBroker && out[gr.GroupID] == "" {
			out[gr.GroupID] = names[gr.UserID]
		}
	}
	return out
}

func planName(b *model.Book, id string) string {
	for _, p := range b.Plans {
		if p.ID == id {
			return p.Name
		}
	}
	return id
}
