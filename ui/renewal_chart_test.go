package ui

import (
	"bytes"
	"image/png"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// TestHomeChartsTheRenewalChangeWhileAnOfferIsOpen: with Bayview's offer
// out, Home draws the renewal change by plan (a real image, not blank);
// a group without an offer has no such chart.
func TestHomeChartsTheRenewalChangeWhileAnOfferIsOpen(t *testing.T) {
	s, db, _ := newTestShell(t)
	rs := renewalsOf(t, s, db)
	at := -1
	for i, c := range homeChartList {
		if c.title == "Renewal change by plan" {
			at = i
		}
	}
	if at < 0 {
		t.Fatal("no renewal change chart is registered for Home")
	}
	s.SelectGroup(rs.group)
	s.ShowScreen("Home")
	imgs := s.home.charts.images
	if len(imgs) <= at || len(imgs[at]) == 0 {
		t.Fatalf("Home drew no renewal change for %s, whose offer is %s", rs.group.Name, rs.renewal.Status.Label())
	}
	img, err := png.Decode(bytes.NewReader(imgs[at]))
	if err != nil {
		t.Fatalf("the renewal chart is not a PNG: %v", err)
	}
	colours := map[[4]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 2 {
		for x := b.Min.X; x < b.Max.X; x += 2 {
			r, g, bl, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, bl, a}] = true
		}
	}
	if len(colours) < 16 {
		t.Fatalf("the renewal chart has %d colours: blank", len(colours))
	}
	if !gridHasLabel(s, "Renewal change by plan") {
		t.Fatal("the renewal chart is not on Home")
	}

	for _, g := range everyGroup(t, s) {
		if g.ID == rs.group.ID {
			continue
		}
		if renewals, _ := db.Renewals(s.deps.Ctx, g.ID); len(renewals) == 0 {
			s.SelectGroup(g)
			if imgs := s.home.charts.images; len(imgs) > at && len(imgs[at]) > 0 {
				t.Fatalf("%s has no renewal, yet Home charts its change", g.Name)
			}
			return
		}
	}
	t.Fatal("every group has a renewal: nothing to compare with")
}

func everyGroup(t *testing.T, s *Shell) []model.GroupSummary {
	t.Helper()
	gs, err := s.deps.Store.Groups(s.deps.Ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	return gs
}

// gridHasLabel reports whether a chart with the title is on Home.
func gridHasLabel(s *Shell, title string) bool {
	for _, o := range s.home.charts.grid.Objects {
		if box, ok := o.(*fyne.Container); ok {
			for _, x := range box.Objects {
				if l, ok := x.(*widget.Label); ok && l.Text == title {
					return true
				}
			}
		}
	}
	return false
}
