// Package charts draws GroupDesk's charts as PNG images with
// go-analyze/charts, for the screens (shown as images, so they look the
// same everywhere) and for PDFs. It takes domain types and imports model
// only; Line and Bars are the helpers every chart goes through.
package charts
