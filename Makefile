# GroupDesk — `make run` opens the app on your database (with a demo book on
# first launch); `make test` runs every check CI runs; `make package` builds
# the Linux archive and the Windows program in dist/; `make screenshots`
# takes every screen in both themes. Each installs the Debian/Ubuntu
# packages it needs first (see scripts/install-deps.sh).

GO      ?= go
TAGS    := sqlite_fts5
export CGO_ENABLED := 1

.PHONY: run build test vet unit postgres smoke bench deps deps-test deps-bench clean package linux-package windows screenshots deps-package

# Packaging: the fyne tool at a fixed version in bin/, and the name, ID,
# version and icon of FyneApp.toml.
BIN      := $(CURDIR)/bin
FYNE     := $(BIN)/fyne
FYNE_VER := v1.7.4
DIST     := dist
VERSION  := $(shell sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)

run: build
	./groupdesk

build: deps
	$(GO) build -tags $(TAGS) -o groupdesk ./cmd/groupdesk
	$(GO) build -tags $(TAGS) -o accountd ./cmd/accountd

test: deps-test vet unit postgres smoke windows

vet:
	$(GO) vet -tags $(TAGS) ./...

# The race detector runs on the domain, the store and sync, where the
# concurrency is; the UI and command tests run without it (it slows Fyne
# rendering tenfold).
unit:
	$(GO) test -tags $(TAGS) -race $$($(GO) list ./... | grep -e '/model' -e '/sync/')
	$(GO) test -tags $(TAGS) $$($(GO) list ./... | grep -v -e '/model' -e '/sync/')

# The account service on PostgreSQL: a throwaway server for the run; the
# store's PostgreSQL tests, then the sync end-to-end tests again with
# accountd on PostgreSQL (the same tests unit ran on SQLite), then two
# instances on one database.
postgres:
	scripts/with-postgres.sh sh -c '$(GO) test -tags $(TAGS) -race -count=1 -run "Postgres|TheServiceStore" ./model/sqlite ./cmd/accountd && \
		GROUPDESK_E2E_STORE=postgres $(GO) test -tags $(TAGS) -race -count=1 ./sync/e2e'

# Opens the real window under Xvfb, saves a screenshot and prints the time to
# the first frame.
smoke:
	GROUPDESK_SMOKE=1 $(GO) test -tags $(TAGS) -count=1 -run TestSmoke -v ./cmd/groupdesk

# Each benchmark is shown beside its baseline measured in the same run:
# names ending in Store against Plain, and these pairs (suffix=baseline).
BENCH_PAIRS := -pair Rated=Flat -pair Engine=PerFamily -pair InsertPlain=InsertBare \
	-pair CensusImportCSV=CensusImportCSVSqlite3Shell \
	-pair CensusImportXLSX=CensusImportXLSXExcelizeRead \
	-pair RosterExportXLSX=RosterExportBareStreamWriter \
	-pair RosterExportLibreOffice=RosterExportXLSX \
	-pair ContractPDF=ContractPDFBareFpdf \
	-pair Job=ReadWrite -pair Compare=ReadMatch \
	-pair Export834Full=Export834Bufio -pair Import834Full=Import834Scanner \
	-pair PostgresOne=Store -pair PostgresTwo=Store

# Packages run one at a time (-p 1): two benchmark programs sharing the
# cores slow each other down, and a latency or a ratio means nothing then.
bench: deps-bench
	scripts/with-postgres.sh sh -c "$(GO) test -p 1 -tags $(TAGS) -run '^\$$' -bench . -benchtime 3x -timeout 90m ./..." | tee bench.out | $(GO) run ./internal/benchtable $(BENCH_PAIRS)

deps:
	@scripts/install-deps.sh run

deps-test:
	@scripts/install-deps.sh test

deps-bench:
	@scripts/install-deps.sh bench

deps-package:
	@scripts/install-deps.sh package

$(FYNE):
	GOBIN=$(BIN) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_VER)

# fyne package reads FyneApp.toml beside the main package; this copy points
# at the icon at the root.
cmd/groupdesk/FyneApp.toml: FyneApp.toml
	sed 's|^Icon *= *"Icon.png"|Icon = "../../Icon.png"|' FyneApp.toml > $@

package: deps-package linux-package windows

linux-package: deps deps-package $(FYNE) cmd/groupdesk/FyneApp.toml
	mkdir -p $(DIST)
	cd cmd/groupdesk && $(FYNE) package -os linux --tags $(TAGS) --release
	mv cmd/groupdesk/GroupDesk.tar.xz $(DIST)/GroupDesk-$(VERSION)-linux-amd64.tar.xz
	@echo "package: $(DIST)/GroupDesk-$(VERSION)-linux-amd64.tar.xz"

# The Windows program, cross-compiled with mingw-w64, with the icon and the
# version resources; CI builds it so that a change that breaks it is caught.
windows: deps-package $(FYNE) cmd/groupdesk/FyneApp.toml
	mkdir -p $(DIST)
	cd cmd/groupdesk && GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc $(FYNE) package -os windows --tags $(TAGS) --release
	mv cmd/groupdesk/GroupDesk.exe $(DIST)/GroupDesk.exe
	$(GO) run ./internal/pecheck $(DIST)/GroupDesk.exe GroupDesk $(VERSION)

# Every screen in the light and the dark theme, from the real program under
# Xvfb, into artifacts/screenshots/ (all.png shows them all at once); Access
# from a desktop signed in to the accountd built beside it, brought forward
# with its shortcut typed by xdotool (installed here when missing).
screenshots: deps-test build
	@command -v xdotool >/dev/null || ! command -v apt-get >/dev/null || \
		$$([ "$$(id -u)" -eq 0 ] || echo sudo) apt-get install -y -qq --no-install-recommends xdotool >/dev/null
	GO=$(GO) scripts/screenshots.sh ./groupdesk artifacts/screenshots

clean:
	rm -f groupdesk accountd bench.out cmd/groupdesk/FyneApp.toml
	rm -rf artifacts bin dist
