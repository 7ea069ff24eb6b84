# fragment of Makefile.am: the connection sheet handed to a mailbox's
# owner (text, JSON, PDF through cairo and pango) and the commands that
# write it.
libispmail_a_SOURCES += \
	src/sheet.c

noinst_HEADERS += include/sheet.h

check_PROGRAMS += tests/unit/test-sheet
tests_unit_test_sheet_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_sheet_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-sheet
