# fragment of Makefile.am: the command table, the mailbox commands and the
# shared printing and password-input code.
libispmail_a_SOURCES += \
	src/cmd.c \
	src/cmd-create.c \
	src/cmd-delete.c \
	src/cmd-disable.c \
	src/cmd-domains.c \
	src/cmd-list.c \
	src/cmd-passwd.c \
	src/cmd-quota.c \
	src/cmd-show.c \
	src/mbxout.c \
	src/output.c \
	src/pwinput.c

dist_man_MANS += man/ispmail.1
EXTRA_DIST += tools/demo.sh tools/debian-deps.sh .ci/run

check_PROGRAMS += tests/unit/test-secret tests/unit/test-cmd
tests_unit_test_secret_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_secret_LDADD = $(UNITTEST_LIBS)
tests_unit_test_cmd_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_cmd_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-secret tests/unit/test-cmd
