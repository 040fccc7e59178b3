// Package widget holds GroupDesk's custom Fyne widgets. Each embeds the
// nearest Fyne widget and adds only what differs.
package widget
