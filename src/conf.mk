# fragment of Makefile.am: configuration, mailbox name rules, their
# commands, tests, fuzzers and ispmail.conf(5).

libispmail_a_SOURCES += src/conf.c src/names.c src/cmd-config.c src/cmd-validate.c

check_PROGRAMS += tests/unit/test-names
tests_unit_test_names_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_names_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-names

EXTRA_DIST += tests/data/names.txt

check_PROGRAMS += tests/unit/test-conf
tests_unit_test_conf_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_conf_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-conf

EXTRA_DIST += tests/data/conf/good.conf tests/data/conf/bad.conf

dist_man_MANS += man/ispmail.conf.5

# libFuzzer harnesses for the config parser and the name rules. They are
# plain rules rather than EXTRA_PROGRAMS (src/api.mk, included after this
# fragment, sets EXTRA_PROGRAMS with '='), and compile the module sources
# themselves so that they carry the fuzzer's coverage instrumentation.
# "make fuzz" builds both with clang and runs each for FUZZ_SECONDS on a
# copy of the seed corpus, with the dictionary; a crash leaves its input
# in the build directory as crash-*.
FUZZ_CC = clang
FUZZ_SECONDS = 20
FUZZ_FLAGS = -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_BUILD = $(FUZZ_CC) $(FUZZ_FLAGS) $(DEFS) $(DEFAULT_INCLUDES) \
	$(AM_CPPFLAGS) $(SODIUM_CFLAGS)

tests/fuzz/fuzz-conf$(EXEEXT): tests/fuzz/fuzz-conf.c src/conf.c src/err.c \
    src/names.c src/safefile.c src/secret.c src/text.c src/xmalloc.c \
    include/conf.h config.h
	$(FUZZ_BUILD) -o $@ $(srcdir)/tests/fuzz/fuzz-conf.c \
	    $(srcdir)/src/conf.c $(srcdir)/src/err.c $(srcdir)/src/names.c \
	    $(srcdir)/src/safefile.c $(srcdir)/src/secret.c \
	    $(srcdir)/src/text.c $(srcdir)/src/xmalloc.c $(SODIUM_LIBS)
tests/fuzz/fuzz-names$(EXEEXT): tests/fuzz/fuzz-names.c src/names.c \
    src/err.c src/xmalloc.c include/names.h config.h
	$(FUZZ_BUILD) -o $@ $(srcdir)/tests/fuzz/fuzz-names.c \
	    $(srcdir)/src/names.c $(srcdir)/src/err.c $(srcdir)/src/xmalloc.c

fuzz-conf: tests/fuzz/fuzz-conf$(EXEEXT)
	mkdir -p tests/fuzz/corpus-conf
	tests/fuzz/fuzz-conf$(EXEEXT) -dict=$(srcdir)/tests/fuzz/fuzz-conf.dict \
	    -max_total_time=$(FUZZ_SECONDS) tests/fuzz/corpus-conf \
	    $(srcdir)/tests/fuzz/seed-conf
fuzz-names: tests/fuzz/fuzz-names$(EXEEXT)
	mkdir -p tests/fuzz/corpus-names
	tests/fuzz/fuzz-names$(EXEEXT) \
	    -dict=$(srcdir)/tests/fuzz/fuzz-names.dict \
	    -max_total_time=$(FUZZ_SECONDS) tests/fuzz/corpus-names \
	    $(srcdir)/tests/fuzz/seed-names
fuzz: fuzz-conf fuzz-names
.PHONY: fuzz fuzz-conf fuzz-names

EXTRA_DIST += tests/fuzz/fuzz-conf.c tests/fuzz/fuzz-names.c \
	tests/fuzz/fuzz-conf.dict tests/fuzz/fuzz-names.dict \
	tests/fuzz/seed-conf tests/fuzz/seed-names
CLEANFILES += tests/fuzz/fuzz-conf$(EXEEXT) tests/fuzz/fuzz-names$(EXEEXT)
