package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// stretchLastColumn sets a table's column widths and gives its last column
// whatever width the others leave whenever the table is resized (never less
// than its own width in widths), so that a table that fits its space is
// never scrolled sideways to find its last column.
func stretchLastColumn(t *widget.Table, widths []float32) *fyne.Container {
	for i, w := range widths {
		t.SetColumnWidth(i, w)
	}
	return container.New(&lastColumnLayout{table: t, widths: widths}, t)
}

type lastColumnLayout struct {
	table  *widget.Table
	widths []float32
	last   float32 // the last column's width as set
}

// lastColumnWidth is the width left for the last column in a table of the
// given width: the other columns, the lines between columns and the
// vertical scroll bar take the rest.
func (l *lastColumnLayout) lastColumnWidth(width float32) float32 {
	n := len(l.widths) - 1
	left := width - theme.ScrollBarSize() - float32(n)*theme.Padding() // the table spaces its columns by the padding
	for _, w := range l.widths[:n] {
		left -= w
	}
	return max(left, l.widths[n])
}

func (l *lastColumnLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if w := l.lastColumnWidth(size.Width); w != l.last {
		l.last = w
		l.table.SetColumnWidth(len(l.widths)-1, w)
	}
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
}

func (l *lastColumnLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return objects[0].MinSize()
}
