package ui

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

func parseWaivers(text string) []model.Waiver {
	var out []model.Waiver
	for _, line := range strings.Split(text, "\n") {
		name, reason, _ := strings.Cut(line, ";")
		if strings.TrimSpace(name) != "" {
			out = append(out, model.Waiver{Name: strings.TrimSpace(name), Reason: strings.TrimSpace(reason)})
		}
	}
	return out
}

func (w *appWizard) plansStep() fyne.CanvasObject {
	cat, err := w.screen.shell.quotes().Catalog(w.screen.shell.deps.Ctx)
	if err != nil {
		return widget.NewLabel(model.ErrorMessage(err))
	}
	var options, selected []string
	for _, p := range cat.Plans {
		if p.Rating.Method == model.RatingAge {
			options = append(options, planChoice(&p))
			for _, id := range w.app.PlanIDs {
				if id == p.ID {
					selected = append(selected, planChoice(&p))
				}
			}
		}
	}
	w.plans = widget.NewCheckGroup(options, nil)
	w.plans.Selected = selected
	w.contrib = newContributionControls(w.app.Contribution, func(c model.Contribution) { w.app.Contribution = c })
	s := model.DefaultCarrierSettings
	return container.NewVBox(widget.NewLabel(fmt.Sprintf("The carrier needs at least %s of each employee-only premium.", s.MinContribution)),
		w.contrib.view(), widget.NewLabel("Plans offered to the employees:"), w.plans)
}

func (w *appWizard) savePlans() {
	w.app.PlanIDs = nil
	for _, c := range w.plans.Selected {
		w.app.PlanIDs = append(w.app.PlanIDs, planIDOf(c))
	}
}

// documentsStep is the required documents checklist. There is no document
// vault yet: each file's name, size and SHA-256 are kept in the
// application, to match the file when it is sent.
func (w *appWizard) documentsStep() fyne.CanvasObject {
	w.docs = container.NewVBox()
	w.app.Documents = model.DefaultCarrierSettings.RequiredDocuments(w.app)
	for i := range w.app.Documents {
		i := i
		d := w.app.Documents[i]
		state := "not attached"
		if d.FileName != "" {
			state = fmt.Sprintf("%s (%s bytes, SHA-256 %s…)", d.FileName, count(int(d.Size)), d.SHA256[:12])
		}
		attach := widget.NewButton("Attach…", func() {
			dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
				if err == nil && r != nil {
					path := r.URI().Path()
					r.Close()
					w.attach(i, path)
				}
			}, w.screen.shell.win)
		})
		w.docs.Add(container.NewBorder(nil, nil, attach, nil, widget.NewLabel(d.Label+": "+state)))
	}
	note := widget.NewLabel("GroupDesk has no document vault yet: it records each file's name and SHA-256 fingerprint with the application; the carrier matches the files you send against them.")
	note.Wrapping = fyne.TextWrapWord
	return container.NewVBox(note, w.docs)
}

// attach records a document's name, size and SHA-256.
func (w *appWizard) attach(i int, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return err
	}
	d := &w.app.Documents[i]
	d.FileName, d.Size, d.SHA256 = filepath.Base(path), n, hex.EncodeToString(h.Sum(nil))
	w.goTo(w.step)
	return nil
}

func (w *appWizard) reviewStep() fyne.CanvasObject {
	w.checks = container.NewVBox()
	cat, _ := w.screen.shell.quotes().Catalog(w.screen.shell.deps.Ctx)
	in := model.CheckInput{Settings: model.DefaultCarrierSettings, Catalog: cat, Today: w.screen.shell.deps.today()}
	for _, c := range w.app.Checks(in) {
		mark := "✓"
		if !c.OK {
			mark = "✗"
		}
		l := widget.NewLabel(mark + " " + c.Name + ": " + c.Detail)
		l.Wrapping = fyne.TextWrapWord
		if !c.OK {
			l.Importance = widget.DangerImportance
		}
		w.checks.Add(l)
	}
	submit := widget.NewButton("Submit the application", w.submit)
	submit.Importance = widget.HighImportance
	return container.NewVBox(w.checks, submit)
}

func (w *appWizard) saveDraft() {
	w.steps[w.step].save()
	if err := w.screen.shell.quotes().SaveApplication(w.screen.shell.deps.Ctx, w.app); err != nil {
		w.screen.shell.showError("The application could not be saved", err)
		return
	}
	w.screen.shell.setStatus("Application of " + w.app.Company.LegalName + " saved as a draft")
	w.screen.reload()
}

// submit checks and submits the application; it reaches the carrier at
// the next sync.
func (w *appWizard) submit() {
	w.steps[w.step].save()
	if err := w.screen.shell.quotes().SubmitApplication(w.screen.shell.deps.Ctx, w.app); err != nil {
		w.screen.shell.showError("The application cannot be submitted yet", err)
		return
	}
	w.screen.shell.setStatus("Application of " + w.app.Company.LegalName + " submitted; it is sent at the next sync")
	w.screen.reload()
}
