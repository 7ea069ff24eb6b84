# fragment of Makefile.am: configuration, mailbox name rules, their
# commands, tests and ispmail.conf(5) (their fuzzers are in
# tests/fuzz/local.mk).

libispmail_a_SOURCES += src/conf.c src/names.c src/cmd-config.c src/cmd-validate.c

check_PROGRAMS += tests/unit/test-names
tests_unit_test_names_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_names_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-names

EXTRA_DIST += tests/data/names.txt

check_PROGRAMS += tests/unit/test-conf
tests_unit_test_conf_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_conf_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-conf

EXTRA_DIST += tests/data/conf/good.conf tests/data/conf/bad.conf

dist_man_MANS += man/ispmail.conf.5
