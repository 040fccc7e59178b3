package ui

import (
	"embed"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

// The information pages and the tutorials are Markdown files embedded in
// the program. Adding a tutorial is dropping a file in help/tutorials: its
// first heading is its title, and a first line <!-- screens: A, B --> names
// the screens whose help button opens it. Files are listed by name, so a
// number in front orders them.
//
//go:embed help/info/*.md help/tutorials/*.md
var helpFiles embed.FS

// helpPage is one information page or tutorial.
type helpPage struct {
	slug     string   // the file's name without its number and extension
	title    string   // its first heading
	screens  []string // the screens it is the help of (tutorials)
	markdown string
}

var screensLine = regexp.MustCompile(`^<!--\s*screens:\s*(.*?)\s*-->\s*\n`)

// loadHelp reads the pages of a folder of helpFiles, in file name order.
func loadHelp(dir string) []helpPage {
	entries, err := fs.ReadDir(helpFiles, dir)
	if err != nil {
		panic(err) // the folder is embedded: only a build mistake gets here
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	var out []helpPage
	for _, e := range entries {
		b, err := helpFiles.ReadFile(path.Join(dir, e.Name()))
		if err != nil {
			panic(err)
		}
		out = append(out, parseHelp(e.Name(), string(b)))
	}
	return out
}

func parseHelp(name, md string) helpPage {
	p := helpPage{slug: slugOf(name)}
	if m := screensLine.FindStringSubmatch(md); m != nil {
		for _, s := range strings.Split(m[1], ",") {
			p.screens = append(p.screens, strings.TrimSpace(s))
		}
		md = md[len(m[0]):]
	}
	p.markdown = md
	for _, line := range strings.Split(md, "\n") {
		if t, ok := strings.CutPrefix(line, "# "); ok {
			p.title = strings.TrimSpace(t)
			break
		}
	}
	return p
}

// slugOf is "small-business" for "2-small-business.md", and "book-of-business"
// for the screen title "Book of business".
func slugOf(name string) string {
	name = strings.TrimSuffix(name, ".md")
	if i := strings.IndexByte(name, '-'); i > 0 && strings.Trim(name[:i], "0123456789") == "" {
		name = name[i+1:]
	}
	return strings.ToLower(strings.ReplaceAll(name, " ", "-"))
}

var (
	infoPages = loadHelp("help/info")
	tutorials = loadHelp("help/tutorials")
)

// tutorialFor returns the tutorial of a screen.
func tutorialFor(screen string) (helpPage, bool) {
	for _, t := range tutorials {
		for _, s := range t.screens {
			if strings.EqualFold(s, screen) {
				return t, true
			}
		}
	}
	return helpPage{}, false
}
