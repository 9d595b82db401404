# tame: build, run, test. `make run` and `make test` install missing Debian packages first
# (scripts/install-deps), so each works alone on a fresh Debian 12 machine.
# VARIANT=debug (default, -O0 -g) | san (ASan + UBSan) | release (-O2 -DNDEBUG).

VARIANT ?= debug
PREFIX ?= /usr/local
CC ?= cc

WARN := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wold-style-definition \
        -Wwrite-strings -Wpointer-arith -Wundef -Wformat=2 -Wvla -Wcast-qual -Wfloat-equal
WERROR ?= -Werror
PKGS := lua5.4 ncursesw
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)
VERSION := 0.1.0

CFLAGS += -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -DTAME_VERSION='"$(VERSION)"' \
          $(WARN) $(WERROR) -Isrc $(PKG_CFLAGS) -MMD -MP
LDLIBS += -lglpk -lreadline -lgmp -lz $(PKG_LIBS) -lm
SAN := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

ifeq ($(VARIANT),debug)
CFLAGS += -O0 -g
else ifeq ($(VARIANT),san)
CFLAGS += -O1 -g $(SAN)
LDFLAGS += $(SAN)
else ifeq ($(VARIANT),release)
CFLAGS += -O2 -DNDEBUG
else
$(error VARIANT must be debug, san or release, not '$(VARIANT)')
endif

BUILD ?= build
B := $(BUILD)/$(VARIANT)
SRC := $(filter-out src/main.c,$(wildcard src/*/*.c))
OBJ := $(SRC:%.c=$(B)/%.o)
LIB := $(B)/libtame.a
TEST_SRC := $(wildcard tests/test_*.c)
TESTS := $(TEST_SRC:tests/%.c=$(B)/tests/%)

.DELETE_ON_ERROR:
.PHONY: all deps run test unit-tests cli-tests lua-tests tmux-tests smoke clean install bench-lp

all: tame

tame: $(B)/tame
	cp $< $@

$(B)/tame: $(B)/src/main.o $(LIB)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(LIB): $(OBJ)
	rm -f $@
	ar rcs $@ $^

$(B)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(B)/tests/%: tests/%.c $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itests $(LDFLAGS) -o $@ $< $(LIB) -lcmocka $(LDLIBS)

# the GLPK containment test forces an error inside glp_simplex
$(B)/tests/test_lp_guard: LDFLAGS += -Wl,--wrap=glp_simplex

deps:
	@scripts/install-deps

run: deps
	@$(MAKE) --no-print-directory all
	./tame -i data/examples/demo.lua

# Every test: the cmocka runners (one per module), the Lua tests, the REPL transcripts.
test: deps
	@$(MAKE) --no-print-directory all $(TESTS)
	@$(MAKE) --no-print-directory unit-tests lua-tests cli-tests tmux-tests smoke paper-tests \
		tour-tests reliability-tests

UNIT_TESTS := $(filter-out $(B)/tests/test_lua,$(TESTS))

unit-tests: $(UNIT_TESTS)
	@fail=0; for t in $(UNIT_TESTS); do TAME_LUA_PATH=lua $$t || fail=1; done; exit $$fail

lua-tests: $(B)/tests/test_lua
	@TAME_LUA_PATH=lua $(B)/tests/test_lua

cli-tests: $(B)/tame
	@TAME=$(B)/tame tests/cli/run

# The workbench in a real terminal (tmux, 80x24), as a person drives it; skips without tmux.
tmux-tests: $(B)/tame
	@TAME=$(B)/tame tests/tmux/run

# The curses screen loop on every pane with scripted keys (--ui-script), no terminal needed;
# under VARIANT=san this drives the real UI under the sanitizers.
smoke: $(B)/tame
	@TAME=$(B)/tame tests/tmux/smoke

bench-lp: $(B)/tame
	scripts/bench-lp

install: tame
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/tame/lua
	install -m 755 tame $(DESTDIR)$(PREFIX)/bin/tame
	install -d $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 tame.1 $(DESTDIR)$(PREFIX)/share/man/man1/tame.1
	cp -r lua/. $(DESTDIR)$(PREFIX)/share/tame/lua/

clean:
	rm -rf build tame

# {=== the worked examples of MATH.md 7 as scripts, and the tour in tmux (issue 10) ===
# Each scripts/paper-*.lua prints its numbers beside MATH.md's and exits 1 on a difference
# (output kept in $(B)/paper-*.out); the tour's first lesson is driven in tmux.
.PHONY: paper-tests tour-tests
PAPER := $(sort $(wildcard scripts/paper-*.lua))

paper-tests: $(B)/tame
	@pass=0; fail=0; for s in $(PAPER); do \
	  o=$(B)/$$(basename $$s .lua).out; \
	  if TAME_LUA_PATH=lua $(B)/tame $$s >$$o 2>&1; then pass=$$((pass+1)); echo "ok - $$s: $$(tail -1 $$o)"; \
	  else fail=$$((fail+1)); echo "not ok - $$s"; grep -v ' ok$$' $$o | tail -20; fi; \
	done; echo "paper: $$pass passed, $$fail failed"; [ $$fail = 0 ]

tour-tests: $(B)/tame
	@TAME=$(B)/tame tests/tmux/tour
# }===

# {=== reliability (issue 9): fuzz corpus replay, bad-input catalogue, pty test, valgrind ===
# A fuzz target is one file tests/fuzz/fuzz_NAME.c (libFuzzer entry point); here it is linked
# with tests/fuzz/replay.c and replays tests/fuzz/corpus/NAME and tests/fuzz/regress/NAME.
# scripts/fuzz NAME SECONDS runs the real fuzzer (clang). The README (Reliability) has the rest.
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_REPLAY := $(FUZZ_TARGETS:%=$(B)/tests/fuzz/replay_%)
REL_CFLAGS = $(filter-out -MMD -MP,$(CFLAGS))
.PHONY: reliability-tests fuzz-replay badinput-tests pty-tests valgrind

$(B)/tests/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/util.c \
		tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(REL_CFLAGS) -Itests/fuzz $(LDFLAGS) -o $@ $(filter %.c,$^) $(LIB) $(LDLIBS)

reliability-tests: fuzz-replay badinput-tests pty-tests

fuzz-replay: $(FUZZ_REPLAY)
	@fail=0; for t in $(FUZZ_TARGETS); do \
	    $(B)/tests/fuzz/replay_$$t tests/fuzz/corpus/$$t $$(ls -d tests/fuzz/regress/$$t 2>/dev/null) \
	    || fail=1; done; exit $$fail

badinput-tests: $(B)/tame
	@TAME=$(B)/tame tests/badinput/run

pty-tests: $(B)/tame
	@TAME=$(B)/tame python3 tests/pty/test_interrupt.py

# valgrind memcheck on a representative subset, debug build only (ASan and valgrind do not
# mix): 0 errors and 0 definite leaks, or the exit status is 99.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite \
            --errors-for-leak-kinds=definite
VALGRIND_UNITS := $(filter $(addprefix $(B)/tests/,test_rat test_model test_expr test_lp test_cmd),$(TESTS))
valgrind: $(VALGRIND_UNITS) $(B)/tests/test_lua $(B)/tame $(FUZZ_REPLAY)
	@[ "$(VARIANT)" = debug ] || { echo "make valgrind: VARIANT=debug only" >&2; exit 2; }
	@fail=0; \
	for t in $(VALGRIND_UNITS) $(B)/tests/test_lua; do TAME_LUA_PATH=lua $(VALGRIND) $$t || fail=1; done; \
	TAME_VG_BIN=$(B)/tame TAME=tests/valgrind/tame-vg tests/cli/run || fail=1; \
	TAME_VG_BIN=$(B)/tame TAME=tests/valgrind/tame-vg BADINPUT_STRIDE=4 tests/badinput/run || fail=1; \
	$(VALGRIND) $(B)/tests/fuzz/replay_expr tests/fuzz/corpus/expr tests/fuzz/regress/expr || fail=1; \
	for t in $(FUZZ_TARGETS); do [ -d tests/fuzz/regress/$$t ] || continue; \
	    $(VALGRIND) $(B)/tests/fuzz/replay_$$t tests/fuzz/regress/$$t || fail=1; done; \
	TAME_PTY_SLOW=10 TAME=tests/valgrind/tame-vg TAME_VG_BIN=$(B)/tame python3 tests/pty/test_interrupt.py || fail=1; \
	echo "valgrind: $$([ $$fail = 0 ] && echo 'no errors, no definite leaks' || echo FAILED)"; exit $$fail

# }===

-include $(OBJ:.o=.d) $(B)/src/main.d
