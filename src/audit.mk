# fragment of Makefile.am: the password audit's hash engines.

libispmail_a_SOURCES += \
	src/crackhash.c \
	src/crackhash-int.h \
	src/sha512crypt.c \
	src/sha512crypt-avx2.c \
	src/md5crypt.c \
	src/md5crypt-avx2.c

check_PROGRAMS += tests/unit/test-crackhash
tests_unit_test_crackhash_SOURCES = tests/unit/test-crackhash.c
tests_unit_test_crackhash_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_crackhash_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-crackhash

# Benchmark, built and run on demand only: make bench-crackhash.
EXTRA_PROGRAMS += bench/bench-crackhash
bench_bench_crackhash_SOURCES = bench/bench-crackhash.c
bench_bench_crackhash_LDADD = $(ISPMAIL_LIBS)
CLEANFILES += bench/bench-crackhash

bench-crackhash: bench/bench-crackhash$(EXEEXT)
	bench/bench-crackhash$(EXEEXT) $(BENCH_ARGS)
.PHONY: bench-crackhash
