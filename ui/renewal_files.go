package ui

import (
	"maps"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
	"github.com/groupdesk/groupdesk/reports/renewal"
)

func (t *renewalExploreTab) askName() {
	name := widget.NewEntry()
	name.SetText(t.rs.work.Name)
	if name.Text == "" {
		name.SetPlaceHolder("Silver for everyone, 75% toward employees")
	}
	d := dialog.NewForm("Save scenario", "Save", "Cancel", []*widget.FormItem{widget.NewFormItem("Name", name)}, func(ok bool) {
		if ok {
			t.saveScenario(name.Text)
		}
	}, t.rs.shell.win)
	t.rs.shell.showDialog(d, nil)
}

// saveScenario keeps the scenario under a name. The first scenario of an
// untouched renewal moves it to draft, so everyone with access sees that
// changes are being prepared.
func (t *renewalExploreTab) saveScenario(name string) error {
	rs := t.rs
	sc := rs.work
	sc.Name = strings.TrimSpace(name)
	if sc.Name != rs.work.Name {
		sc.ID = "" // a new name is a new scenario
	}
	st, ctx := rs.shell.renewalsStore(), rs.shell.deps.Ctx
	if err := st.SaveRenewalScenario(ctx, &sc); err != nil {
		rs.shell.showError("The scenario could not be saved", err)
		return err
	}
	rs.work = sc
	rs.scenarios, _ = st.RenewalScenarios(ctx, rs.renewal.ID)
	rs.shell.setStatus("Renewal scenario " + sc.Name + " saved")
	if rs.renewal.Status == model.RenewalAvailable && rs.shell.mayAnswer(rs.group.ID) {
		r := *rs.renewal
		if err := st.StartRenewal(ctx, &r); err != nil {
			rs.shell.showError("The renewal could not be marked as in preparation", err)
		} else {
			rs.saved(r)
		}
	}
	t.render()
	return nil
}

func (t *renewalExploreTab) chooseScenario() {
	list := t.rs.scenarios
	if len(list) == 0 {
		dialog.ShowInformation("No scenarios", "Save a scenario to come back to it here.", t.rs.shell.win)
		return
	}
	var names []string
	for _, s := range list {
		names = append(names, s.Name)
	}
	pick := widget.NewSelect(names, nil)
	d := dialog.NewCustomConfirm("Open scenario", "Open", "Cancel", pick, func(ok bool) {
		if ok && pick.SelectedIndex() >= 0 {
			t.openScenario(list[pick.SelectedIndex()])
		}
	}, t.rs.shell.win)
	t.rs.shell.showDialog(d, nil)
}

// openScenario makes a saved scenario the one worked on.
func (t *renewalExploreTab) openScenario(s model.RenewalScenario) {
	s.Plans = maps.Clone(s.Plans)
	s.Compare = append([]string(nil), s.Compare...)
	s.Changes = append([]model.RenewalChange(nil), s.Changes...)
	t.rs.work = s
	t.rs.reloadRoster()
}

func (t *renewalExploreTab) chooseExport(ext string) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		if !strings.EqualFold(filepath.Ext(path), ext) {
			path += ext
		}
		t.exportTo(path)
	}, t.rs.shell.win)
	d.SetFileName("renewal" + ext)
	d.Resize(fyne.NewSize(900, 620))
	d.Show()
}

// exportTo writes the scenario's comparison (PDF or XLSX by extension).
func (t *renewalExploreTab) exportTo(path string) {
	rs := t.rs
	w := rs.work
	c, err := renewal.New(rs.group.Group, rs.renewal, rs.fams, &w, rs.shell.deps.today(), rs.shell.deps.Now())
	if err != nil {
		rs.shell.showError("The comparison could not be written", err)
		return
	}
	rs.shell.background(func() { err = renewal.WriteFile(path, c) }, func() {
		if err != nil {
			rs.shell.showError("The comparison could not be written", err)
			return
		}
		rs.shell.setStatus("Renewal comparison written to " + path)
	})
}
