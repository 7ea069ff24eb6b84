# fragment of Makefile.am: the command table, the mailbox commands and the
# shared printing and password-input code.
libispmail_a_SOURCES += \
	src/mbxout.c \
	src/output.c

check_PROGRAMS += tests/unit/test-secret
tests_unit_test_secret_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_secret_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-secret
