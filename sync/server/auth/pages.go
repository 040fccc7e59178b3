package auth

import (
	"bytes"
	"embed"
	"errors"
	"html/template"
	"io/fs"
	"net/http"

	"github.com/groupdesk/groupdesk/model"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// pages holds one template set per page, each with the shared layout.
type pages map[string]*template.Template

var pageNames = []string{"home", "login", "device", "designate", "register", "message"}

func parsePages() (pages, error) {
	out := pages{}
	for _, name := range pageNames {
		t, err := template.New("layout.html").Funcs(template.FuncMap{"field": newField}).
			ParseFS(templateFS, "templates/layout.html", "templates/fields.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		out[name] = t
	}
	return out, nil
}

func staticFiles() http.Handler {
	sub, _ := fs.Sub(staticFS, "static")
	h := http.StripPrefix("/static/", http.FileServerFS(sub))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

// page is what a page's template shows.
type page struct {
	Title string
	// Error is the form's message, shown at the top of the form.
	Error string
	// Values are the inputs to show again (never a password).
	Values map[string]string
	// Invalid holds a message per input, shown next to it.
	Invalid map[string]string
	// Message and Detail are the text of a confirmation page.
	Message string
	Detail  string
	// Problem marks a message page that reports a refusal.
	Problem bool
}

func newPage(title string) *page {
	return &page{Title: title, Values: map[string]string{}, Invalid: map[string]string{}}
}

// fail puts err on the page: a field error next to its input, any other
// refusal at the top of the form, an internal error as a generic message.
func (p *page) fail(err error) {
	var e *model.Error
	if !errors.As(err, &e) {
		p.Error = model.ErrorMessage(err)
		return
	}
	for _, d := range append([]*model.Error{e}, e.Details...) {
		if d.Field != "" {
			p.Invalid[d.Field] = d.Message
		}
	}
	switch {
	case e.Field == "" && len(e.Details) == 0:
		p.Error = e.Message
	case len(p.Invalid) > 1:
		p.Error = "Some of the answers need another look: see the messages next to them."
	default:
		p.Error = "One answer needs another look: see the message next to it."
	}
}

// render writes a page with the status.
func (s *Server) render(w http.ResponseWriter, status int, name string, p *page) {
	var buf bytes.Buffer
	if err := s.pages[name].Execute(&buf, p); err != nil {
		s.log.Error("rendering a page", "page", name, "error", err)
		http.Error(w, "The page could not be shown.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	buf.WriteTo(w)
}

// fieldView is one labelled input.
type fieldView struct {
	Name, Label, Type, Autocomplete, Hint, Value, Error string
}

// newField builds an input for the fields template; passwords are never
// filled in again.
func newField(p *page, name, label, typ, autocomplete, hint string) fieldView {
	f := fieldView{Name: name, Label: label, Type: typ, Autocomplete: autocomplete, Hint: hint, Error: p.Invalid[name]}
	if typ != "password" {
		f.Value = p.Values[name]
	}
	return f
}

// status is the HTTP status of a refused form.
func status(err error) int {
	switch model.ErrorCode(err) {
	case model.EFORBIDDEN:
		return http.StatusTooManyRequests
	case model.EINTERNAL:
		return http.StatusInternalServerError
	}
	return http.StatusBadRequest
}
