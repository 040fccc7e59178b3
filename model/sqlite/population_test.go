package sqlite

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/groupdesk/groupdesk/model"
)

// The benchmark population: a deterministic roster of families of one to
// five people, with names from many languages (diacritics included) so that
// search prefixes and sort keys look like a real book of business.

var genFirstNames = []string{
	"Anna", "Ana", "Andrés", "Ángel", "Benoît", "Björn", "Camille", "Carlos", "Chloé", "Đức", "Daniel", "Elif",
	"Élodie", "Emma", "Fatima", "François", "Giulia", "Grace", "Hana", "Hùng", "Ines", "Ingrid", "Jan", "José",
	"Jürgen", "Karim", "Kateřina", "Lea", "Liam", "Łukasz", "Lucía", "Magdalena", "Mai", "Maria", "Mateo", "Mia",
	"Minh", "Mohammed", "Nils", "Noah", "Olga", "Olivia", "Paweł", "Pedro", "Quentin", "Rafael", "Renée", "Saanvi",
	"Sofia", "Søren", "Thảo", "Thomas", "Uma", "Valentina", "Wei", "William", "Xavier", "Yusuf", "Zoë", "Zsófia",
}

var genLastNames = []string{
	"Adeyemi", "Ångström", "Bauer", "Brown", "Çelik", "Chen", "Costa", "Dąbrowski", "Davis", "Dvořák", "Fernández",
	"Fischer", "García", "Gómez", "Hansen", "Hernández", "Ivanova", "Jensen", "Johnson", "Kim", "Kowalski", "Lefèvre",
	"Lee", "López", "Martin", "Martínez", "Miller", "Moreau", "Müller", "Mulligan", "Nguyễn", "Novák", "Núñez",
	"O'Brien", "Ødegaard", "Okafor", "Patel", "Pérez", "Phạm", "Quinn", "Rossi", "Rodríguez", "Schmidt", "Schäfer",
	"Silva", "Smith", "Søndergaard", "Suzuki", "Tanaka", "Trần", "Usman", "Vásquez", "Wagner", "Williams", "Wiśniewski",
	"Xu", "Yılmaz", "Young", "Zieliński", "Žižek",
}

// population returns n people of one group in families, each subscriber
// before their dependents, valid on testNow.
func population(groupID string, n int) []model.Member {
	r := rand.New(rand.NewPCG(2026, 6))
	out := make([]model.Member, 0, n)
	for emp := 1; len(out) < n; emp++ {
		size := min(1+r.IntN(5), n-len(out))
		out = append(out, family(r, groupID, emp, size)...)
	}
	return out
}

func family(r *rand.Rand, groupID string, emp, size int) []model.Member {
	last := genLastNames[r.IntN(len(genLastNames))]
	sub := genPerson(r, groupID, emp, model.RelEmployee, last, 22+r.IntN(43))
	sub.ID = fmt.Sprintf("bench-%07d", emp*10)
	sub.Employment = model.Employment{HireDate: model.NewDate(2010+r.IntN(16), time.Month(1+r.IntN(12)), 1+r.IntN(28)),
		Status: "full_time", HoursWeekly: 40, Department: "Dept " + string(rune('A'+r.IntN(8))), Salary: model.Money(3_000_000 + r.IntN(12_000_000))}
	fam := []model.Member{sub}
	var rels []model.Relationship
	for i := 1; i < size; i++ {
		rel := model.RelChild
		if i == 1 && r.IntN(3) > 0 {
			rel = model.RelSpouse
		}
		age := 1 + r.IntN(25)
		if rel == model.RelSpouse {
			age = 22 + r.IntN(43)
		}
		d := genPerson(r, groupID, emp, rel, last, age)
		d.ID, d.SubscriberID = fmt.Sprintf("bench-%07d", emp*10+i), sub.ID
		fam = append(fam, d)
		rels = append(rels, rel)
	}
	tier, plan := model.TierFor(rels), []string{"P1", "P2"}[r.IntN(2)]
	for i := range fam {
		fam[i].Tier, fam[i].PlanID = tier, plan
	}
	return fam
}

func genPerson(r *rand.Rand, groupID string, emp int, rel model.Relationship, last string, age int) model.Member {
	born := model.NewDate(2026-age, time.Month(1+r.IntN(12)), 1+r.IntN(28))
	status := model.StatusActive
	if r.IntN(20) == 0 {
		status = model.StatusCOBRA
	}
	return model.Member{
		GroupID: groupID, EmployeeID: fmt.Sprintf("E%06d", emp), Relationship: rel,
		FirstName: genFirstNames[r.IntN(len(genFirstNames))], LastName: last, DateOfBirth: born,
		Gender: []model.Gender{model.GenderFemale, model.GenderMale, model.GenderUnknown}[r.IntN(3)],
		SSN:    fmt.Sprintf("%03d%02d%04d", 1+r.IntN(665), 1+r.IntN(99), 1+r.IntN(9999)), Tobacco: r.IntN(8) == 0,
		Email: fmt.Sprintf("p%d@example.com", r.IntN(1_000_000)), Phone: fmt.Sprintf("+1 415 555 %04d", r.IntN(10000)),
		Address: model.Address{Line1: fmt.Sprintf("%d Main St", 1+r.IntN(9999)), City: "Oakland", State: "CA",
			ZIP: fmt.Sprintf("94%03d", r.IntN(1000))},
		Status: status, Effective: model.NewDate(2020+r.IntN(6), time.Month(1+r.IntN(12)), 1),
	}
}

// namePrefixes returns the distinct folded prefixes of length n of every
// first and last name, the way someone would start typing them.
func namePrefixes(n int) []string {
	seen := map[string]bool{}
	var out []string
	for _, list := range [][]string{genLastNames, genFirstNames} {
		for _, name := range list {
			k := []rune(foldKey(name))
			if len(k) < n {
				continue
			}
			p := string(k[:n])
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	return out
}
