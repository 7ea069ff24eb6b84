/*
 * Typed getters over json-c for ISPConfig's string-typed answers, and
 * in-place wiping of strings that carried secrets.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "json-util.h"

/* see json-util.h */
int
ju_to_int64(struct json_object *v, long long *out)
{
	const char *s, *p;
	char *end;
	long long n;

	if (v == NULL)
		return -1;
	switch (json_object_get_type(v)) {
	case json_type_int:
		n = json_object_get_int64(v);
		/* json-c clamps unsigned values beyond int64 to its maximum. */
		if (n == LLONG_MAX &&
		    json_object_get_uint64(v) != (uint64_t)LLONG_MAX)
			return -1;
		*out = n;
		return 0;
	case json_type_string:
		s = json_object_get_string(v);
		p = (*s == '-') ? s + 1 : s;
		if (*p < '0' || *p > '9')
			return -1;
		for (; *p != '\0'; p++)
			if (*p < '0' || *p > '9')
				return -1;
		errno = 0;
		n = strtoll(s, &end, 10);
		if (errno != 0 || *end != '\0')
			return -1;
		*out = n;
		return 0;
	default:
		return -1;
	}
}

/* see json-util.h */
int
ju_get_int64(struct json_object *obj, const char *key, long long *out)
{
	struct json_object *v;

	if (obj == NULL || !json_object_is_type(obj, json_type_object) ||
	    !json_object_object_get_ex(obj, key, &v))
		return -1;
	return ju_to_int64(v, out);
}

/* see json-util.h */
const char *
ju_get_str(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (obj == NULL || !json_object_is_type(obj, json_type_object) ||
	    !json_object_object_get_ex(obj, key, &v) ||
	    !json_object_is_type(v, json_type_string))
		return NULL;
	return json_object_get_string(v);
}

/* see json-util.h */
int
ju_get_flag(struct json_object *obj, const char *key)
{
	const char *s;

	s = ju_get_str(obj, key);
	return s != NULL && strcmp(s, "y") == 0;
}

/* see json-util.h */
void
ju_wipe_string(struct json_object *s)
{
	char *p;

	if (s == NULL || !json_object_is_type(s, json_type_string))
		return;
	p = (char *)json_object_get_string(s);
	sodium_memzero(p, (size_t)json_object_get_string_len(s));
}

/* see json-util.h */
void
ju_wipe_member(struct json_object *obj, const char *key)
{
	struct json_object *v;

	if (obj != NULL && json_object_is_type(obj, json_type_object) &&
	    json_object_object_get_ex(obj, key, &v))
		ju_wipe_string(v);
}
