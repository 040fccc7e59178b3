// Package ui is GroupDesk's desktop interface, built with Fyne: the main
// window's shell (sidebar, group switcher, keyboard shortcuts) and one file
// per screen.
//
// Screens call the model service interfaces through the Store interface
// declared here; they never run SQL or talk HTTP, so they can be driven in
// tests with fyne.io/fyne/v2/test against a real SQLite store or a fake.
package ui
