package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// Theme preference values, stored in the app's preferences.
const (
	ThemeSystem = "system"
	ThemeLight  = "light"
	ThemeDark   = "dark"
	prefTheme   = "theme"
)

// brand is GroupDesk's theme: Fyne's default with a teal primary colour and
// the variant the user chose (or the system's).
type brand struct {
	fyne.Theme
	variant string
}

var _ fyne.Theme = (*brand)(nil)

var (
	teal      = color.NRGBA{R: 0x0b, G: 0x7a, B: 0x75, A: 0xff}
	tealLight = color.NRGBA{R: 0x3f, G: 0xb8, B: 0xaf, A: 0xff}
)

func newBrand(variant string) *brand { return &brand{Theme: theme.DefaultTheme(), variant: variant} }

func (b *brand) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	switch b.variant {
	case ThemeLight:
		v = theme.VariantLight
	case ThemeDark:
		v = theme.VariantDark
	}
	switch n {
	case theme.ColorNamePrimary, theme.ColorNameHyperlink:
		if v == theme.VariantDark {
			return tealLight
		}
		return teal
	case theme.ColorNameFocus:
		c := teal
		if v == theme.VariantDark {
			c = tealLight
		}
		c.A = 0x66
		return c
	case theme.ColorNameSelection:
		c := tealLight
		c.A = 0x40
		return c
	}
	return b.Theme.Color(n, v)
}

// applyTheme sets the app's theme from a preference value.
func applyTheme(a fyne.App, variant string) {
	a.Settings().SetTheme(newBrand(variant))
}
