package pdf

import (
	"bytes"
	"fmt"
	"image/png"

	"codeberg.org/go-pdf/fpdf"
)

// Chart places a PNG image (a chart) across the text width, keeping its
// proportions and at most maxHeight millimetres tall, on a new page when
// it does not fit on this one. Each image needs a name of its own in the
// document.
func (d *Doc) Chart(name string, img []byte, maxHeight float64) error {
	cfg, err := png.DecodeConfig(bytes.NewReader(img))
	if err != nil {
		return fmt.Errorf("reading the chart %s: %w", name, err)
	}
	w := d.width()
	h := w * float64(cfg.Height) / float64(cfg.Width)
	if h > maxHeight {
		w, h = w*maxHeight/h, maxHeight
	}
	if !d.room(h) {
		d.f.AddPage()
	}
	opt := fpdf.ImageOptions{ImageType: "PNG", ReadDpi: false}
	d.f.RegisterImageOptionsReader(name, opt, bytes.NewReader(img))
	if err := d.f.Error(); err != nil {
		return fmt.Errorf("embedding the chart %s: %w", name, err)
	}
	x := margin + (d.width()-w)/2
	d.f.ImageOptions(name, x, d.f.GetY(), w, h, false, opt, 0, "")
	d.f.SetY(d.f.GetY() + h + 3)
	return d.f.Error()
}
