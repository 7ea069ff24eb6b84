# fragment of Makefile.am: the interactive shell, the word splitting it
# shares with completion, and its commands (help, profile, quit, shell, use).
libispmail_a_SOURCES += \
	src/argv.c \
	include/complete.h \
	include/shell.h \
	src/cmd-help.c \
	src/cmd-profile.c \
	src/cmd-quit.c \
	src/cmd-shell.c \
	src/cmd-use.c \
	src/complete.c \
	src/compcache.c \
	include/compcache.h \
	src/shell.c

TESTS += \
	tests/integration/t0400-shell-batch.sh \
	tests/integration/t0410-shell-pty.sh
EXTRA_DIST += \
	tests/integration/t0400-shell-batch.sh \
	tests/integration/t0410-shell-pty.sh

check_PROGRAMS += tests/unit/test-shell
TESTS += tests/unit/test-shell
tests_unit_test_shell_SOURCES = tests/unit/test-shell.c
tests_unit_test_shell_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_shell_LDADD = $(UNITTEST_LIBS)

check_PROGRAMS += tests/unit/test-argv
TESTS += tests/unit/test-argv
tests_unit_test_argv_SOURCES = tests/unit/test-argv.c
tests_unit_test_argv_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_argv_LDADD = $(UNITTEST_LIBS)
