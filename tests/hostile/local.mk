# fragment of Makefile.am: the hostile panel (issue 11), a proxy in front of
# the simulator that loses, garbles or rewrites the answers of chosen
# methods, and the tests that drive ispmail through it.
check_PROGRAMS += tests/hostile/hostile-proxy
tests_hostile_hostile_proxy_SOURCES = tests/hostile/hostile-proxy.c
tests_hostile_hostile_proxy_CFLAGS = $(AM_CFLAGS) $(JSONC_CFLAGS)
tests_hostile_hostile_proxy_LDADD = $(JSONC_LIBS) $(PTHREAD_LIBS)

HOSTILE_ITESTS = \
	tests/integration/t0520-audit-lost-answer.sh \
	tests/integration/t0530-hostile-rows.sh \
	tests/integration/t0540-audit-locks.sh \
	tests/integration/t0550-audit-all-profiles.sh \
	tests/integration/t0560-audit-spread.sh \
	tests/integration/t0570-hostile-matrix.sh \
	tests/integration/t0571-hostile-matrix-add.sh \
	tests/integration/t0572-hostile-matrix-change.sh \
	tests/integration/t0573-hostile-matrix-import-sheets.sh

TESTS += $(HOSTILE_ITESTS)
EXTRA_DIST += $(HOSTILE_ITESTS) tests/hostile/matrix.sh
