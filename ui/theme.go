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

	// On the light background Fyne's green, orange and red are too pale to
	// read as text ("Paid", "12 days left to answer") or under the white
	// text of a button (Deadlines, Delete); these darker ones read at 4.5:1
	// or better. The dark variant keeps Fyne's.
	greenOnLight  = color.NRGBA{R: 0x2e, G: 0x7d, B: 0x32, A: 0xff}
	orangeOnLight = color.NRGBA{R: 0xb2, G: 0x5e, B: 0x00, A: 0xff}
	redOnLight    = color.NRGBA{R: 0xc6, G: 0x28, B: 0x28, A: 0xff}
	// The text on a teal button in the dark variant: white on the light
	// teal reads at 2.4:1, the dark background's colour at 7:1.
	onTealDark = color.NRGBA{R: 0x17, G: 0x17, B: 0x18, A: 0xff}
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
	case theme.ColorNameForegroundOnPrimary:
		if v == theme.VariantDark {
			return onTealDark
		}
	case theme.ColorNameSuccess:
		if v != theme.VariantDark {
			return greenOnLight
		}
	case theme.ColorNameWarning:
		if v != theme.VariantDark {
			return orangeOnLight
		}
	case theme.ColorNameError:
		if v != theme.VariantDark {
			return redOnLight
		}
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
