# GroupDesk — `make run` opens the app on your database (with a demo book on
# first launch); `make test` runs every check CI runs. Both install the
# Debian/Ubuntu packages they need first (see scripts/install-deps.sh).

GO      ?= go
TAGS    := sqlite_fts5
export CGO_ENABLED := 1

.PHONY: run build test vet unit smoke bench deps deps-test deps-bench clean

run: build
	./groupdesk

build: deps
	$(GO) build -tags $(TAGS) -o groupdesk ./cmd/groupdesk
	$(GO) build -tags $(TAGS) -o accountd ./cmd/accountd

test: deps-test vet unit smoke

vet:
	$(GO) vet -tags $(TAGS) ./...

# The race detector runs on the domain, the store and sync, where the
# concurrency is; the UI and command tests run without it (it slows Fyne
# rendering tenfold).
unit:
	$(GO) test -tags $(TAGS) -race $$($(GO) list ./... | grep -e '/model' -e '/sync/')
	$(GO) test -tags $(TAGS) $$($(GO) list ./... | grep -v -e '/model' -e '/sync/')

# Opens the real window under Xvfb, saves a screenshot and prints the time to
# the first frame.
smoke:
	GROUPDESK_SMOKE=1 $(GO) test -tags $(TAGS) -count=1 -run TestSmoke -v ./cmd/groupdesk

# Each benchmark is shown beside its baseline measured in the same run:
# names ending in Store against Plain, and these pairs (suffix=baseline).
BENCH_PAIRS := -pair Rated=Flat \
	-pair CensusImportCSV=CensusImportCSVSqlite3Shell \
	-pair CensusImportXLSX=CensusImportXLSXExcelizeRead \
	-pair RosterExportXLSX=RosterExportBareStreamWriter \
	-pair RosterExportLibreOffice=RosterExportXLSX

bench: deps-bench
	$(GO) test -tags $(TAGS) -run '^$$' -bench . -benchtime 3x ./... | tee bench.out | $(GO) run ./internal/benchtable $(BENCH_PAIRS)

deps:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

deps-bench:
	@scripts/install-deps.sh bench

clean:
	rm -f groupdesk accountd bench.out
	rm -rf artifacts
