# fragment of Makefile.am: the nightly audit as a systemd timer, and its
# test.
systemdsystemunit_DATA = systemd/ispmail-audit@.service \
	systemd/ispmail-audit@.timer
systemd/ispmail-audit@.service: $(srcdir)/systemd/ispmail-audit@.service.in
	$(AM_V_GEN)$(MKDIR_P) systemd && \
	    sed 's|@bindir[@]|$(bindir)|g' \
	    $(srcdir)/systemd/ispmail-audit@.service.in >$@.tmp && mv $@.tmp $@
CLEANFILES += systemd/ispmail-audit@.service
EXTRA_DIST += systemd/ispmail-audit@.service.in systemd/ispmail-audit@.timer

TESTS += tests/integration/t0710-systemd.sh
EXTRA_DIST += tests/integration/t0710-systemd.sh
