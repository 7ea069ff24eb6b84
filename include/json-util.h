/*
 * Typed access to ISPConfig's JSON: every column comes back as a string
 * (or null), ids from mail_user_add are strings, affected-row counts are
 * integers. These getters accept both forms and refuse anything else, so
 * callers never guess at types. Strings returned are borrowed from the
 * object (json-c ownership: valid while the object lives).
 */
#ifndef ISPMAIL_JSON_UTIL_H
#define ISPMAIL_JSON_UTIL_H

#include <stddef.h>

#include <json-c/json.h>

/*
 * Reads v (a JSON integer or a string of decimal digits with an optional
 * leading '-') into *out. Returns 0, or -1 for null, other types, garbage
 * or overflow; *out is set only on success.
 */
int	ju_to_int64(struct json_object *v, long long *out);

/* The same for member key of object obj; -1 also when key is missing. */
int	ju_get_int64(struct json_object *obj, const char *key,
	    long long *out);

/* A string member, or NULL when missing, null or not a string. */
const char *ju_get_str(struct json_object *obj, const char *key);

/* 1 when member key is the string "y", else 0. */
int	ju_get_flag(struct json_object *obj, const char *key);

/*
 * Overwrites the bytes of a json-c string object in place. json-c has no
 * API for this; the cast is deliberate and only used on objects we own.
 */
void	ju_wipe_string(struct json_object *s);

/* Overwrites a string member of obj in place, if present. */
void	ju_wipe_member(struct json_object *obj, const char *key);

#endif
