/*
 * libFuzzer harness for api_decode(): any body under any HTTP status must
 * decode to a response or to an ISPM_E* code with a one-line message,
 * without crashing, leaking or reading beyond len. The first two bytes
 * choose the status so that the error paths of every status are reached.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "api.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const long statuses[] = { 200, 200, 200, 500, 404, 302, 0 };
	struct json_object *resp = NULL;
	struct errbuf eb;
	enum api_fault fault;
	long status;
	char *body;
	int r;

	if (size < 1)
		return 0;
	status = statuses[data[0] % (sizeof(statuses) / sizeof(statuses[0]))];
	data++;
	size--;
	/* A copy of exactly size bytes, so that ASan catches overreads. */
	if ((body = malloc(size > 0 ? size : 1)) == NULL)
		return 0;
	memcpy(body, data, size);
	eb.msg[0] = '\0';
	r = api_decode("mail_user_get", "apiuser", status, body, size, &resp,
	    &fault, &eb);
	if (r == 0 && fault != API_FAULT_NONE)
		abort();
	if (r != 0 && (resp != NULL || eb.msg[0] == '\0' ||
	    strpbrk(eb.msg, "\r\n") != NULL))
		abort();
	json_object_put(resp);
	free(body);
	return 0;
}
