// Command icon renders GroupDesk's app icon, icon.svg, to a 512×512 PNG:
//
//	go run ./internal/icon > Icon.png
package main

import (
	"bytes"
	_ "embed"
	"image"
	"image/png"
	"log"
	"os"

	"github.com/fyne-io/oksvg"
	"github.com/srwiley/rasterx"
)

//go:embed icon.svg
var source []byte

func main() {
	icon, err := oksvg.ReadIconStream(bytes.NewReader(source))
	if err != nil {
		log.Fatal(err)
	}
	const size = 512
	icon.SetTarget(0, 0, size, size)
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	scanner := rasterx.NewScannerGV(size, size, img, img.Bounds())
	icon.Draw(rasterx.NewDasher(size, size, scanner), 1)
	if err := png.Encode(os.Stdout, img); err != nil {
		log.Fatal(err)
	}
}
