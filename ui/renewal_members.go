package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// renewalMembersTab lists every member covered on the renewal date,
// today and at renewal, in a table that pages through a large group.
type renewalMembersTab struct {
	rs    *renewalsScreen
	root  fyne.CanvasObject
	note  *widget.Label
	table *widget.Table
	rows  [][]string
	names map[string]string
}

// renewalMemberColumns are the table's columns; amounts are right-aligned.
var renewalMemberColumns = []struct {
	title string
	width float32
	right bool
}{{"Member", 220, false}, {"Relationship", 130, false}, {"Plan at renewal", 200, false}, {"Age", 90, true},
	{"Today", 110, true}, {"At renewal", 110, true}, {"Change", 110, true}}

func newRenewalMembersTab(rs *renewalsScreen) *renewalMembersTab {
	t := &renewalMembersTab{rs: rs, note: wrapped("")}
	t.table = widget.NewTable(func() (int, int) { return len(t.rows), len(renewalMemberColumns) },
		func() fyne.CanvasObject { return widget.NewLabel("") }, t.updateCell)
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject { return bold("") }
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		c := renewalMemberColumns[id.Col]
		l := o.(*widget.Label)
		l.SetText(c.title)
		if c.right {
			l.Alignment = fyne.TextAlignTrailing
		}
	}
	for i, c := range renewalMemberColumns {
		t.table.SetColumnWidth(i, c.width)
	}
	t.root = container.NewBorder(container.NewPadded(t.note), nil, nil, nil, t.table)
	return t
}

func (t *renewalMembersTab) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.SetText(t.rows[id.Row][id.Col])
	l.Alignment = fyne.TextAlignLeading
	if renewalMemberColumns[id.Col].right {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.Importance = widget.MediumImportance
	if id.Col == 3 && t.rs.offered.Members[id.Row].NewRatingAge() {
		l.Importance = widget.WarningImportance
	}
	l.Refresh()
}

func (t *renewalMembersTab) show() {
	rv := t.rs.offered
	names := t.rs.renewal.Offer.PlanNames()
	t.rows = make([][]string, len(rv.Members))
	for i := range rv.Members {
		m := &rv.Members[i]
		t.rows[i] = []string{m.Name, m.Relationship.Label(), names[m.To], fmt.Sprintf("%d to %d", m.AgeNow, m.AgeAt),
			model.Charged(m.Current, m.RatedNow), model.Charged(m.Renewal, m.Rated), model.SignedMoney(m.Change())}
	}
	t.note.SetText(fmt.Sprintf("%s covered on %s, each rated today at their age on %s (the start of this plan year) and at renewal "+
		"at their age on the renewal date. Highlighted ages reach 21 or 64, whose factors change most.",
		plural(len(rv.Members), "member", "members"), longDate(t.rs.renewal.Effective), longDate(t.rs.renewal.Offer.CurrentFrom)))
	t.table.Refresh()
}
