# fragment of Makefile.am: the ISPConfig API client, its transport and the
# mailbox layer, with their unit tests (the response decoder's fuzzer is
# in tests/fuzz/local.mk).

libispmail_a_SOURCES += \
	src/alias.c \
	src/api.c \
	src/http.c \
	src/json-util.c \
	src/mailbox.c

check_PROGRAMS += tests/unit/test-api tests/unit/test-mailbox \
	tests/unit/test-alias
TESTS += tests/unit/test-api tests/unit/test-mailbox tests/unit/test-alias

tests_unit_test_api_SOURCES = tests/unit/test-api.c tests/unit/fake-http.c \
	tests/unit/fake-http.h
tests_unit_test_api_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_api_LDADD = $(UNITTEST_LIBS)

tests_unit_test_mailbox_SOURCES = tests/unit/test-mailbox.c \
	tests/unit/fake-http.c tests/unit/fake-http.h
tests_unit_test_mailbox_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_mailbox_LDADD = $(UNITTEST_LIBS)

tests_unit_test_alias_SOURCES = tests/unit/test-alias.c \
	tests/unit/fake-http.c tests/unit/fake-http.h
tests_unit_test_alias_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_alias_LDADD = $(UNITTEST_LIBS)
