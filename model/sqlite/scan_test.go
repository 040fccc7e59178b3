package sqlite

import "testing"

func TestFoldKey(t *testing.T) {
	tests := []struct {
		name  string
		parts []string
		want  string
	}{
		{"plain ASCII is lower-cased", []string{"O'Brien", "Ann-Marie"}, "o'brien\x01ann-marie"},
		{"umlauts lose their dots", []string{"Müller", "Jürgen"}, "muller\x01jurgen"},
		{"Ł and ø are folded although they do not decompose", []string{"Łukasz", "Søren"}, "lukasz\x01soren"},
		{"ß becomes ss", []string{"Straße"}, "strasse"},
		{"Vietnamese stacked marks are all removed", []string{"Nguyễn", "Thảo"}, "nguyen\x01thao"},
		{"decomposed input folds like composed input", []string{"Mu\u0308ller"}, "muller"},
		{"empty parts keep their separators", []string{"Smith", "", ""}, "smith\x01\x01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := foldKey(tt.parts...); got != tt.want {
				t.Errorf("foldKey(%q) = %q, want %q", tt.parts, got, tt.want)
			}
		})
	}
}
