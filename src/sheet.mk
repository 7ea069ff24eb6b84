# fragment of Makefile.am: the connection sheet handed to a mailbox's
# owner (text, JSON, PDF through cairo and pango) and the commands that
# write it.
libispmail_a_SOURCES += \
	src/cmd-sheet.c \
	src/sheet.c \
	src/sheetfile.c \
	src/sheetopt.c

noinst_HEADERS += include/sheet.h include/sheetfile.h include/sheetopt.h

check_PROGRAMS += tests/unit/test-sheet
tests_unit_test_sheet_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_sheet_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-sheet

TESTS += tests/integration/t0600-sheet.sh
EXTRA_DIST += tests/integration/t0600-sheet.sh
EXTRA_DIST += tests/valgrind.supp
