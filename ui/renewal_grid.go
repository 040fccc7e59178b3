package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// columnsLayout lays objects out in rows of a number of columns, each
// column as wide as its widest cell (a grid makes every column as wide as
// the widest cell of all, which pushes a table of amounts off the screen);
// the column grow takes the width left over.
type columnsLayout struct {
	cols, grow int
}

// newColumns is a container of cells laid out in cols columns.
func newColumns(cols, grow int) *fyne.Container {
	return container.New(&columnsLayout{cols: cols, grow: grow})
}

func (l *columnsLayout) sizes(objs []fyne.CanvasObject) (widths, heights []float32) {
	widths = make([]float32, l.cols)
	heights = make([]float32, (len(objs)+l.cols-1)/l.cols)
	for i, o := range objs {
		m := o.MinSize()
		widths[i%l.cols] = max(widths[i%l.cols], m.Width)
		heights[i/l.cols] = max(heights[i/l.cols], m.Height)
	}
	return widths, heights
}

// MinSize is the sum of the columns' widths and of the rows' heights.
func (l *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	widths, heights := l.sizes(objs)
	pad := theme.Padding()
	var s fyne.Size
	for _, w := range widths {
		s.Width += w
	}
	for _, h := range heights {
		s.Height += h
	}
	s.Width += pad * float32(max(len(widths)-1, 0))
	s.Height += pad * float32(max(len(heights)-1, 0))
	return s
}

// Layout places the cells row by row.
func (l *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	widths, heights := l.sizes(objs)
	if extra := size.Width - l.MinSize(objs).Width; extra > 0 && l.grow < len(widths) {
		widths[l.grow] += extra
	}
	pad := theme.Padding()
	var y float32
	for r, h := range heights {
		var x float32
		for c, w := range widths {
			if i := r*l.cols + c; i < len(objs) {
				objs[i].Move(fyne.NewPos(x, y))
				objs[i].Resize(fyne.NewSize(w, h))
			}
			x += w + pad
		}
		y += h + pad
	}
}
