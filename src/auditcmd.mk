# fragment of Makefile.am: the password audit (issue 5): candidates, state,
# rotation journal, sealing, and the audit, keygen and unseal commands.
# The crypt engine has its own fragment, src/audit.mk.

libispmail_a_SOURCES += \
	src/candidates.c

AUDITCMD_TESTS = \
	tests/unit/test-candidates

check_PROGRAMS += $(AUDITCMD_TESTS)
TESTS += $(AUDITCMD_TESTS)

tests_unit_test_candidates_SOURCES = tests/unit/test-candidates.c
tests_unit_test_candidates_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_candidates_LDADD = $(UNITTEST_LIBS)
