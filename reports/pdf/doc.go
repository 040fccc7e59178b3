// Package pdf is GroupDesk's shared base for PDF documents (proposals now;
// contracts and invoices later): a page with a header, a footer with page
// numbers, headings, paragraphs, label–value lists and tables whose header
// row repeats on every page, amounts right-aligned. Text is set in the
// embedded DejaVu Sans (regular and bold, licence in fonts/LICENSE), so
// names such as Müller, Łódź and Nguyễn print as written: the PDF core
// fonts know only Latin-1.
//
// It wraps codeberg.org/go-pdf/fpdf and imports nothing of GroupDesk.
package pdf
