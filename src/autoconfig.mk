# fragment of Makefile.am: mail client autoconfiguration files, the XML
# writer they go through, the command and their tests.

libispmail_a_SOURCES += src/autoconfig.c src/cmd-autoconfig.c src/xml.c
noinst_HEADERS += include/autoconfig.h include/xml.h

check_PROGRAMS += tests/unit/test-autoconfig
tests_unit_test_autoconfig_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_autoconfig_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-autoconfig
