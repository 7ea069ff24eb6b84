/*
 * The one printed form of a mailbox, shared by list, show and create so that
 * their text and JSON keys never drift apart. JSON keys (stable, documented
 * in ispmail(1)): address, login, name, quota_bytes, state ("enabled" or
 * "disabled"), imap, pop3, smtp, delivery, receive (booleans), server_id,
 * maildir.
 */
#ifndef ISPMAIL_MBXOUT_H
#define ISPMAIL_MBXOUT_H

#include <stdio.h>

#include <json-c/json.h>

#include "mailbox.h"

/* Returns a new JSON object for m; the caller puts it. */
struct json_object *mbxout_json(const struct mailbox *m);

/* Prints m as "key: value" lines. */
void	mbxout_text(FILE *fp, const struct mailbox *m);

#endif
