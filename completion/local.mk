# fragment of Makefile.am: bash completion, generated from the command
# table by a program linked with it, and its test.
noinst_PROGRAMS += completion/gen-completion
completion_gen_completion_SOURCES = completion/gen-completion.c
completion_gen_completion_LDADD = $(ISPMAIL_LIBS)

bashcompletion_DATA = completion/ispmail
completion/ispmail: completion/gen-completion$(EXEEXT) ispmail$(EXEEXT) \
    $(srcdir)/completion/ispmail.bash
	$(AM_V_GEN)./ispmail$(EXEEXT) --help | \
	    completion/gen-completion$(EXEEXT) >$@.tmp && \
	    cat $(srcdir)/completion/ispmail.bash >>$@.tmp && mv $@.tmp $@
CLEANFILES += completion/ispmail completion/ispmail.tmp
EXTRA_DIST += completion/ispmail.bash

TESTS += tests/integration/t0700-completion.sh
TESTS += tests/integration/t0705-completion-changes.sh
EXTRA_DIST += tests/integration/t0700-completion.sh \
	tests/integration/t0705-completion-changes.sh tests/completion.sh
