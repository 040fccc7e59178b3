package main

import (
	"bytes"
	"context"
	"image/png"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/model/sqlite"
	"github.com/groupdesk/groupdesk/ui"
)

// TestHomeDrawsEveryChartOfADemoGroup opens the window on the book that
// `groupdesk demo` writes, on a group whose renewal offer is out, and
// checks Home shows each chart — head count, members by plan and tier,
// monthly premium from the invoices, renewal change by plan — as an image
// that is not blank.
func TestHomeDrawsEveryChartOfADemoGroup(t *testing.T) {
	path := demoCopy(t)
	ctx := model.WithPrincipal(context.Background(), model.LocalOwner)
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	groups, err := db.Groups(ctx, "")
	if err != nil {
		t.Fatal(err)
	}
	var group *model.GroupSummary
	for i, g := range groups {
		rs, err := db.Renewals(ctx, g.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) > 0 && rs[0].Status != model.RenewalEffective {
			group = &groups[i]
			break
		}
	}
	if group == nil {
		t.Fatal("no group of the demo book has a renewal offer out")
	}

	a := test.NewTempApp(t)
	w := a.NewWindow("GroupDesk")
	w.Resize(fyne.NewSize(1280, 800))
	shell := ui.New(a, w, ui.Deps{Store: db, Ctx: ctx, Now: time.Now, DBPath: path, Version: "test", Synchronous: true})
	w.Show()
	shell.Start()
	shell.SelectGroup(*group)
	if !shell.ShowScreen("Home") {
		t.Fatal("no Home screen")
	}

	drawn := map[string][]byte{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Image:
			if x.Resource != nil && strings.HasSuffix(x.Resource.Name(), ".png") {
				drawn[strings.TrimSuffix(x.Resource.Name(), ".png")] = x.Resource.Content()
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c)
			}
		}
	}
	walk(w.Canvas().Content())
	for _, title := range []string{"Head count", "Subscribers by plan and tier", "Monthly premium", "Renewal change by plan"} {
		b, ok := drawn[title]
		if !ok {
			names := make([]string, 0, len(drawn))
			for n := range drawn {
				names = append(names, n)
			}
			slices.Sort(names)
			t.Errorf("Home for %s has no %q chart; it shows %q", group.Name, title, names)
			continue
		}
		img, err := png.Decode(bytes.NewReader(b))
		if err != nil {
			t.Errorf("%s: not a PNG: %v", title, err)
			continue
		}
		colours := map[[4]uint32]bool{}
		r := img.Bounds()
		for y := r.Min.Y; y < r.Max.Y; y += 2 {
			for x := r.Min.X; x < r.Max.X; x += 2 {
				cr, cg, cb, ca := img.At(x, y).RGBA()
				colours[[4]uint32{cr, cg, cb, ca}] = true
			}
		}
		if len(colours) < 16 || r.Dx() < 300 || r.Dy() < 150 {
			t.Errorf("%s: %d×%d with %d colours: blank", title, r.Dx(), r.Dy(), len(colours))
		}
	}
}
