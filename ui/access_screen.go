package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/groupdesk/groupdesk/model"
)

// accessScreen lets the Primary Group Administrator see who has access to
// the group, invite Secondary Users with a role, change roles, revoke
// access and grant brokers; a broker delegates to staff of their firm. The
// account service decides every one of these.
type accessScreen struct {
	shell  *Shell
	group  model.GroupSummary
	grants []model.Grant
	root   fyne.CanvasObject

	people  *fyne.Container
	note    *widget.Label
	invite  *fyne.Container
	brokers *fyne.Container
	staff   *fyne.Container
	inviteE *widget.Entry
	inviteN *widget.Entry
	inviteR *widget.Select
	brokerE *widget.Entry
	staffE  *widget.Entry
	staffN  *widget.Entry
}

// secondaryRoles are the roles a PGA gives Secondary Users.
var secondaryRoles = []model.Role{model.RoleFull, model.RoleMembership, model.RoleBilling, model.RoleReadOnly}

func newAccessScreen(s *Shell) *accessScreen {
	a := &accessScreen{shell: s}
	a.root = a.build()
	return a
}

func (a *accessScreen) title() string                 { return "Access" }
func (a *accessScreen) icon() fyne.Resource           { return theme.AccountIcon() }
func (a *accessScreen) view() fyne.CanvasObject       { return a.root }
func (a *accessScreen) setGroup(g model.GroupSummary) { a.group = g }
func (a *accessScreen) shown()                        { a.load() }

// allowed shows the screen to those who manage the group's access (the
// PGA) and to brokers (who delegate to their staff), once connected.
func (a *accessScreen) allowed() bool {
	who := model.PrincipalFrom(a.shell.deps.Ctx)
	if a.shell.deps.Account == nil || who == nil || who.Owner || a.shell.group.ID == "" {
		return false
	}
	return who.Can(a.shell.group.ID, model.PermAccessManage) || who.Grants[a.shell.group.ID] == model.RoleBroker
}

func (a *accessScreen) build() fyne.CanvasObject {
	a.people = container.NewVBox()
	a.note = widget.NewLabel("")
	a.note.Wrapping = fyne.TextWrapWord
	a.inviteE, a.inviteN, a.brokerE, a.staffE, a.staffN = emailEntry(), nameEntry(), emailEntry(), emailEntry(), nameEntry()
	labels := make([]string, len(secondaryRoles))
	for i, r := range secondaryRoles {
		labels[i] = r.Label()
	}
	a.inviteR = widget.NewSelect(labels, nil)
	a.inviteR.SetSelectedIndex(1)
	a.invite = container.NewVBox(
		widget.NewForm(widget.NewFormItem("Name", a.inviteN), widget.NewFormItem("Email", a.inviteE), widget.NewFormItem("Role", a.inviteR)),
		container.NewHBox(widget.NewButtonWithIcon("Send access code", theme.MailSendIcon(), a.onInvite)))
	a.brokers = container.NewVBox(widget.NewForm(widget.NewFormItem("Broker's email", a.brokerE)),
		container.NewHBox(widget.NewButtonWithIcon("Give access", theme.ContentAddIcon(), a.onBroker)))
	a.staff = container.NewVBox(widget.NewForm(widget.NewFormItem("Name", a.staffN), widget.NewFormItem("Email", a.staffE)),
		container.NewHBox(widget.NewButtonWithIcon("Send access code", theme.MailSendIcon(), a.onStaff)))
	designate := widget.NewButtonWithIcon("Open the officer's designation form", theme.ComputerIcon(), a.onDesignate)
	body := container.NewVBox(
		widget.NewCard("People with access", "Roles decide what each person may see and do in this group.", container.NewVBox(a.note, a.people)),
		widget.NewCard("Invite a Secondary User", "They receive a single-use access code, valid for 7 days, to register.", a.invite),
		widget.NewCard("Broker access", "Give a registered broker access to this group, or remove it above.", a.brokers),
		widget.NewCard("Delegate to your firm's staff", "A colleague of your brokerage receives an access code for this group.", a.staff),
		widget.NewCard("A new group", "A group officer designates the Primary Group Administrator on the account service's form.", container.NewHBox(designate)),
	)
	return container.NewVScroll(container.NewPadded(body))
}

func emailEntry() *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("name@company.com")
	e.Validator = func(s string) error {
		if len(s) < 3 || !containsAt(s) {
			return fmt.Errorf("enter an email address")
		}
		return nil
	}
	return e
}

func nameEntry() *widget.Entry {
	e := widget.NewEntry()
	e.SetPlaceHolder("First and last name")
	return e
}

func containsAt(s string) bool {
	for _, r := range s {
		if r == '@' {
			return true
		}
	}
	return false
}

// load reads who has access from the account service.
func (a *accessScreen) load() {
	who := model.PrincipalFrom(a.shell.deps.Ctx)
	manage := who != nil && who.Can(a.group.ID, model.PermAccessManage)
	broker := who != nil && who.Grants[a.group.ID] == model.RoleBroker
	showIf(a.invite, manage)
	showIf(a.brokers, manage)
	showIf(a.staff, broker)
	a.people.Objects = nil
	if !manage {
		a.note.SetText("Only the group's Primary Group Administrator sees and changes who has access.")
		a.people.Refresh()
		return
	}
	a.note.SetText("Reading who has access…")
	var grants []model.Grant
	var err error
	group := a.group
	a.shell.background(func() {
		grants, err = a.shell.deps.Account.GroupAccess(a.shell.deps.Ctx, group.ID)
	}, func() {
		if a.group.ID != group.ID {
			return
		}
		if err != nil {
			a.note.SetText(model.ErrorMessage(err))
			return
		}
		a.grants = grants
		a.note.SetText(plural(len(grants), "person has", "people have") + " access to " + strings.TrimSuffix(group.Name, ".") + ".")
		a.people.Objects = nil // a load that overlapped this one may have filled it
		for _, g := range grants {
			a.people.Add(a.grantRow(g))
		}
		a.people.Refresh()
	})
}

func showIf(o fyne.CanvasObject, show bool) {
	if show {
		o.Show()
	} else {
		o.Hide()
	}
}

func (a *accessScreen) grantRow(g model.Grant) fyne.CanvasObject {
	who := widget.NewLabel(fmt.Sprintf("%s  <%s>", g.UserName, g.UserEmail))
	who.Truncation = fyne.TextTruncateEllipsis
	role := widget.NewLabel(g.Role.Label())
	if g.Role == model.RolePGA || g.Role == model.RoleBroker {
		if g.Role == model.RoleBroker {
			remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { a.onRevoke(g) })
			return container.NewBorder(nil, nil, nil, container.NewHBox(role, remove), who)
		}
		return container.NewBorder(nil, nil, nil, role, who)
	}
	labels := make([]string, len(secondaryRoles))
	for i, r := range secondaryRoles {
		labels[i] = r.Label()
	}
	pick := widget.NewSelect(labels, nil)
	pick.SetSelected(g.Role.Label())
	pick.OnChanged = func(string) {
		role := secondaryRoles[pick.SelectedIndex()]
		if role != g.Role {
			a.run("Changing the role", func() error { return a.shell.deps.Account.ChangeRole(a.shell.deps.Ctx, a.group.ID, g.ID, role) })
		}
	}
	remove := widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), func() { a.onRevoke(g) })
	return container.NewBorder(nil, nil, nil, container.NewHBox(pick, remove), who)
}

func (a *accessScreen) onRevoke(g model.Grant) {
	dialog.ShowConfirm("Remove access?", fmt.Sprintf("%s will no longer see %s. Their desktop removes it at its next sync.", g.UserName, a.group.Name), func(ok bool) {
		if ok {
			a.run("Removing access", func() error { return a.shell.deps.Account.RevokeAccess(a.shell.deps.Ctx, a.group.ID, g.ID) })
		}
	}, a.shell.win)
}

func (a *accessScreen) onInvite() {
	if err := a.inviteE.Validate(); err != nil || a.inviteN.Text == "" {
		a.shell.showError("Invitation", model.Errorf(model.EINVALID, "Enter the person's name and email address."))
		return
	}
	role := secondaryRoles[a.inviteR.SelectedIndex()]
	email, name := a.inviteE.Text, a.inviteN.Text
	a.run("Sending the invitation", func() error { return a.shell.deps.Account.Invite(a.shell.deps.Ctx, a.group.ID, email, name, role) }, func() {
		a.inviteE.SetText("")
		a.inviteN.SetText("")
		dialog.ShowInformation("Invitation sent", fmt.Sprintf("%s will receive an access code for the %s role, valid for 7 days.", email, role.Label()), a.shell.win)
	})
}

func (a *accessScreen) onBroker() {
	email := a.brokerE.Text
	a.run("Giving the broker access", func() error { return a.shell.deps.Account.GrantBroker(a.shell.deps.Ctx, a.group.ID, email) }, func() { a.brokerE.SetText("") })
}

func (a *accessScreen) onStaff() {
	email, name := a.staffE.Text, a.staffN.Text
	a.run("Delegating to your staff", func() error { return a.shell.deps.Account.InviteStaff(a.shell.deps.Ctx, a.group.ID, email, name) }, func() {
		a.staffE.SetText("")
		a.staffN.SetText("")
		dialog.ShowInformation("Invitation sent", email+" will receive an access code for this group.", a.shell.win)
	})
}

func (a *accessScreen) onDesignate() {
	url := a.shell.deps.Account.DesignateURL(a.shell.deps.Ctx)
	if url == "" || a.shell.deps.OpenURL == nil {
		return
	}
	if err := a.shell.deps.OpenURL(url); err != nil {
		a.shell.showError("Could not open the browser", err)
	}
}

// run calls the account service off the UI goroutine, then reloads.
func (a *accessScreen) run(what string, call func() error, after ...func()) {
	var err error
	a.shell.background(func() { err = call() }, func() {
		if err != nil {
			a.shell.showError(what, err)
		} else {
			for _, f := range after {
				f()
			}
		}
		a.load()
	})
}
