package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// contributionControls edit an employer contribution what-if and report
// every valid change as it is typed.
type contributionControls struct {
	c         model.Contribution
	onChange  func(model.Contribution)
	basis     *widget.Select
	percent   *widget.Entry
	flat      *widget.Entry
	dependent *widget.Entry
	periods   *widget.Select
	problem   *widget.Label
}

func newContributionControls(c model.Contribution, onChange func(model.Contribution)) *contributionControls {
	cc := &contributionControls{c: c, onChange: onChange}
	var labels []string
	for _, b := range model.ContributionBases {
		labels = append(labels, b.Label())
	}
	cc.basis = widget.NewSelect(labels, func(string) { cc.fitBasis(); cc.changed() })
	cc.percent, cc.flat, cc.dependent = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	cc.periods = widget.NewSelect([]string{"12", "24", "26", "52"}, func(string) { cc.changed() })
	cc.problem = widget.NewLabel("")
	cc.problem.Importance = widget.DangerImportance
	cc.problem.Wrapping = fyne.TextWrapWord
	cc.problem.Hide()
	cc.set(c)
	for _, e := range []*widget.Entry{cc.percent, cc.flat, cc.dependent} {
		e.OnChanged = func(string) { cc.changed() }
	}
	return cc
}

// set shows a contribution without reporting it.
func (cc *contributionControls) set(c model.Contribution) {
	cc.c = c
	fire := cc.onChange
	cc.onChange = nil
	cc.basis.SetSelected(c.Basis.Label())
	cc.percent.SetText(trimPercent(c.Percent))
	cc.flat.SetText(c.Flat.Decimal())
	cc.dependent.SetText(trimPercent(c.DependentPercent))
	cc.periods.SetSelected(strconv.Itoa(c.PayPeriods))
	cc.fitBasis()
	cc.onChange = fire
}

// fitBasis enables the amounts the chosen basis uses: the percent for the
// percent bases, the flat amount for the flat one, the dependents' percent
// unless every member's premium is shared alike.
func (cc *contributionControls) fitBasis() {
	if cc.percent == nil {
		return
	}
	b := model.ContributionBases[max(cc.basis.SelectedIndex(), 0)]
	enable := func(e *widget.Entry, on bool) {
		if on {
			e.Enable()
		} else {
			e.Disable()
		}
	}
	enable(cc.percent, b != model.ContribFlat)
	enable(cc.flat, b == model.ContribFlat)
	enable(cc.dependent, b != model.ContribEachMember)
}

func trimPercent(p model.Percent) string { s := p.String(); return s[:len(s)-1] }

func (cc *contributionControls) view() fyne.CanvasObject {
	w := func(o fyne.CanvasObject, width float32) fyne.CanvasObject {
		return container.NewGridWrap(fyne.NewSize(width, 36), o)
	}
	// What is wrong goes on a line of its own, under the amounts, so that a
	// long message does not widen the screen.
	return container.NewVBox(container.NewHBox(widget.NewLabel("Employer pays"), w(cc.basis, 290), w(cc.percent, 64), widget.NewLabel("%   Flat $"),
		w(cc.flat, 84), widget.NewLabel("Dependents %"), w(cc.dependent, 64), widget.NewLabel("Pay periods"), w(cc.periods, 76)), cc.problem)
}

// changed reads the controls and reports the contribution if it is valid.
func (cc *contributionControls) changed() {
	if cc.onChange == nil || cc.basis == nil || cc.periods == nil {
		return
	}
	c, err := cc.read()
	if err != nil {
		cc.problem.SetText(err.Error())
		cc.problem.Show()
		return
	}
	cc.problem.SetText("")
	cc.problem.Hide()
	cc.c = c
	cc.onChange(c)
}

func (cc *contributionControls) read() (model.Contribution, error) {
	c := model.Contribution{Basis: model.ContributionBases[max(cc.basis.SelectedIndex(), 0)]}
	var err error
	if c.Percent, err = model.ParsePercent(orZero(cc.percent.Text)); err != nil {
		return c, err
	}
	if c.DependentPercent, err = model.ParsePercent(orZero(cc.dependent.Text)); err != nil {
		return c, err
	}
	if c.Flat, err = model.ParseMoney(orZero(cc.flat.Text)); err != nil {
		return c, err
	}
	c.PayPeriods, _ = strconv.Atoi(cc.periods.Selected)
	return c, c.Validate()
}

func orZero(s string) string {
	if s == "" {
		return "0"
	}
	return s
}
