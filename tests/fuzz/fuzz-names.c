/*
 * libFuzzer harness for the mailbox name rules: any string is checked as
 * an address, a local part and a domain. An accepted address must
 * normalise to the same length in lower case and pass again; a refusal
 * must name a rule, a position within the input and a message free of
 * control bytes. Build and run with "make fuzz-names" (clang required).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "names.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A refusal's message must be printable as it is. */
static void
check_message(const struct errbuf *eb)
{
	const unsigned char *s = (const unsigned char *)eb->msg;

	if (*s == '\0')
		abort();
	for (; *s != '\0'; s++)
		if (*s < 0x20 || *s == 0x7f)
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct names_verdict v;
	struct errbuf eb;
	char *s, *norm = NULL, *p;

	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';

	if (names_check(s, &v, &eb) == 0) {
		if (v.rule != NAMES_OK || strlen(s) > NAMES_ADDRESS_MAX)
			abort();
		if (names_normalize(s, NULL, &norm, &eb) != 0 ||
		    strlen(norm) != strlen(s))
			abort();
		for (p = norm; *p != '\0'; p++)
			if (*p >= 'A' && *p <= 'Z')
				abort();
		if (names_check_address(norm, &eb) != 0)
			abort();
		free(norm);
	} else {
		if (v.rule == NAMES_OK || v.pos > strlen(s) + 1 ||
		    strcmp(names_rule_name(v.rule), "unknown") == 0)
			abort();
		check_message(&eb);
		if (names_normalize(s, NULL, &norm, &eb) == 0 || norm != NULL)
			abort();
	}
	if (names_check_local(s, &eb) != 0)
		check_message(&eb);
	if (names_check_domain(s, &eb) != 0)
		check_message(&eb);
	if (names_normalize(s, "example.com", &norm, &eb) == 0)
		free(norm);
	free(s);
	return 0;
}
