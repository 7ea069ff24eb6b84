# fragment of Makefile.am: the libFuzzer harnesses of the config parser,
# the name rules, the API response decoder and the CSV reader, all built
# by one recipe
# and run by another.  Each compiles the module sources itself, so that
# they carry the fuzzer's coverage instrumentation; none is part of make
# or make check.  "make fuzz" builds them with clang and runs each for
# FUZZ_SECONDS on a copy of its seed corpus, with its dictionary; a crash
# leaves its input in the build directory as crash-*.  "make fuzz-conf",
# "make fuzz-names", "make fuzz-api" and "make fuzz-csv" run one.
FUZZ_CC = clang
FUZZ_SECONDS = 20
FUZZ_FLAGS = -std=gnu99 -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined
FUZZ_BUILD = $(FUZZ_CC) $(FUZZ_FLAGS) $(DEFS) $(DEFAULT_INCLUDES) \
	$(AM_CPPFLAGS) $(CURL_CFLAGS) $(JSONC_CFLAGS) $(SODIUM_CFLAGS) -o $@
# Runs tests/fuzz/fuzz-$$f with seed-$$s and corpus-$$s (shell variables
# set by the caller).
FUZZ_RUN = mkdir -p tests/fuzz/corpus-$$s && \
	tests/fuzz/fuzz-$$f$(EXEEXT) -dict=$(srcdir)/tests/fuzz/fuzz-$$f.dict \
	    -max_total_time=$(FUZZ_SECONDS) tests/fuzz/corpus-$$s \
	    $(srcdir)/tests/fuzz/seed-$$s

FUZZ_CONF_SRCS = $(srcdir)/tests/fuzz/fuzz-conf.c $(srcdir)/src/conf.c \
	$(srcdir)/src/duration.c \
	$(srcdir)/src/names.c $(srcdir)/src/err.c $(srcdir)/src/safefile.c $(srcdir)/src/secret.c \
	$(srcdir)/src/text.c $(srcdir)/src/utf8.c $(srcdir)/src/xmalloc.c
FUZZ_NAMES_SRCS = $(srcdir)/tests/fuzz/fuzz-names.c \
	$(srcdir)/src/names.c $(srcdir)/src/utf8.c $(srcdir)/src/err.c \
	$(srcdir)/src/xmalloc.c
FUZZ_API_SRCS = $(srcdir)/tests/fuzz/fuzz-api-response.c \
	$(srcdir)/src/api.c $(srcdir)/src/conf.c $(srcdir)/src/duration.c \
	$(srcdir)/src/names.c \
	$(srcdir)/src/http.c \
	$(srcdir)/src/json-util.c $(srcdir)/src/err.c $(srcdir)/src/safefile.c \
	$(srcdir)/src/secret.c $(srcdir)/src/text.c $(srcdir)/src/utf8.c \
	$(srcdir)/src/xmalloc.c
FUZZ_CSV_SRCS = $(srcdir)/tests/fuzz/fuzz-csv.c $(srcdir)/src/csv.c \
	$(srcdir)/src/err.c $(srcdir)/src/safefile.c $(srcdir)/src/text.c \
	$(srcdir)/src/utf8.c $(srcdir)/src/xmalloc.c

tests/fuzz/fuzz-conf$(EXEEXT): $(FUZZ_CONF_SRCS) $(noinst_HEADERS) config.h
	@$(MKDIR_P) tests/fuzz
	$(FUZZ_BUILD) $(FUZZ_CONF_SRCS) $(SODIUM_LIBS)
tests/fuzz/fuzz-names$(EXEEXT): $(FUZZ_NAMES_SRCS) $(noinst_HEADERS) \
    config.h
	@$(MKDIR_P) tests/fuzz
	$(FUZZ_BUILD) $(FUZZ_NAMES_SRCS)
tests/fuzz/fuzz-api-response$(EXEEXT): $(FUZZ_API_SRCS) \
    $(noinst_HEADERS) config.h
	@$(MKDIR_P) tests/fuzz
	$(FUZZ_BUILD) $(FUZZ_API_SRCS) $(CURL_LIBS) $(JSONC_LIBS) \
	    $(SODIUM_LIBS)
tests/fuzz/fuzz-csv$(EXEEXT): $(FUZZ_CSV_SRCS) $(noinst_HEADERS) config.h
	@$(MKDIR_P) tests/fuzz
	$(FUZZ_BUILD) $(FUZZ_CSV_SRCS)

fuzz-conf: tests/fuzz/fuzz-conf$(EXEEXT)
	f=conf s=conf; $(FUZZ_RUN)
fuzz-names: tests/fuzz/fuzz-names$(EXEEXT)
	f=names s=names; $(FUZZ_RUN)
fuzz-api: tests/fuzz/fuzz-api-response$(EXEEXT)
	f=api-response s=api; $(FUZZ_RUN)
fuzz-csv: tests/fuzz/fuzz-csv$(EXEEXT)
	f=csv s=csv; $(FUZZ_RUN)
fuzz: fuzz-conf fuzz-names fuzz-api fuzz-csv
.PHONY: fuzz fuzz-conf fuzz-names fuzz-api fuzz-csv

EXTRA_DIST += tests/fuzz/fuzz-conf.c tests/fuzz/fuzz-names.c \
	tests/fuzz/fuzz-api-response.c tests/fuzz/fuzz-conf.dict \
	tests/fuzz/fuzz-names.dict tests/fuzz/fuzz-api-response.dict \
	tests/fuzz/seed-conf tests/fuzz/seed-names tests/fuzz/seed-api \
	tests/fuzz/fuzz-csv.c tests/fuzz/fuzz-csv.dict tests/fuzz/seed-csv \
	tools/fuzz-all.sh
CLEANFILES += tests/fuzz/fuzz-conf$(EXEEXT) tests/fuzz/fuzz-names$(EXEEXT) \
	tests/fuzz/fuzz-api-response$(EXEEXT) tests/fuzz/fuzz-csv$(EXEEXT)
