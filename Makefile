# otapush — the commands a newcomer and CI use. `make test` is the test
# command CI runs; `make demo` pushes an example app to a simulated board.
GO      ?= go
BIN     ?= bin/otapush
PICOSIM := tools/picosim
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
LDFLAGS := -X github.com/otapush/otapush/internal/cli.Version=$(VERSION)

.PHONY: all build test vet fmt-check cross sim-deps agent bench faults faults-full clean

all: build

build:
	$(GO) build -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/otapush

# The simulated board's npm packages (pinned by package-lock.json).
sim-deps:
	@if [ -f $(PICOSIM)/package.json ]; then \
		command -v npm >/dev/null || { echo "npm is missing: apt-get install nodejs npm" >&2; exit 1; }; \
		[ -d $(PICOSIM)/node_modules/@pybricks/mpy-cross-v6 ] || npm ci --prefix $(PICOSIM) --no-audit --no-fund; \
	fi

# The agent as bytecode (ota_agent.mpy, what a board that loads it gets):
# run after every edit of firmware/ota_agent.py and commit the result
# (firmware's TestMPYIsCurrent fails on a stale one).
agent: sim-deps
	node $(PICOSIM)/mpy-cross.mjs firmware/ota_agent.py firmware/ota_agent.mpy

vet:
	$(GO) vet ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed on:" $$out >&2; exit 1; fi

# The binary must build for every OS a user runs it on (no cgo: a release
# is cross-compiled), and must not link the testing package (test helpers
# belong in test-only packages).
CROSS := windows/amd64 darwin/amd64 darwin/arm64 freebsd/amd64 linux/arm64
cross:
	@for t in $(CROSS); do \
		GOOS=$${t%/*} GOARCH=$${t#*/} CGO_ENABLED=0 $(GO) build -o /dev/null ./cmd/otapush || { echo "cross-compile for $$t failed" >&2; exit 1; }; \
	done; echo "cross-compiled for $(CROSS)"
	@if $(GO) list -deps ./cmd/otapush | grep -qx testing; then \
		echo "bin/otapush links the testing package: move test helpers to a test-only package" >&2; \
		$(GO) list -deps ./cmd/otapush | grep otapush | while read p; do $(GO) list -f '{{.ImportPath}}: {{join .Imports " "}}' $$p; done | grep -w testing >&2; exit 1; fi

# The packages that run longest come first: go test starts packages in the
# order it is given them, and a long one started last would run alone on
# a 2-core machine at the end. Three packages at once (-p 3): their
# simulated boards wait on resets and reconnects much of the time, and
# with two at once a 2-core machine stood a quarter idle.
LONG_TESTS := ./firmware ./internal/faults ./internal/cli ./internal/update ./internal/simboard
test: sim-deps vet fmt-check cross
	$(GO) test -p 3 -count=1 -timeout 40m $(LONG_TESTS) ./...

# The fault suite (issue #6) with its summary tables: the agent's power-cut
# matrix (firmware), link drops, killed hosts and hostile inputs (faults).
# make test samples the single-cut sweeps' points; faults cuts at every
# one (OTAPUSH_FAULTS=1); faults-full also makes the sampled double-cut
# sweep exhaustive (long).
# The tables (a "scenario" header down to a blank line), failures, results.
FAULTS_TABLES := /^[ \t]+scenario/{p=1} p&&/^[ \t]*$$/{p=0} p||/^(ok|FAIL|panic)/||/^[ \t]*--- FAIL/{print; fflush()}
FAULTS_RUN := PowerCut|InstallIsCrashSafe|LinkDrop|HostKilled|HostileInputs|FileBecomesFolder|NearlyFullBoardEdge
faults faults-full: SHELL := /bin/bash
faults: sim-deps
	@set -o pipefail; OTAPUSH_FAULTS=1 $(GO) test -count=1 -timeout 60m -v -run '$(FAULTS_RUN)' ./firmware ./internal/faults ./internal/cli \
		| awk '$(FAULTS_TABLES)'

faults-full: sim-deps
	@set -o pipefail; OTAPUSH_FAULTS_FULL=1 $(GO) test -count=1 -timeout 120m -v -run '$(FAULTS_RUN)' ./firmware ./internal/faults ./internal/cli \
		| awk '$(FAULTS_TABLES)'

# The README's main command: a simulated board, the example app v1 then v2.
demo:
	./scripts/demo.sh

bench: sim-deps build
	$(GO) run ./internal/bench

clean:
	rm -rf bin
