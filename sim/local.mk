# ispconfig-sim: the ISPConfig remote API simulator, and its tests.
# It is self-contained under sim/ on purpose: it must not share
# validation or hashing code with ispmail, or the tests would only check
# the client against itself.  make builds it always (the tests and the
# demo run it from the build tree); make install installs it only after
# ./configure --enable-sim-install.
if SIM_INSTALL
bin_PROGRAMS += ispconfig-sim
dist_man_MANS += man/ispconfig-sim.1
else
noinst_PROGRAMS += ispconfig-sim
EXTRA_DIST += man/ispconfig-sim.1
endif
ispconfig_sim_SOURCES = \
	sim/sim.h \
	sim/main.c \
	sim/api.c \
	sim/check.c \
	sim/demo.c \
	sim/phpjson.c \
	sim/state.c \
	sim/util.c
ispconfig_sim_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS) $(JSONC_CFLAGS)
ispconfig_sim_LDADD = $(MHD_LIBS) $(JSONC_LIBS) $(CRYPT_LIBS) \
	$(PTHREAD_LIBS)

# The replay of the recorded panel transcripts, and the simulator's own
# behaviour (state file, sessions, lockout, fault injection).  The data
# comes from tools/transcripts2data.py and is committed: the build never
# reads the reference material it was made from.
TESTS += \
	tests/integration/t0010-sim-transcripts.sh \
	tests/integration/t0011-sim-control.sh \
	tests/integration/t0012-sim-forwarding.sh
EXTRA_DIST += \
	tests/lib.sh \
	tests/integration/t0010-sim-transcripts.sh \
	tests/integration/t0011-sim-control.sh \
	tests/integration/t0012-sim-forwarding.sh \
	tests/data/transcripts/cases.tsv \
	tests/data/transcripts/seed.json \
	tools/transcripts2data.py
