# fragment of Makefile.am: integration tests of the one-shot commands, run
# against the simulator over HTTPS, the manual-page lint and the file
# graph's check (no cycle, no edge up the layers: tools/filegraph.sh).
TESTS += \
	tests/integration/t0100-mailbox.sh \
	tests/integration/t0110-api-faults.sh \
	tests/integration/t0120-pinned-key.sh \
	tests/integration/t0130-client-settings.sh \
	tests/integration/t0140-autoconfig.sh \
	tests/integration/t0300-check-password.sh \
	tests/integration/t0310-generate-min-length.sh \
	tests/integration/t0530-local-files.sh \
	tests/integration/t0600-alias.sh \
	tests/integration/t0610-forward.sh \
	tests/integration/t0620-alias-mailbox.sh \
	tests/integration/t0900-docs.sh \
	tests/integration/t0910-manlint.sh \
	tests/integration/t0920-filegraph.sh
EXTRA_DIST += \
	tools/filegraph.sh \
	tests/lib.sh \
	tests/integration/t0100-mailbox.sh \
	tests/integration/t0110-api-faults.sh \
	tests/integration/t0120-pinned-key.sh \
	tests/integration/t0130-client-settings.sh \
	tests/integration/t0140-autoconfig.sh \
	tests/integration/t0300-check-password.sh \
	tests/integration/t0310-generate-min-length.sh \
	tests/integration/t0530-local-files.sh \
	tests/integration/t0600-alias.sh \
	tests/integration/t0610-forward.sh \
	tests/integration/t0620-alias-mailbox.sh \
	tests/integration/t0900-docs.sh \
	tests/integration/t0910-manlint.sh \
	tests/integration/t0920-filegraph.sh
