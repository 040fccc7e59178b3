package ui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// homeAlertRows is how many alerts Home shows before it scrolls.
const homeAlertRows = 5

// newHomeAlerts builds the "Needs attention" card of Home.
func (h *homeScreen) newHomeAlerts() fyne.CanvasObject {
	h.alerts = newAlertList(h.shell, false, "Nothing needs attention in this group right now.")
	h.alertRows = &atLeast{h: rowHeight()}
	h.alertBox = container.New(h.alertRows, h.alerts.root)
	h.alertCard = widget.NewCard("Needs attention", "Most urgent first. Select one to act on it; the Calendar screen has every date.", h.alertBox)
	return h.alertCard
}

// loadAlerts finds the group's alerts in the background.
func (h *homeScreen) loadAlerts(g model.GroupSummary) {
	if g.ID == "" {
		h.alerts.set(nil)
		return
	}
	sc := alertScope{ctx: h.shell.deps.Ctx, shell: h.shell, today: h.shell.deps.today(), groups: []model.GroupSummary{g}}
	var as []model.Alert
	var err error
	h.alerts.empty.SetText("Looking for what needs attention…")
	h.shell.background(func() { as, err = collectAlerts(sc) }, func() {
		if h.group.ID != g.ID {
			return
		}
		h.alerts.empty.SetText("Nothing needs attention in this group right now.")
		h.alerts.set(as)
		h.alertCard.SetSubTitle(alertSummary(as))
		h.alertRows.h = float32(min(max(len(as), 1), homeAlertRows)) * rowHeight()
		h.alertBox.Refresh()
		if err != nil {
			fyne.LogError("reading the alerts", err)
		}
	})
}

// alertSummary counts the alerts by how urgent they are.
func alertSummary(as []model.Alert) string {
	if len(as) == 0 {
		return "Nothing needs attention."
	}
	urgent := "none urgent"
	if n := urgentCount(as); n > 0 {
		urgent = fmt.Sprintf("%d urgent", n)
	}
	return fmt.Sprintf("%s, %s. Most urgent first; select one to act on it.", plural(len(as), "item", "items"), urgent)
}

func urgentCount(as []model.Alert) int {
	n := 0
	for _, a := range as {
		if a.Severity == model.SeverityUrgent {
			n++
		}
	}
	return n
}

// rowHeight is the height of one list row in the current theme, so that
// sizes follow the text scale.
func rowHeight() float32 {
	return widget.NewLabel("Ag").MinSize().Height + 2*theme.Size(theme.SizeNamePadding)
}
