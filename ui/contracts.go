package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/contract"
)

// contractsScreen lists every version of the group's agreement with the
// carrier, the one in force marked; the version selected is shown whole
// (period, plans and rates, contribution, terms, signatories, amendments),
// with what changed from another version, and can be saved as PDF.
type contractsScreen struct {
	shell     *Shell
	group     model.GroupSummary
	contracts []model.Contract // newest first
	selected  int              // index in contracts, -1 for none
	inForce   string           // ID of the version in force today

	root    fyne.CanvasObject
	heading *widget.Label
	summary *widget.Label
	list    *widget.List
	name    *widget.Label
	period  *widget.Label
	plans   *widget.Label
	terms   *widget.Label
	compare *widget.Select
	changes *widget.Label
	export  *widget.Button
	body    *fyne.Container
	empty   *widget.Label
}

func newContractsScreen(s *Shell) *contractsScreen {
	c := &contractsScreen{shell: s, selected: -1}
	c.root = c.build()
	return c
}

func (c *contractsScreen) title() string           { return "Contracts" }
func (c *contractsScreen) icon() fyne.Resource     { return theme.DocumentIcon() }
func (c *contractsScreen) view() fyne.CanvasObject { return c.root }
func (c *contractsScreen) allowed() bool {
	return c.shell.mayViewDocuments(c.shell.group.ID) || c.shell.vaultBeforeGroups()
}
func (c *contractsScreen) shown() { c.load() }
func (c *contractsScreen) setGroup(g model.GroupSummary) {
	if g.ID != c.group.ID {
		c.selected = -1
	}
	c.group = g
	if c.shell.CurrentScreen() == c.title() {
		c.load()
	}
}

func (c *contractsScreen) build() fyne.CanvasObject {
	c.heading = widget.NewLabelWithStyle("Contracts", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.heading.SizeName = theme.SizeNameSubHeadingText
	c.summary = wrapped("")
	c.list = widget.NewList(func() int { return len(c.contracts) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("Version 12 · Amendment · 07/01/2026 to 12/31/2026 (in force)")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(c.rowText(i)) })
	c.list.OnSelected = func(i widget.ListItemID) { c.show(i) }
	c.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.name.SizeName = theme.SizeNameSubHeadingText
	c.period = wrapped("")
	c.plans = wrapped("")
	c.plans.TextStyle = fyne.TextStyle{Monospace: true}
	c.terms = wrapped("")
	c.compare = widget.NewSelect(nil, func(string) { c.showChanges() })
	c.compare.PlaceHolder = "Choose a version to compare with"
	c.changes = wrapped("")
	c.export = widget.NewButtonWithIcon("Export PDF…", theme.DocumentSaveIcon(), c.chooseExport)
	c.empty = wrapped("")
	bold := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	c.body = container.NewVBox(container.NewBorder(nil, nil, nil, c.export, c.name), c.period,
		bold("What changed"), container.NewBorder(nil, nil, widget.NewLabel("From"), nil, c.compare), c.changes,
		bold("Plans and rates (a month)"), c.plans, c.terms)
	detail := container.NewVScroll(container.NewPadded(container.NewStack(c.body, c.empty)))
	split := container.NewHSplit(c.list, detail)
	split.Offset = 0.42 // room for "Version 1 · Original agreement · 01/01/2020 to 12/31/2020"
	return container.NewBorder(container.NewPadded(container.NewVBox(c.heading, c.summary)), nil, nil, nil, split)
}

func (c *contractsScreen) rowText(i int) string {
	k := &c.contracts[i]
	s := k.Label()
	if k.ID == c.inForce {
		s += " (in force)"
	}
	return s
}

// load reads the group's contract versions.
func (c *contractsScreen) load() {
	st := c.shell.vaultStore()
	c.heading.SetText("Contracts — " + c.group.Name)
	if st == nil || !c.shell.mayViewDocuments(c.group.ID) {
		c.contracts = nil
		c.list.Refresh()
		c.none("You may not see this group's contracts.")
		return
	}
	cs, err := st.Contracts(c.shell.deps.Ctx, c.group.ID)
	if err != nil {
		c.shell.showError("Could not read the contracts", err)
		return
	}
	c.contracts = cs
	c.inForce = ""
	if cur, ok := model.CurrentContract(cs, c.shell.deps.today()); ok {
		c.inForce = cur.ID
	}
	c.summary.SetText(c.summaryLine())
	c.list.Refresh()
	switch {
	case len(cs) == 0:
		c.none("No contract on this computer yet. The carrier's contract versions arrive with sync.")
	case c.selected < 0 || c.selected >= len(cs):
		c.list.Select(c.indexOf(c.inForce))
	default:
		c.list.Select(c.selected)
		c.show(c.selected)
	}
}

func (c *contractsScreen) summaryLine() string {
	if len(c.contracts) == 0 {
		return ""
	}
	first := c.contracts[len(c.contracts)-1]
	return fmt.Sprintf("%s with %s since %s. Choose a version to read it, see what changed from another, or export it as PDF.",
		plural(len(c.contracts), "contract version", "contract versions"), first.Carrier, first.Starts.US())
}

func (c *contractsScreen) indexOf(id string) int {
	for i := range c.contracts {
		if c.contracts[i].ID == id {
			return i
		}
	}
	return 0
}

func (c *contractsScreen) none(msg string) {
	c.selected = -1
	c.body.Hide()
	c.empty.SetText(msg)
	c.empty.Show()
}

// show brings a version forward; the version before it is compared.
func (c *contractsScreen) show(i int) {
	if i < 0 || i >= len(c.contracts) {
		return
	}
	c.selected = i
	k := &c.contracts[i]
	c.empty.Hide()
	c.body.Show()
	state := ""
	if k.ID == c.inForce {
		state = " — in force"
	}
	c.name.SetText(fmt.Sprintf("Version %d: %s%s", k.Number, k.Kind.Label(), state))
	var signed []string
	for _, s := range k.Signatories {
		signed = append(signed, fmt.Sprintf("%s, %s (%s) on %s", s.Name, s.Title, s.Party, s.SignedOn.US()))
	}
	c.period.SetText(fmt.Sprintf("In force %s with %s.\nContribution: %s.\nSigned by %s.", k.Period(), k.Carrier,
		k.Contribution.Describe(), strings.Join(signed, "; ")))
	c.plans.SetText(planLines(k))
	c.terms.SetText(termLines(k))
	var others []string
	for j := range c.contracts {
		if j != i {
			others = append(others, c.contracts[j].Label())
		}
	}
	c.compare.SetOptions(others)
	if i+1 < len(c.contracts) {
		c.compare.SetSelected(c.contracts[i+1].Label())
	} else {
		c.compare.ClearSelected()
		c.changes.SetText("The original agreement: nothing came before it.")
	}
}

func planLines(k *model.Contract) string {
	var lines []string
	for _, p := range k.Plans {
		lines = append(lines, fmt.Sprintf("%s (%s)", p.Name, p.PlanID))
		for _, r := range contract.Rates(p) {
			lines = append(lines, fmt.Sprintf("    %-28s %12s", r[0], r[1]))
		}
	}
	return strings.Join(lines, "\n")
}

func termLines(k *model.Contract) string {
	var b strings.Builder
	for i, t := range k.Terms {
		fmt.Fprintf(&b, "%d. %s: %s\n", i+1, t.Heading, t.Text)
	}
	for _, a := range k.Amendments {
		fmt.Fprintf(&b, "Amendment %d, from %s: %s\n", a.Number, a.Effective.US(), a.Text)
	}
	return strings.TrimSpace(b.String())
}

// showChanges says what changed from the version chosen to the one shown.
func (c *contractsScreen) showChanges() {
	if c.selected < 0 || c.compare.Selected == "" {
		return
	}
	other := -1
	for j := range c.contracts {
		if c.contracts[j].Label() == c.compare.Selected {
			other = j
		}
	}
	if other < 0 {
		return
	}
	from, to := &c.contracts[other], &c.contracts[c.selected]
	if from.Number > to.Number {
		from, to = to, from
	}
	d := model.DiffContracts(from, to)
	if d.Empty() {
		c.changes.SetText(fmt.Sprintf("Nothing changed from version %d to version %d but the period.", from.Number, to.Number))
		return
	}
	c.changes.SetText(fmt.Sprintf("From version %d to version %d:\n• %s", from.Number, to.Number, strings.Join(d.Lines(), "\n• ")))
}

// chooseExport asks where to save the version shown as PDF.
func (c *contractsScreen) chooseExport() {
	if c.selected < 0 {
		return
	}
	k := c.contracts[c.selected]
	dlg := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ".pdf") {
			path += ".pdf"
		}
		c.exportTo(k, path)
	}, c.shell.win)
	dlg.SetFileName(fmt.Sprintf("contract-%s-v%d.pdf", c.group.Number, k.Number))
	dlg.Resize(fyne.NewSize(900, 620))
	dlg.Show()
}

// exportTo writes a version as PDF.
func (c *contractsScreen) exportTo(k model.Contract, path string) bool {
	err := contract.WriteFile(path, &contract.Contract{Group: c.group.Group, Contract: &k, Prepared: c.shell.deps.Now()})
	if err != nil {
		c.shell.showError("The contract was not written", err)
		return false
	}
	c.shell.setStatus(fmt.Sprintf("Contract version %d written to %s", k.Number, path))
	return true
}
