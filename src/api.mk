# fragment of Makefile.am: the ISPConfig API client, its transport and the
# mailbox layer, with their unit tests and the response-decoder fuzzer.

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

# libFuzzer harness for api_decode(). It compiles the decoder's sources
# itself so that they carry the fuzzer's coverage instrumentation; build
# and run it with "make fuzz-api" (clang required).
EXTRA_PROGRAMS += tests/fuzz/fuzz-api-response
tests_fuzz_fuzz_api_response_SOURCES = tests/fuzz/fuzz-api-response.c \
	src/api.c src/conf.c src/http.c src/json-util.c src/err.c \
	src/safefile.c src/secret.c src/text.c src/xmalloc.c
tests_fuzz_fuzz_api_response_CFLAGS = $(AM_CFLAGS) -g -O1 \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined
tests_fuzz_fuzz_api_response_LDFLAGS = -fsanitize=fuzzer,address,undefined
tests_fuzz_fuzz_api_response_LDADD = $(CURL_LIBS) $(JSONC_LIBS) \
	$(SODIUM_LIBS)
EXTRA_DIST += tests/fuzz/fuzz-api-response.dict tests/fuzz/seed-api
CLEANFILES += tests/fuzz/fuzz-api-response$(EXEEXT)

FUZZ_API_SECONDS = 20
fuzz-api:
	$(MAKE) $(AM_MAKEFLAGS) CC=clang tests/fuzz/fuzz-api-response$(EXEEXT)
	mkdir -p tests/fuzz/corpus-api
	tests/fuzz/fuzz-api-response$(EXEEXT) \
	    -dict=$(srcdir)/tests/fuzz/fuzz-api-response.dict \
	    -max_total_time=$(FUZZ_API_SECONDS) tests/fuzz/corpus-api \
	    $(srcdir)/tests/fuzz/seed-api
.PHONY: fuzz-api
