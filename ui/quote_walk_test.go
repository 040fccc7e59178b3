package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// walk visits every label under o with its text and whether it is bold
// and coloured (a highlighted difference).
func walk(o any, visit func(text string, highlighted bool)) {
	switch v := o.(type) {
	case *widget.Label:
		visit(v.Text, v.TextStyle.Bold && v.Importance == widget.WarningImportance)
	case *fyne.Container:
		for _, c := range v.Objects {
			walk(c, visit)
		}
	}
}
