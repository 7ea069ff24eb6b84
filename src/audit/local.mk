# fragment of Makefile.am: the password audit (issue 5) in src/audit/: the
# candidates, the state, the rotation journal, the sealing, and the audit,
# keygen and unseal commands (src/cmd-*.c, with the other commands).  The
# hash engines are src/crypt/, the strength data and model src/strength/.

libispmail_a_SOURCES += \
	src/audit/audit.c \
	src/audit/auditlock.c \
	src/audit/auditreport.c \
	src/audit/auditstate.c \
	src/audit/candidates.c \
	src/audit/journal.c \
	src/audit/seal.c \
	src/cmd-audit.c \
	src/cmd-keygen.c \
	src/cmd-unseal.c

noinst_HEADERS += include/auditlock.h include/auditreport.h

AUDIT_TESTS = \
	tests/unit/test-auditstate \
	tests/unit/test-candidates \
	tests/unit/test-journal \
	tests/unit/test-seal \
	tests/unit/test-shard

check_PROGRAMS += $(AUDIT_TESTS)
TESTS += $(AUDIT_TESTS)

tests_unit_test_candidates_SOURCES = tests/unit/test-candidates.c
tests_unit_test_candidates_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_candidates_LDADD = $(UNITTEST_LIBS)

tests_unit_test_auditstate_SOURCES = tests/unit/test-auditstate.c
tests_unit_test_auditstate_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_auditstate_LDADD = $(UNITTEST_LIBS)

tests_unit_test_journal_SOURCES = tests/unit/test-journal.c
tests_unit_test_journal_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_journal_LDADD = $(UNITTEST_LIBS)

tests_unit_test_seal_SOURCES = tests/unit/test-seal.c
tests_unit_test_seal_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_seal_LDADD = $(UNITTEST_LIBS)

tests_unit_test_shard_SOURCES = tests/unit/test-shard.c
tests_unit_test_shard_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_shard_LDADD = $(UNITTEST_LIBS)

AUDIT_ITESTS = \
	tests/integration/t0500-audit.sh \
	tests/integration/t0510-audit-kill.sh

TESTS += $(AUDIT_ITESTS)
EXTRA_DIST += $(AUDIT_ITESTS)
dist_man_MANS += man/ispmail-audit.8

EXTRA_DIST += bench/bench-audit-recall.sh bench/audit-models.py \
	bench/bench-audit-fairness.sh bench/bench-audit-first-night.sh
# Run on demand by bench-audit-recall.sh and make regen; built by make check
# so that an interface change which breaks it fails there, not at regen time.
check_PROGRAMS += bench/bench-audit-order
bench_bench_audit_order_SOURCES = bench/bench-audit-order.c
bench_bench_audit_order_LDADD = $(ISPMAIL_LIBS)
