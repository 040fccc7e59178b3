package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// helpText renders a page's Markdown. A link to screen:NAME brings that
// screen forward (after onLeave, which closes a dialog); other links open
// in the browser.
func (s *Shell) helpText(md string, onLeave func()) *widget.RichText {
	rt := widget.NewRichTextFromMarkdown(withModKey(md))
	rt.Wrapping = fyne.TextWrapWord
	for _, seg := range rt.Segments {
		link, ok := seg.(*widget.HyperlinkSegment)
		if !ok || link.URL == nil || link.URL.Scheme != "screen" {
			continue
		}
		target := link.URL.Opaque
		link.OnTapped = func() {
			if onLeave != nil {
				onLeave()
			}
			s.goToScreen(target)
		}
	}
	return rt
}

// goToScreen brings forward the screen with the slug, or says why not.
func (s *Shell) goToScreen(slug string) bool {
	if sc := s.screenBySlug(slug); sc != nil {
		return s.ShowScreen(sc.title())
	}
	dialog.ShowInformation("Not available", "That screen is not available to you: your role does not include it, or this version of GroupDesk does not have it yet.", s.win)
	return false
}

// openHelp opens the tutorial of the screen in front, or the list of
// tutorials when it has none.
func (s *Shell) openHelp() {
	if t, ok := tutorialFor(s.CurrentScreen()); ok {
		s.openTutorial(t)
		return
	}
	s.openTutorialIndex()
}

// openTutorial shows a tutorial in a dialog; Escape or Close closes it.
func (s *Shell) openTutorial(t helpPage) dialog.Dialog {
	var d dialog.Dialog
	body := container.NewVScroll(container.NewPadded(s.helpText(t.markdown, func() { d.Hide() })))
	d = dialog.NewCustom(t.title, "Close", body, s.win)
	d.Resize(fyne.NewSize(680, 560))
	s.showDialog(d, func() { d.Hide() })
	return d
}

// openTutorialIndex lists every tutorial.
func (s *Shell) openTutorialIndex() {
	var d dialog.Dialog
	box := container.NewVBox(widget.NewLabel("Step-by-step guides to each part of GroupDesk:"))
	for _, t := range tutorials {
		t := t
		b := widget.NewButton(t.title, func() {
			d.Hide()
			s.openTutorial(t)
		})
		b.Alignment = widget.ButtonAlignLeading
		box.Add(b)
	}
	d = dialog.NewCustom("Tutorials", "Close", box, s.win)
	d.Resize(fyne.NewSize(520, 400))
	s.showDialog(d, func() { d.Hide() })
}
