/*
 * PHP json_encode() with default flags, byte for byte: clients written
 * against a real panel see "\/" and "\u00e9" and must cope with them, so
 * the simulator has to send them too.  json-c's own writer differs
 * (raw UTF-8, "{}" for empty arrays), hence this encoder.
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sim.h"

static const char hexdigits[] = "0123456789abcdef";

static void
phpjson_u16(struct sbuf *b, unsigned int u)
{
	char esc[6] = { '\\', 'u', hexdigits[(u >> 12) & 0xf],
	    hexdigits[(u >> 8) & 0xf], hexdigits[(u >> 4) & 0xf],
	    hexdigits[u & 0xf] };

	sbuf_add(b, esc, sizeof(esc));
}

/*
 * Decode one UTF-8 sequence; returns its length or 0 when invalid.
 * json-c validated the input, but state files are edited by hand.
 */
static size_t
utf8_decode(const unsigned char *s, size_t len, unsigned int *cp)
{
	size_t n, i;
	unsigned int c;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	} else if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		c = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		c = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	if (n > len)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 2 && c < 0x80) || (n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

void
phpjson_string(struct sbuf *b, const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned int cp;
	size_t i, n;

	sbuf_add(b, "\"", 1);
	for (i = 0; i < len; i += n) {
		n = 1;
		switch (s[i]) {
		case '"':
			sbuf_add(b, "\\\"", 2);
			continue;
		case '\\':
			sbuf_add(b, "\\\\", 2);
			continue;
		case '/':
			sbuf_add(b, "\\/", 2);
			continue;
		case '\b':
			sbuf_add(b, "\\b", 2);
			continue;
		case '\f':
			sbuf_add(b, "\\f", 2);
			continue;
		case '\n':
			sbuf_add(b, "\\n", 2);
			continue;
		case '\r':
			sbuf_add(b, "\\r", 2);
			continue;
		case '\t':
			sbuf_add(b, "\\t", 2);
			continue;
		}
		if (s[i] < 0x20) {
			phpjson_u16(b, s[i]);
			continue;
		}
		if (s[i] < 0x80) {
			sbuf_add(b, &s[i], 1);
			continue;
		}
		if ((n = utf8_decode(s + i, len - i, &cp)) == 0) {
			/* PHP would fail the whole encode; keep going. */
			n = 1;
			phpjson_u16(b, 0xfffd);
			continue;
		}
		if (cp >= 0x10000) {
			cp -= 0x10000;
			phpjson_u16(b, 0xd800 | (cp >> 10));
			phpjson_u16(b, 0xdc00 | (cp & 0x3ff));
		} else
			phpjson_u16(b, cp);
	}
	sbuf_add(b, "\"", 1);
}

static void
phpjson_double(struct sbuf *b, double d)
{
	char buf[64];
	int prec;

	if (!isfinite(d)) {
		sbuf_adds(b, "0");
		return;
	}
	/* serialize_precision -1: the shortest form that reads back. */
	for (prec = 1; prec <= 17; prec++) {
		snprintf(buf, sizeof(buf), "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	if (strpbrk(buf, ".eE") == NULL)
		strncat(buf, ".0", sizeof(buf) - strlen(buf) - 1);
	sbuf_adds(b, buf);
}

void
phpjson_encode(struct sbuf *b, struct json_object *o)
{
	size_t i, n;
	int first;

	switch (json_object_get_type(o)) {
	case json_type_null:
		sbuf_adds(b, "null");
		break;
	case json_type_boolean:
		sbuf_adds(b, json_object_get_boolean(o) ? "true" : "false");
		break;
	case json_type_int:
		sbuf_addf(b, "%lld", (long long)json_object_get_int64(o));
		break;
	case json_type_double:
		phpjson_double(b, json_object_get_double(o));
		break;
	case json_type_string:
		phpjson_string(b, json_object_get_string(o),
		    (size_t)json_object_get_string_len(o));
		break;
	case json_type_array:
		sbuf_adds(b, "[");
		n = json_object_array_length(o);
		for (i = 0; i < n; i++) {
			if (i > 0)
				sbuf_adds(b, ",");
			phpjson_encode(b, json_object_array_get_idx(o, i));
		}
		sbuf_adds(b, "]");
		break;
	case json_type_object:
		/* Every object we send is a PHP array: empty means "[]". */
		if (json_object_object_length(o) == 0) {
			sbuf_adds(b, "[]");
			break;
		}
		sbuf_adds(b, "{");
		first = 1;
		json_object_object_foreach(o, key, val) {
			if (!first)
				sbuf_adds(b, ",");
			first = 0;
			phpjson_string(b, key, strlen(key));
			sbuf_adds(b, ":");
			phpjson_encode(b, val);
		}
		sbuf_adds(b, "}");
		break;
	}
}
