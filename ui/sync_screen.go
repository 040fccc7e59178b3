package ui

import (
	"encoding/json"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// syncScreen shows the connection to the account service: online state,
// last sync, the changes waiting to be sent, and the ones waiting for the
// user — conflicts (local and server side by side) and refusals. Nothing is
// dropped without the user's say.
type syncScreen struct {
	shell *Shell
	root  fyne.CanvasObject

	state   *widget.Form
	signIn  *widget.Button
	signOut *widget.Button
	syncNow *widget.Button
	// running shows a round in progress: what it has sent and received.
	running  *fyne.Container
	activity *widget.ProgressBarInfinite
	counts   *widget.Label
	pending  *widget.Label
	held     *fyne.Container
	heldOps  []model.HeldOp
}

func newSyncScreen(s *Shell) *syncScreen {
	sc := &syncScreen{shell: s}
	sc.root = sc.build()
	return sc
}

func (sc *syncScreen) title() string               { return "Sync" }
func (sc *syncScreen) icon() fyne.Resource         { return theme.ViewRefreshIcon() }
func (sc *syncScreen) view() fyne.CanvasObject     { return sc.root }
func (sc *syncScreen) setGroup(model.GroupSummary) {}
func (sc *syncScreen) shown()                      { sc.refresh() }

func (sc *syncScreen) build() fyne.CanvasObject {
	sc.state = widget.NewForm()
	sc.signIn = widget.NewButtonWithIcon("Sign in…", theme.LoginIcon(), func() { sc.shell.openSignIn() })
	sc.signIn.Importance = widget.HighImportance
	sc.signOut = widget.NewButtonWithIcon("Sign out", theme.LogoutIcon(), sc.onSignOut)
	sc.syncNow = widget.NewButtonWithIcon("Sync now", theme.ViewRefreshIcon(), func() {
		if a := sc.shell.deps.Account; a != nil {
			a.SyncNow()
		}
	})
	sc.pending = widget.NewLabel("")
	sc.pending.Wrapping = fyne.TextWrapWord
	sc.held = container.NewVBox()
	sc.activity, sc.counts = widget.NewProgressBarInfinite(), widget.NewLabel("")
	sc.activity.Stop()
	sc.running = container.NewVBox(sc.counts, sc.activity)
	sc.running.Hide()
	actions := container.NewHBox(sc.signIn, sc.syncNow, sc.signOut)
	body := container.NewVBox(
		widget.NewCard("Account service", "", container.NewVBox(sc.state, actions, sc.running)),
		widget.NewCard("Waiting to be sent", "Changes made on this computer go out in order when it is online.", sc.pending),
		widget.NewCard("Waiting for you", "The account service did not take these changes as they are. Nothing is dropped until you decide.", sc.held),
	)
	return container.NewVScroll(container.NewPadded(body))
}

// showProgress shows a round in progress, in words.
func (sc *syncScreen) showProgress(text string) {
	sc.counts.SetText(text)
	if !sc.running.Visible() {
		sc.running.Show()
		sc.activity.Start()
		sc.root.Refresh() // the account card grows or shrinks
	}
}

// hideProgress takes the progress away once a round has ended.
func (sc *syncScreen) hideProgress() {
	if sc.running.Visible() {
		sc.activity.Stop()
		sc.running.Hide()
		sc.root.Refresh() // the account card grows or shrinks
	}
}

// refresh reads the state again; it runs on the UI goroutine.
func (sc *syncScreen) refresh() {
	ctx := sc.shell.deps.Ctx
	st := SyncState{}
	if a := sc.shell.deps.Account; a != nil {
		st = a.State(ctx)
	}
	sc.fillState(st)
	ops, err := sc.shell.deps.Store.Outbox(ctx)
	if err != nil {
		sc.pending.SetText(model.ErrorMessage(err))
	} else {
		n := 0
		for _, op := range ops {
			if op.State == model.OpPending {
				n++
			}
		}
		sc.pending.SetText(pendingText(n, st))
	}
	sc.heldOps, err = sc.shell.deps.Store.Held(ctx)
	if err != nil {
		sc.shell.showError("Could not read the changes waiting for you", err)
	}
	sc.fillHeld()
}

func pendingText(n int, st SyncState) string {
	switch {
	case n == 0:
		return "Nothing is waiting: every change made here has reached the account service."
	case !st.SignedIn:
		return fmt.Sprintf("%s made on this computer will be sent once you sign in.", plural(n, "change", "changes"))
	case !st.Online:
		return fmt.Sprintf("%s will be sent when the account service can be reached again.", plural(n, "change", "changes"))
	}
	return fmt.Sprintf("%s will be sent in the next round.", plural(n, "change", "changes"))
}

func (sc *syncScreen) fillState(st SyncState) {
	online := "Offline"
	switch {
	case !st.SignedIn:
		online = "Not signed in"
	case st.Online:
		online = "Online"
	}
	last := "Never"
	if !st.LastSync.IsZero() {
		last = st.LastSync.Local().Format("Jan 2, 2006 3:04:05 PM")
	}
	items := [][2]string{{"Status", online}, {"Server", orDash(st.Server)}, {"Signed in as", orDash(st.User)}, {"Last sync", last}}
	if st.LastError != "" {
		items = append(items, [2]string{"Last problem", st.LastError})
	}
	if st.Keychain != "" {
		items = append(items, [2]string{"Sign-in storage", st.Keychain})
	}
	setForm(sc.state, items)
	if st.SignedIn {
		sc.signIn.Hide()
		sc.signOut.Show()
		sc.syncNow.Enable()
	} else {
		sc.signIn.Show()
		sc.signOut.Hide()
		sc.syncNow.Disable()
	}
	if sc.shell.deps.Account == nil {
		sc.signIn.Disable()
	}
}

func (sc *syncScreen) fillHeld() {
	sc.held.Objects = nil
	if len(sc.heldOps) == 0 {
		sc.held.Add(widget.NewLabel("Nothing is waiting for you."))
	}
	for _, h := range sc.heldOps {
		sc.held.Add(sc.heldRow(h))
	}
	sc.held.Refresh()
}

func (sc *syncScreen) heldRow(h model.HeldOp) fyne.CanvasObject {
	kind := "Conflict"
	if h.State == model.OpRefused {
		kind = "Refused"
	}
	title := widget.NewLabelWithStyle(fmt.Sprintf("%s: %s", kind, describeOp(h.Operation)), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	reason := widget.NewLabel(h.Reason)
	reason.Wrapping = fyne.TextWrapWord
	h2 := h
	compare := widget.NewButtonWithIcon("Compare…", theme.VisibilityIcon(), func() { sc.shell.openCompare(h2) })
	keepMine := widget.NewButton("Keep mine", func() {
		sc.resolve("Keep your version", func() error { return sc.shell.deps.Store.KeepMine(sc.shell.deps.Ctx, h2.ID) })
	})
	keepServer := widget.NewButton("Keep the server's", func() {
		sc.resolve("Keep the server's version", func() error { return sc.shell.deps.Store.KeepServer(sc.shell.deps.Ctx, h2.ID) })
	})
	if h.State == model.OpRefused {
		keepMine.Hide()
		keepServer.SetText("Discard my change")
	}
	if len(h.ServerCopy) == 0 {
		compare.Disable()
	}
	return container.NewVBox(title, reason, container.NewHBox(compare, keepMine, keepServer), widget.NewSeparator())
}

// resolve asks before it applies a decision, then syncs.
func (sc *syncScreen) resolve(what string, do func() error) {
	dialog.ShowConfirm(what+"?", "The other version stays in the history of the record.", func(ok bool) {
		if !ok {
			return
		}
		if err := do(); err != nil {
			sc.shell.showError("Could not resolve the change", err)
			return
		}
		if a := sc.shell.deps.Account; a != nil {
			a.SyncNow()
		}
		sc.refresh()
	}, sc.shell.win)
}

func (sc *syncScreen) onSignOut() {
	dialog.ShowConfirm("Sign out?", "GroupDesk stops syncing and forgets your sign-in on this computer. Your data stays here.", func(ok bool) {
		if !ok {
			return
		}
		if err := sc.shell.deps.Account.SignOut(sc.shell.deps.Ctx); err != nil {
			sc.shell.showError("Signing out", err)
		}
		sc.hideProgress()
		sc.shell.setStatus(syncStatusLine(sc.shell.deps.Account.State(sc.shell.deps.Ctx), sc.shell.deps.DBPath))
		sc.shell.principalChanged()
		sc.refresh()
	}, sc.shell.win)
}

// describeOp names the record an operation changes, for people.
func describeOp(op model.Operation) string {
	if op.Entity == model.EntityMember {
		var m model.Member
		if json.Unmarshal(op.Payload, &m) == nil && m.LastName != "" {
			return fmt.Sprintf("%s of %s (%s)", op.Action, m.FullName(), m.EmployeeID)
		}
	}
	return fmt.Sprintf("%s of %s %s", op.Action, op.Entity, op.EntityID)
}
