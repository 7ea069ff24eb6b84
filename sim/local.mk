# ispconfig-sim: the ISPConfig remote API simulator, and its tests.
# It is self-contained under sim/ on purpose: it must not share
# validation or hashing code with ispmail, or the tests would only check
# the client against itself.
bin_PROGRAMS += ispconfig-sim
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
