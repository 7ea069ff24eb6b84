# fragment of Makefile.am: bulk import from CSV (issue 15): the CSV reader,
# the import and its command.
libispmail_a_SOURCES += \
	src/cmd-import.c \
	src/csv.c \
	src/import.c

noinst_HEADERS += include/csv.h include/import.h

check_PROGRAMS += tests/unit/test-csv tests/unit/test-import
TESTS += tests/unit/test-csv tests/unit/test-import
tests_unit_test_csv_SOURCES = tests/unit/test-csv.c
tests_unit_test_csv_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_csv_LDADD = $(UNITTEST_LIBS)
tests_unit_test_import_SOURCES = tests/unit/test-import.c
tests_unit_test_import_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_import_LDADD = $(UNITTEST_LIBS)

# libFuzzer harness for the CSV reader, built like the others of
# src/conf.mk: "make fuzz-csv" (clang required).
tests/fuzz/fuzz-csv$(EXEEXT): tests/fuzz/fuzz-csv.c src/csv.c src/err.c \
    src/safefile.c src/text.c src/xmalloc.c include/csv.h config.h
	$(FUZZ_BUILD) -o $@ $(srcdir)/tests/fuzz/fuzz-csv.c \
	    $(srcdir)/src/csv.c $(srcdir)/src/err.c $(srcdir)/src/safefile.c \
	    $(srcdir)/src/text.c $(srcdir)/src/xmalloc.c

fuzz-csv: tests/fuzz/fuzz-csv$(EXEEXT)
	mkdir -p tests/fuzz/corpus-csv
	tests/fuzz/fuzz-csv$(EXEEXT) -dict=$(srcdir)/tests/fuzz/fuzz-csv.dict \
	    -max_total_time=$(FUZZ_SECONDS) tests/fuzz/corpus-csv \
	    $(srcdir)/tests/fuzz/seed-csv
fuzz: fuzz-csv
.PHONY: fuzz-csv

EXTRA_DIST += tests/fuzz/fuzz-csv.c tests/fuzz/fuzz-csv.dict \
	tests/fuzz/seed-csv
CLEANFILES += tests/fuzz/fuzz-csv$(EXEEXT)

IMPORT_ITESTS = tests/integration/t0620-import.sh \
	tests/integration/t0630-import-kill.sh \
	tests/integration/t0640-import-tty.sh
TESTS += $(IMPORT_ITESTS)
EXTRA_DIST += $(IMPORT_ITESTS)

# The import's targets (1,000 rows; kills and resume): run by hand, too
# slow for make check.
EXTRA_DIST += bench/bench-import.sh
