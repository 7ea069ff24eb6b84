# fragment of Makefile.am: the command table, the mailbox commands and the
# shared printing and password-input code.
libispmail_a_SOURCES += \
	src/aliascmd.c \
	src/aliasout.c \
	src/args.c \
	src/cmd.c \
	src/cmd-alias.c \
	src/cmd-create.c \
	src/cmd-delete.c \
	src/cmd-disable.c \
	src/cmd-domains.c \
	src/cmd-forward.c \
	src/cmd-list.c \
	src/cmd-passwd.c \
	src/cmd-quota.c \
	src/cmd-show.c \
	src/duration.c \
	src/mbxout.c \
	src/output.c \
	src/pwinput.c \
	src/safefile.c \
	src/text.c \
	src/utf8.c

# Every module's contract, so that make dist ships it.
noinst_HEADERS = \
	include/alias.h \
	include/aliascmd.h \
	include/aliasout.h \
	include/api.h \
	include/args.h \
	include/argv.h \
	include/audit.h \
	include/auditstate.h \
	include/candidates.h \
	include/cmd.h \
	include/complete.h \
	include/conf.h \
	include/crackhash.h \
	include/duration.h \
	include/err.h \
	include/http.h \
	include/journal.h \
	include/json-util.h \
	include/mailbox.h \
	include/mbxout.h \
	include/names.h \
	include/output.h \
	include/pwgen.h \
	include/pwinput.h \
	include/safefile.h \
	include/seal.h \
	include/secret.h \
	include/shell.h \
	include/strength.h \
	include/strength-msg.h \
	include/text.h \
	include/utf8.h \
	include/xmalloc.h

dist_man_MANS += man/ispmail.1
EXTRA_DIST += tools/demo.sh tools/debian-deps.sh .ci/run

check_PROGRAMS += tests/unit/test-secret tests/unit/test-cmd tests/unit/test-utf8 \
	tests/unit/test-duration
tests_unit_test_secret_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_secret_LDADD = $(UNITTEST_LIBS)
tests_unit_test_cmd_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_cmd_LDADD = $(UNITTEST_LIBS)
tests_unit_test_utf8_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_utf8_LDADD = $(UNITTEST_LIBS)
tests_unit_test_duration_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_duration_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-secret tests/unit/test-cmd tests/unit/test-utf8 \
	tests/unit/test-duration
