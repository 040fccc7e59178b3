package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// rulesEditor is the dialog that changes the rules: a window and a start
// rule per life-event row, a limit and days per retro row.
type rulesEditor struct {
	view    *rulesView
	dlg     dialog.Dialog
	windows []*widget.Entry
	starts  []*widget.Select
	limits  []*widget.Select
	days    []*widget.Entry
	problem *widget.Label
}

func (v *rulesView) openEditor() *rulesEditor {
	e := &rulesEditor{view: v, problem: widget.NewLabel("")}
	e.problem.Wrapping = fyne.TextWrapWord
	e.problem.Importance = widget.DangerImportance
	form := widget.NewForm()
	for _, r := range v.rules.Events {
		form.Append(eventRowLabel(r), e.eventRow(r))
	}
	for _, r := range v.rules.Retro {
		form.Append("Backdating, "+orAny(r.Carrier)+" carrier, "+orAny(r.State)+" state", e.retroRow(r))
	}
	body := container.NewBorder(nil, e.problem, nil, nil, container.NewVScroll(form))
	e.dlg = dialog.NewCustomConfirm("Change the rules", "Save", "Cancel", body, func(ok bool) {
		if ok {
			e.save()
		}
	}, v.shell.win)
	e.dlg.Resize(fyne.NewSize(820, 620))
	v.shell.showDialog(e.dlg, e.save)
	return e
}

func eventRowLabel(r model.EventRule) string {
	where := []string{}
	if r.State != "" {
		where = append(where, r.State)
	}
	if r.Segment != "" {
		where = append(where, string(r.Segment)+" group")
	}
	if len(where) == 0 {
		return r.Event.Label()
	}
	return r.Event.Label() + " (" + strings.Join(where, ", ") + ")"
}

func (e *rulesEditor) eventRow(r model.EventRule) fyne.CanvasObject {
	w := widget.NewEntry()
	w.SetText(strconv.Itoa(r.WindowDays))
	labels := make([]string, len(model.EffectiveRules))
	for i, x := range model.EffectiveRules {
		labels[i] = x.Label()
	}
	start := widget.NewSelect(labels, nil)
	start.SetSelected(r.Effective.Label())
	e.windows, e.starts = append(e.windows, w), append(e.starts, start)
	return container.NewBorder(nil, nil, container.NewHBox(container.New(&atLeast{w: 70}, w), widget.NewLabel("days")), nil, start)
}

func (e *rulesEditor) retroRow(r model.RetroRule) fyne.CanvasObject {
	labels := make([]string, len(model.RetroLimits))
	for i, x := range model.RetroLimits {
		labels[i] = x.Label()
	}
	limit := widget.NewSelect(labels, nil)
	limit.SetSelected(r.Limit.Label())
	days := widget.NewEntry()
	days.SetText(strconv.Itoa(r.Days))
	e.limits, e.days = append(e.limits, limit), append(e.days, days)
	return container.NewBorder(nil, nil, nil, container.NewHBox(container.New(&atLeast{w: 70}, days), widget.NewLabel("days")), limit)
}

// edited is the rules as the dialog has them.
func (e *rulesEditor) edited() model.Rules {
	rs := model.Rules{Events: append([]model.EventRule(nil), e.view.rules.Events...), Retro: append([]model.RetroRule(nil), e.view.rules.Retro...)}
	for i := range rs.Events {
		rs.Events[i].WindowDays, _ = strconv.Atoi(strings.TrimSpace(e.windows[i].Text))
		rs.Events[i].Effective = model.EffectiveRules[max(e.starts[i].SelectedIndex(), 0)]
	}
	for i := range rs.Retro {
		rs.Retro[i].Limit = model.RetroLimits[max(e.limits[i].SelectedIndex(), 0)]
		rs.Retro[i].Days, _ = strconv.Atoi(strings.TrimSpace(e.days[i].Text))
		if rs.Retro[i].Limit != model.RetroDays {
			rs.Retro[i].Days = 0
		}
	}
	return rs
}

// save writes the rules; on a refusal the dialog shows why and stays open.
func (e *rulesEditor) save() {
	ed, _ := e.view.shell.deps.Store.(model.RulesEditor)
	if ed == nil {
		return
	}
	if err := ed.SaveRules(e.view.shell.deps.Ctx, e.edited()); err != nil {
		e.problem.SetText(problemText(err))
		e.dlg.Show()
		return
	}
	e.dlg.Hide()
	e.view.load()
	e.view.shell.setStatus("The rules were saved.")
}
