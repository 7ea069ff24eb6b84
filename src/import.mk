# fragment of Makefile.am: bulk import from CSV (issue 15): the CSV reader,
# the import and its command (the reader's fuzzer is in tests/fuzz/local.mk).
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

IMPORT_ITESTS = tests/integration/t0620-import.sh \
	tests/integration/t0630-import-kill.sh \
	tests/integration/t0631-import-sheets.sh \
	tests/integration/t0632-import-sheets-kill.sh \
	tests/integration/t0640-import-tty.sh
TESTS += $(IMPORT_ITESTS)
EXTRA_DIST += $(IMPORT_ITESTS)

# The import's targets (1,000 rows; kills and resume): run by hand, too
# slow for make check.
EXTRA_DIST += bench/bench-import.sh
