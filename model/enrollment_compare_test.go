package model

import (
	"math/rand/v2"
	"testing"
)

// TestSameTextFoldsLikeFoldText: the allocation-free comparison agrees
// with comparing the folded texts, on chosen and on random strings.
func TestSameTextFoldsLikeFoldText(t *testing.T) {
	pairs := [][2]string{{"Peña-López", "PENA LOPEZ"}, {"O'Brien", "OBRIEN"}, {"Mary Ann", "MARYANN"}, {"Ann ", "ANN"},
		{" 12 Main St.", "12 MAIN ST"}, {"Zoë", "ZOE"}, {"Łukasz", "LUKASZ"}, {"", " - "}, {"A", ""}}
	for _, p := range pairs {
		if got, want := sameText(p[0], p[1]), foldText(p[0]) == foldText(p[1]); got != want {
			t.Errorf("sameText(%q, %q) = %v; the folded texts %q and %q say %v", p[0], p[1], got, foldText(p[0]), foldText(p[1]), want)
		}
	}
	r := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aAbB -.'1é"
	word := func() string {
		b := []rune{}
		for range r.IntN(6) {
			b = append(b, []rune(alphabet)[r.IntN(len([]rune(alphabet)))])
		}
		return string(b)
	}
	for range 20000 {
		a, b := word(), word()
		if got, want := sameText(a, b), foldText(a) == foldText(b); got != want {
			t.Fatalf("sameText(%q, %q) = %v, folded %q %q", a, b, got, foldText(a), foldText(b))
		}
	}
}

func enrollee(id, emp string, rel Relationship, first string, eff, term string) Member {
	m := Member{ID: id, EmployeeID: emp, Relationship: rel, FirstName: first, LastName: "Rivera", DateOfBirth: MustDate("1990-01-01"),
		Gender: GenderFemale, PlanID: "GOLD", Tier: TierEC, Status: StatusActive, Effective: MustDate(eff)}
	if term != "" {
		m.Termination, m.Status = MustDate(term), StatusTerminated
	}
	if rel != RelEmployee {
		m.SubscriberID = "s-" + emp
	}
	return m
}

// TestCompareEnrollmentEndedFamilies: a family whose subscriber's
// coverage ended is not expected in the carrier's file, dependents
// included; one the carrier still covers is reported, with the date the
// roster ended it.
func TestCompareEnrollmentEndedFamilies(t *testing.T) {
	on := MustDate("2026-06-01")
	ended := []Member{enrollee("s-1", "1", RelEmployee, "Ana", "2025-01-01", "2026-04-30"), enrollee("c-1", "1", RelChild, "Leo", "2025-01-01", "")}
	active := []Member{enrollee("s-2", "2", RelEmployee, "Bea", "2025-01-01", ""), enrollee("c-2", "2", RelChild, "Max", "2025-01-01", "")}
	in := EnrollmentInput{Roster: [][]Member{ended, active}, Carrier: [][]Member{active}, On: on}
	if r := CompareEnrollment(in); !r.Clean() {
		t.Fatalf("a family ended on the roster and absent at the carrier: %+v", r.Items)
	}
	still := []Member{enrollee("s-1", "1", RelEmployee, "Ana", "2025-01-01", ""), enrollee("c-1", "1", RelChild, "Leo", "2025-01-01", "")}
	in.Carrier = [][]Member{active, still}
	r := CompareEnrollment(in)
	if len(r.Items) != 2 || r.Count(DiscWrongCoverage) != 2 || r.Items[0].Expected != "ended 04/30/2026" || r.Items[1].Expected != "ended 04/30/2026" {
		t.Fatalf("a family the carrier still covers: %+v", r.Items)
	}
}
