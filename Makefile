# Thin wrapper over CMake: the two commands of the quick start.
BUILD ?= build
JOBS  ?= $(shell nproc)

.PHONY: all deps configure build run test unit lit conformance promote clean

all: build

deps:
	@./scripts/install-deps.sh

$(BUILD)/build.ninja: | deps
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release \
	  -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19

configure: $(BUILD)/build.ninja

build: deps configure
	cmake --build $(BUILD) -j $(JOBS)

run: build
	$(BUILD)/bin/flc run examples/hello.fl

test: build
	./scripts/run-tests.sh $(BUILD)

unit: build
	$(BUILD)/bin/fl-unit-tests

lit: build
	./scripts/run-tests.sh $(BUILD) lit

conformance: build
	./scripts/run-tests.sh $(BUILD) conformance

clean:
	rm -rf $(BUILD)
