#!/usr/bin/env python3
"""Convert the recorded ISPConfig 3.2.12 transcripts into test data.

The build and the tests must never read the shared reference directory,
so this script is run by hand when TRANSCRIPTS.md changes and its output
is committed:

    tools/transcripts2data.py /path/to/TRANSCRIPTS.md tests/data/transcripts

It writes:

cases.tsv   one line per recorded request, tab separated:
            number, section, source address, https (0/1), gzip (0/1),
            HTTP method, query (the API method), request body, expected
            HTTP status, expected Content-Type, expected
            body, action to take first ("-" for none), skip reason
            ("-" to run the case), title.  An empty query or body is
            written as @EMPTY@.  Bodies are single-line JSON
            (or the raw non-JSON body of the protocol-error cases), so
            they contain no tabs or newlines.
seed.json   a simulator state reproducing the panel the transcripts
            started from: server 1, client1 (sys_user 2, group 2) with
            example.com, the remote users apiuser and apilimited, no
            mailboxes.  Rows are copied from the recorded responses.

Actions are what the recording did out of band (SQL on the panel
database); the test replays them through the simulator's /_sim/ control
endpoint.
"""

import json
import re
import subprocess
import sys

# Cases that needed SQL on the real panel, and their simulator equivalent.
ACTIONS = {
    121: "expire_session",      # UPDATE remote_session SET tstamp=...
    92: "learn_hash:1",         # the hash was read from the DB, not the API
    171: "clear_failures",      # DELETE FROM attempts_login
    184: "advance_clock:301",   # login_time = NOW() - INTERVAL 301 SECOND
}

EMPTY = "@EMPTY@"

SKIP = {
}

# remote.conf.php function groups held by the recorded remote users.
GROUPS = {
    "server": "server_get,server_config_set,get_function_list,"
              "client_templates_get_all,server_get_serverid_by_ip,"
              "server_ip_get,server_ip_add,server_ip_update,"
              "server_ip_delete,system_config_set,system_config_get,"
              "config_value_get,config_value_add,config_value_update,"
              "config_value_replace,config_value_delete",
    "client": "client_get_all,client_get,client_add,client_update,"
              "client_delete,client_get_sites_by_user,"
              "client_get_by_username,client_get_by_customer_no,"
              "client_change_password,client_get_id,"
              "client_delete_everything,client_get_emailcontact",
    "mail_domain": "mail_domain_get,mail_domain_add,mail_domain_update,"
                   "mail_domain_delete,mail_domain_set_status,"
                   "mail_domain_get_by_domain",
    "mail_aliasdomain": "mail_aliasdomain_get,mail_aliasdomain_add,"
                        "mail_aliasdomain_update,mail_aliasdomain_delete",
    "mail_user": "mail_user_get,mail_user_add,mail_user_update,"
                 "mail_user_delete,mail_user_get_all_by_client",
    "mail_alias": "mail_alias_get,mail_alias_add,mail_alias_update,"
                  "mail_alias_delete",
    "mail_forward": "mail_forward_get,mail_forward_add,"
                    "mail_forward_update,mail_forward_delete",
    "quota": "quota_get_by_user,trafficquota_get_by_user,"
             "mailquota_get_by_user,databasequota_get_by_user",
}


def parse_cases(text):
    """Yield dicts for every '#### N. title' case with a request."""
    section = ""
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = re.match(r"^## ([A-Z])\. ", line)
        if m:
            section = m.group(1)
        m = re.match(r"^#### (\d+)\. (.*)$", line)
        if not m:
            i += 1
            continue
        num, title = int(m.group(1)), m.group(2)
        # The request block: a request line, then the body line.
        while lines[i] != "```":
            i += 1
        reqline = lines[i + 1]
        body_lines = []
        j = i + 2
        while lines[j] != "```":
            body_lines.append(lines[j])
            j += 1
        i = j + 1
        while not lines[i].startswith("Response: "):
            i += 1
        resp = lines[i]
        while lines[i] != "```":
            i += 1
        out = []
        j = i + 1
        while lines[j] != "```":
            out.append(lines[j])
            j += 1
        i = j + 1
        if out and out[0].startswith("<") and "decompressed:" in out[0]:
            out = out[1:]
        yield {
            "num": num, "title": title, "section": section,
            "reqline": reqline, "body": "\n".join(body_lines),
            "resp": resp, "expect": "\n".join(out),
        }


def convert(case):
    req = case["reqline"]
    m = re.match(r"^(GET|POST) (\S+)(.*)$", req)
    if not m:
        raise SystemExit("case %d: bad request line %r" % (case["num"], req))
    method, url, rest = m.groups()
    https = "1" if url.startswith("https://") else "0"
    query = url.split("?", 1)[1] if "?" in url else ""
    src = "127.0.0.2" if "source address 127.0.0.2" in rest else "127.0.0.1"
    body = case["body"]
    if "(no body)" in rest:
        body = ""
    resp = case["resp"]
    status = re.search(r"HTTP (\d+)", resp).group(1)
    ctype = re.search(r"Content-Type: ([^,]*(?:; charset=\"[^\"]*\")?)",
                      resp).group(1)
    gzip = "1" if "Content-Encoding: gzip" in resp else "0"
    for field in (body, case["expect"], case["title"]):
        if "\t" in field or "\n" in field:
            raise SystemExit("case %d: tab or newline in a field"
                             % case["num"])
    # A shell "read" with IFS=tab merges empty fields: mark them.
    return "\t".join([
        str(case["num"]), case["section"], src, https, gzip, method,
        query or EMPTY, body or EMPTY, status, ctype, case["expect"],
        ACTIONS.get(case["num"], "-"), SKIP.get(case["num"], "-"),
        case["title"],
    ])


def crypt_sha512(password, salt):
    """A $6$ hash with a fixed salt, so the committed seed is stable."""
    out = subprocess.run(["openssl", "passwd", "-6", "-salt", salt,
                          password], check=True, capture_output=True,
                         text=True).stdout.strip()
    return out


def response_of(cases, num):
    for c in cases:
        if c["num"] == num:
            return json.loads(c["expect"])["response"]
    raise SystemExit("case %d missing" % num)


def ini_text(sections):
    out = []
    for name, kv in sections:
        out.append("[%s]" % name)
        out.extend("%s=%s" % (k, v) for k, v in kv.items())
        out.append("")
    return "\n".join(out)


def seed(cases):
    mail = response_of(cases, 17)
    client = response_of(cases, 19)
    sys_user = response_of(cases, 20)
    domain = response_of(cases, 23)
    servers = response_of(cases, 18)
    admin = dict(sys_user)
    admin.update({"userid": "1", "username": "admin",
                  "passwort": crypt_sha512("adminpass123",
                                           "seedadmin0000000"),
                  "modules": "dashboard,admin,client,mail,sites,dns,tools",
                  "typ": "admin", "groups": "1,2", "default_group": "1",
                  "client_id": "0"})
    full = ";".join(GROUPS[g] for g in (
        "server", "client", "mail_domain", "mail_aliasdomain", "mail_user",
        "mail_alias", "mail_forward", "quota"))

    def remote_user(uid, name, password, salt, functions):
        return {
            "remote_userid": uid, "sys_userid": "1", "sys_groupid": "1",
            "sys_perm_user": "riud", "sys_perm_group": "riud",
            "sys_perm_other": "", "remote_username": name,
            "remote_password": crypt_sha512(password, salt),
            "remote_access": "y", "remote_ips": "",
            "remote_functions": functions,
        }

    return {
        "server": [{
            "server_id": servers[0]["server_id"], "sys_userid": "1",
            "sys_groupid": "1", "sys_perm_user": "riud",
            "sys_perm_group": "riud", "sys_perm_other": "",
            "server_name": servers[0]["server_name"], "mail_server": "1",
            "config": ini_text([("server", {"hostname":
                                            servers[0]["server_name"]}),
                                ("mail", mail)]),
            "active": "1",
        }],
        "sys_ini": [{
            "sysini_id": "1",
            "config": ini_text([("misc", {"min_password_length": "8",
                                          "min_password_strength": "3"})]),
        }],
        "sys_group": [
            {"groupid": "1", "name": "admin",
             "description": "Administrators group", "client_id": "0"},
            {"groupid": "2", "name": "client1", "description": "",
             "client_id": "1"},
        ],
        "sys_user": [admin, sys_user],
        "client": [client],
        "mail_domain": [domain],
        "mail_forwarding": [],
        "remote_user": [
            remote_user("1", "apiuser", "apipass123", "seedapiuser00000",
                        full),
            remote_user("2", "apilimited", "limitedpass123",
                        "seedapilimited00", GROUPS["mail_domain"]),
        ],
        "mail_user": [],
    }


def main():
    if len(sys.argv) != 3:
        raise SystemExit("usage: transcripts2data.py TRANSCRIPTS.md OUTDIR")
    with open(sys.argv[1], encoding="utf-8") as f:
        cases = list(parse_cases(f.read()))
    with open(sys.argv[2] + "/cases.tsv", "w", encoding="utf-8") as f:
        for c in cases:
            f.write(convert(c) + "\n")
    with open(sys.argv[2] + "/seed.json", "w", encoding="utf-8") as f:
        json.dump(seed(cases), f, indent=1, ensure_ascii=False)
        f.write("\n")
    print("%d cases" % len(cases))


if __name__ == "__main__":
    main()
