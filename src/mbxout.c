/*
 * Printed form of a mailbox.
 */
#include "config.h"

#include <stdio.h>

#include "mbxout.h"
#include "output.h"

/* see mbxout.h */
struct json_object *
mbxout_json(const struct mailbox *m)
{
	struct json_object *o = json_object_new_object();

	json_object_object_add(o, "address", json_object_new_string(m->email));
	json_object_object_add(o, "login",
	    json_object_new_string(m->login != NULL ? m->login : ""));
	json_object_object_add(o, "name",
	    json_object_new_string(m->name != NULL ? m->name : ""));
	json_object_object_add(o, "quota_bytes",
	    json_object_new_uint64(m->quota));
	json_object_object_add(o, "state",
	    json_object_new_string(mbx_state(m)));
	json_object_object_add(o, "imap",
	    json_object_new_boolean(!m->disableimap));
	json_object_object_add(o, "pop3",
	    json_object_new_boolean(!m->disablepop3));
	json_object_object_add(o, "smtp",
	    json_object_new_boolean(!m->disablesmtp));
	json_object_object_add(o, "delivery",
	    json_object_new_boolean(!m->disabledeliver));
	json_object_object_add(o, "sieve",
	    json_object_new_boolean(!m->disablesieve));
	json_object_object_add(o, "sieve_filter",
	    json_object_new_boolean(!m->disablesievefilter));
	json_object_object_add(o, "lda",
	    json_object_new_boolean(!m->disablelda));
	json_object_object_add(o, "lmtp",
	    json_object_new_boolean(!m->disablelmtp));
	json_object_object_add(o, "receive", json_object_new_boolean(m->postfix));
	json_object_object_add(o, "server_id",
	    json_object_new_int64(m->server_id));
	json_object_object_add(o, "maildir",
	    json_object_new_string(m->maildir != NULL ? m->maildir : ""));
	return o;
}

static void
mbxout_line(FILE *fp, const char *key, const char *value)
{
	fprintf(fp, "%-10s ", key);
	out_safe(fp, value != NULL ? value : "");
	fputc('\n', fp);
}

static const char *
mbxout_onoff(int disabled)
{
	return disabled ? "off" : "on";
}

/* see mbxout.h */
void
mbxout_text(FILE *fp, const struct mailbox *m)
{
	char size[32], sid[32];

	out_size(size, sizeof(size), m->quota);
	snprintf(sid, sizeof(sid), "%ld", m->server_id);
	mbxout_line(fp, "address:", m->email);
	mbxout_line(fp, "login:", m->login);
	mbxout_line(fp, "name:", m->name);
	mbxout_line(fp, "quota:", size);
	mbxout_line(fp, "state:", mbx_state(m));
	mbxout_line(fp, "imap:", mbxout_onoff(m->disableimap));
	mbxout_line(fp, "pop3:", mbxout_onoff(m->disablepop3));
	mbxout_line(fp, "smtp:", mbxout_onoff(m->disablesmtp));
	mbxout_line(fp, "delivery:", mbxout_onoff(m->disabledeliver));
	mbxout_line(fp, "sieve:", mbxout_onoff(m->disablesieve ||
	    m->disablesievefilter));
	mbxout_line(fp, "lda/lmtp:", mbxout_onoff(m->disablelda ||
	    m->disablelmtp));
	mbxout_line(fp, "receive:", m->postfix ? "on" : "off");
	mbxout_line(fp, "server:", sid);
	mbxout_line(fp, "maildir:", m->maildir);
}
