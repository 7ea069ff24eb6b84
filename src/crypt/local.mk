# fragment of Makefile.am: the crypt stack in src/crypt/, the hash engines
# of the password audit and the import.  Layers, each calling only those
# below it: crackhash.c (parsing, engine choice, libcrypt; its contract is
# include/crackhash.h), crypt-lanes.c (the lane scheduler), sha512crypt.c
# and md5crypt.c (the schemes' operations), their -avx2.c SIMD round
# loops, and crypt-prim.c (hashes, tables, round messages).

libispmail_a_SOURCES += \
	src/crypt/crackhash.c \
	src/crypt/crypt-lanes.c \
	src/crypt/crypt-lanes.h \
	src/crypt/crypt-scheme.h \
	src/crypt/sha512crypt.c \
	src/crypt/md5crypt.c \
	src/crypt/crypt-simd.h \
	src/crypt/sha512crypt-avx2.c \
	src/crypt/md5crypt-avx2.c \
	src/crypt/crypt-prim.c \
	src/crypt/crypt-prim.h

check_PROGRAMS += tests/unit/test-crackhash
tests_unit_test_crackhash_SOURCES = tests/unit/test-crackhash.c
tests_unit_test_crackhash_CFLAGS = $(UNITTEST_FLAGS)
tests_unit_test_crackhash_LDADD = $(UNITTEST_LIBS)
TESTS += tests/unit/test-crackhash

# Benchmark, run on demand only (make bench-crackhash); built by make check so
# that an interface change which breaks it fails there.
check_PROGRAMS += bench/bench-crackhash
bench_bench_crackhash_SOURCES = bench/bench-crackhash.c
bench_bench_crackhash_LDADD = $(ISPMAIL_LIBS)

bench-crackhash: bench/bench-crackhash$(EXEEXT)
	bench/bench-crackhash$(EXEEXT) $(BENCH_ARGS)
.PHONY: bench-crackhash
