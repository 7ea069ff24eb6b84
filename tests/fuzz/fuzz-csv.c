/*
 * libFuzzer harness for the CSV reader: any bytes are parsed. An accepted
 * file has at least one record, records in increasing line order, no
 * empty record and no field over the limits; a refusal names the file.
 * Build and run with "make fuzz-csv" (clang required).
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv *c;
	struct errbuf eb;
	size_t i, k, last = 0;

	if (csv_parse((const char *)data, size, "f.csv", &c, &eb) != 0) {
		if (strncmp(eb.msg, "f.csv", 5) != 0)
			abort();
		return 0;
	}
	if (c->nrecords == 0 || (c->sep != ',' && c->sep != ';'))
		abort();
	for (i = 0; i < c->nrecords; i++) {
		if (c->records[i].line <= last || c->records[i].nfields == 0 ||
		    c->records[i].nfields > CSV_FIELDS_MAX)
			abort();
		last = c->records[i].line;
		for (k = 0; k < c->records[i].nfields; k++)
			if (strlen(c->records[i].fields[k]) > CSV_FIELD_MAX)
				abort();
	}
	csv_free(c);
	return 0;
}
