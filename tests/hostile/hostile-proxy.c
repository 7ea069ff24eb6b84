/*
 * hostile-proxy: a hostile panel for the tests.  It listens on
 * 127.0.0.1:0 (plain HTTP, which ispmail accepts on loopback only),
 * forwards each API request to the simulator and rewrites the answer of
 * the methods it is told to: it hangs, closes, answers HTTP 500, cuts the
 * body, changes the type of "response", injects control characters,
 * duplicates rows or sends a huge body.  Except "refuse" and "drop",
 * every mode forwards the request first, so the panel has done what was
 * asked when the answer is lost or garbled: the case a client must not
 * mistake for a refusal.  "late" forwards it only once the client has
 * given up, as a slow panel that finishes a request nobody waits for.
 *
 * usage: hostile-proxy UPSTREAM-PORT
 * The first line on stdout is "listening on http://127.0.0.1:PORT/...".
 * Control, with any HTTP client:
 *   GET /_hostile/set?method=M&mode=X[&count=N][&skip=K]
 *       the K (default 0) requests for method M ("*": any) after this one
 *       pass, then the next N (default 1, -1: every one) suffer mode X;
 *       with &only=1, every other rule is forgotten first
 *   GET /_hostile/reset                           forget every rule
 *   GET /_hostile/stats                           {"applied": N}
 */
#include "config.h"

#include <sys/socket.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <json-c/json.h>

#define MAX_REQ		(1024 * 1024)
#define MAX_RULES	64
#define HANG_SECONDS	120
/* After the client gave up: time for it to read the old state back. */
#define LATE_SECONDS	2
#define HUGE_BYTES	(200UL * 1024 * 1024)

static const char *const modes[] = {
	"pass", "hang", "close", "http500", "truncate", "false", "string",
	"number", "true", "null", "php", "ctrl", "dup", "huge", "wrongtypes",
	"refuse", "drop", "object", "empty", "late"
};

enum mode {
	M_PASS, M_HANG, M_CLOSE, M_HTTP500, M_TRUNCATE, M_FALSE, M_STRING,
	M_NUMBER, M_TRUE, M_NULL, M_PHP, M_CTRL, M_DUP, M_HUGE, M_WRONGTYPES,
	M_REFUSE, M_DROP, M_OBJECT, M_EMPTY, M_LATE
};

struct rule {
	char		 method[64];
	enum mode	 mode;
	long		 count;
	long		 skip;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct rule rules[MAX_RULES];
static size_t nrules;
static long applied;
static int upstream_port;

struct buf {
	char	*p;
	size_t	 len, cap;
};

static void
buf_add(struct buf *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		if ((b->p = realloc(b->p, b->cap)) == NULL)
			abort();
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = send(fd, p, n, MSG_NOSIGNAL)) <= 0) {
			if (w == -1 && errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

static void
reply(int fd, int status, const char *body, size_t len, size_t claim)
{
	char head[256];

	snprintf(head, sizeof(head), "HTTP/1.1 %d %s\r\nContent-Type: "
	    "application/json; charset=utf-8\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n\r\n", status, status == 200 ? "OK" :
	    "Internal Server Error", claim);
	if (write_all(fd, head, strlen(head)) == 0)
		(void)write_all(fd, body, len);
}

static void
reply_json(int fd, struct json_object *o)
{
	size_t len;
	const char *s = json_object_to_json_string_length(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &len);

	reply(fd, 200, s, len, len);
}

/* Reads one request: headers and Content-Length bytes of body. */
static int
read_request(int fd, struct buf *req, size_t *body_at)
{
	char tmp[65536], *end, *cl;
	size_t need;
	ssize_t r;

	for (;;) {
		if (req->p != NULL && (end = strstr(req->p, "\r\n\r\n")) !=
		    NULL) {
			*body_at = (size_t)(end + 4 - req->p);
			need = 0;
			if ((cl = strcasestr(req->p, "\r\nContent-Length:")) !=
			    NULL && cl < end)
				need = strtoul(cl + 17, NULL, 10);
			if (strcasestr(req->p, "\r\nExpect: 100") != NULL &&
			    req->len == *body_at && need > 0)
				(void)write_all(fd, "HTTP/1.1 100 Continue\r\n"
				    "\r\n", 25);
			if (req->len >= *body_at + need)
				return 0;
		}
		if (req->len > MAX_REQ)
			return -1;
		if ((r = recv(fd, tmp, sizeof(tmp), 0)) <= 0) {
			if (r == -1 && errno == EINTR)
				continue;
			return -1;
		}
		buf_add(req, tmp, (size_t)r);
	}
}

/* Sends the request body to the simulator; *status and *body its answer. */
static int
forward(const char *path, const char *body, size_t len, int *status,
    struct buf *out)
{
	struct sockaddr_in sa;
	struct buf resp = { 0 };
	char head[512], tmp[65536], *end;
	ssize_t r;
	int fd;

	if ((fd = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return -1;
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)upstream_port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&sa, sizeof(sa)) == -1) {
		close(fd);
		return -1;
	}
	snprintf(head, sizeof(head), "POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
	    "Content-Type: application/json\r\nContent-Length: %zu\r\n"
	    "Connection: close\r\n\r\n", path, len);
	if (write_all(fd, head, strlen(head)) != 0 ||
	    write_all(fd, body, len) != 0) {
		close(fd);
		return -1;
	}
	while ((r = recv(fd, tmp, sizeof(tmp), 0)) != 0) {
		if (r == -1) {
			if (errno == EINTR)
				continue;
			break;
		}
		buf_add(&resp, tmp, (size_t)r);
	}
	close(fd);
	if (resp.p == NULL || sscanf(resp.p, "HTTP/1.%*d %d", status) != 1 ||
	    (end = strstr(resp.p, "\r\n\r\n")) == NULL) {
		free(resp.p);
		return -1;
	}
	buf_add(out, end + 4, resp.len - (size_t)(end + 4 - resp.p));
	free(resp.p);
	return 0;
}

static enum mode
take_rule(const char *method)
{
	enum mode m = M_PASS;
	size_t i;

	pthread_mutex_lock(&lock);
	for (i = 0; i < nrules; i++) {
		if (rules[i].count == 0 || (strcmp(rules[i].method, "*") != 0 &&
		    strcmp(rules[i].method, method) != 0))
			continue;
		if (rules[i].skip > 0) {
			rules[i].skip--;
			break;
		}
		if (rules[i].count > 0)
			rules[i].count--;
		m = rules[i].mode;
		applied++;
		break;
	}
	pthread_mutex_unlock(&lock);
	return m;
}

/* Value of key in a query string, or NULL; copied into out. */
static const char *
query(const char *q, const char *key, char *out, size_t size)
{
	size_t kl = strlen(key), n;
	const char *p = q, *e;

	while (p != NULL && *p != '\0') {
		e = strchr(p, '&');
		if (strncmp(p, key, kl) == 0 && p[kl] == '=') {
			n = e != NULL ? (size_t)(e - p - kl - 1) :
			    strlen(p + kl + 1);
			if (n >= size)
				n = size - 1;
			memcpy(out, p + kl + 1, n);
			out[n] = '\0';
			return out;
		}
		p = e != NULL ? e + 1 : NULL;
	}
	return NULL;
}

static void
control(int fd, const char *path)
{
	const char *q = strchr(path, '?');
	char method[64], mode[32], count[32], skip[32], body[128];
	struct rule r;
	size_t i;

	if (strncmp(path, "/_hostile/reset", 15) == 0) {
		pthread_mutex_lock(&lock);
		nrules = 0;
		applied = 0;
		pthread_mutex_unlock(&lock);
		reply(fd, 200, "{\"ok\":true}", 11, 11);
		return;
	}
	if (strncmp(path, "/_hostile/stats", 15) == 0) {
		pthread_mutex_lock(&lock);
		snprintf(body, sizeof(body), "{\"applied\":%ld}", applied);
		pthread_mutex_unlock(&lock);
		reply(fd, 200, body, strlen(body), strlen(body));
		return;
	}
	memset(&r, 0, sizeof(r));
	if (strncmp(path, "/_hostile/set?", 14) != 0 || q == NULL ||
	    query(q + 1, "method", method, sizeof(method)) == NULL ||
	    query(q + 1, "mode", mode, sizeof(mode)) == NULL)
		goto bad;
	for (i = 0; i < sizeof(modes) / sizeof(*modes); i++)
		if (strcmp(mode, modes[i]) == 0)
			break;
	if (i == sizeof(modes) / sizeof(*modes))
		goto bad;
	r.mode = (enum mode)i;
	r.count = query(q + 1, "count", count, sizeof(count)) != NULL ?
	    strtol(count, NULL, 10) : 1;
	r.skip = query(q + 1, "skip", skip, sizeof(skip)) != NULL ?
	    strtol(skip, NULL, 10) : 0;
	snprintf(r.method, sizeof(r.method), "%s", method);
	pthread_mutex_lock(&lock);
	if (query(q + 1, "only", skip, sizeof(skip)) != NULL)
		nrules = 0;
	if (nrules < MAX_RULES)
		rules[nrules++] = r;
	pthread_mutex_unlock(&lock);
	reply(fd, 200, "{\"ok\":true}", 11, 11);
	return;
bad:
	reply(fd, 400, "{\"ok\":false}", 12, 12);
}

/* Control characters and bidirectional overrides in a string. */
static struct json_object *
poison_str(const char *s)
{
	struct buf b = { 0 };
	struct json_object *o;

	buf_add(&b, "\x1b[2J\x1b]0;owned\x07", 14);
	buf_add(&b, s, strlen(s));
	buf_add(&b, "\r\xc2\x9b" "31m\xe2\x80\xae\x7f", 10);
	o = json_object_new_string_len(b.p, (int)b.len);
	free(b.p);
	return o;
}

/* Rewrites every string of o in place (objects and arrays, recursively). */
static void
poison(struct json_object *o)
{
	size_t i;

	if (json_object_is_type(o, json_type_array)) {
		for (i = 0; i < json_object_array_length(o); i++) {
			struct json_object *v = json_object_array_get_idx(o, i);

			if (json_object_is_type(v, json_type_string))
				json_object_array_put_idx(o, i,
				    poison_str(json_object_get_string(v)));
			else
				poison(v);
		}
	} else if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, k, v) {
			if (json_object_is_type(v, json_type_string))
				json_object_object_add(o, k,
				    poison_str(json_object_get_string(v)));
			else
				poison(v);
		}
	}
}

/* Every value of every row gets another type. */
static void
wrongtypes(struct json_object *o)
{
	size_t i;

	if (json_object_is_type(o, json_type_array)) {
		for (i = 0; i < json_object_array_length(o); i++)
			wrongtypes(json_object_array_get_idx(o, i));
	} else if (json_object_is_type(o, json_type_object)) {
		json_object_object_foreach(o, k, v) {
			if (json_object_is_type(v, json_type_string))
				json_object_object_add(o, k,
				    json_object_new_array());
			else
				json_object_object_add(o, k,
				    json_object_new_string("x"));
		}
	}
}

static void
rewrite(int fd, enum mode m, int status, struct buf *body)
{
	struct json_object *root, *resp = NULL, *dup;
	size_t i, n;

	if ((root = json_tokener_parse(body->p != NULL ? body->p : "")) ==
	    NULL || !json_object_is_type(root, json_type_object) ||
	    !json_object_object_get_ex(root, "response", &resp)) {
		/* Not an answer to rewrite: pass it on. */
		json_object_put(root);
		reply(fd, status, body->p != NULL ? body->p : "", body->len,
		    body->len);
		return;
	}
	switch (m) {
	case M_FALSE:
		json_object_object_add(root, "response",
		    json_object_new_boolean(0));
		break;
	case M_TRUE:
		json_object_object_add(root, "response",
		    json_object_new_boolean(1));
		break;
	case M_STRING:
		json_object_object_add(root, "response",
		    json_object_new_string("hello"));
		break;
	case M_NUMBER:
		json_object_object_add(root, "response",
		    json_object_new_int(42));
		break;
	case M_NULL:
		json_object_object_add(root, "response", NULL);
		break;
	case M_OBJECT:
		json_object_object_add(root, "response",
		    json_object_new_object());
		break;
	case M_EMPTY:
		json_object_object_add(root, "response",
		    json_object_new_array());
		break;
	case M_PHP:
		json_object_object_add(root, "response", json_object_new_string(
		    "a:1:{i:0;a:2:{s:11:\"mailuser_id\";s:1:\"1\";"
		    "s:5:\"email\";s:15:\"jean@example.com\";}}"));
		break;
	case M_CTRL:
		poison(resp);
		if (json_object_is_type(resp, json_type_string))
			json_object_object_add(root, "response",
			    poison_str(json_object_get_string(resp)));
		break;
	case M_DUP:
		if (json_object_is_type(resp, json_type_array)) {
			dup = json_object_new_array();
			n = json_object_array_length(resp);
			for (i = 0; i < 2 * n; i++)
				json_object_array_add(dup, json_object_get(
				    json_object_array_get_idx(resp, i % n)));
			json_object_object_add(root, "response", dup);
		}
		break;
	case M_WRONGTYPES:
		wrongtypes(resp);
		break;
	default:
		break;
	}
	reply_json(fd, root);
	json_object_put(root);
}

/* Holds the connection open until the client gives up. */
static void
hang(int fd)
{
	struct pollfd p = { fd, POLLIN, 0 };
	char c;
	int i;

	for (i = 0; i < HANG_SECONDS; i++)
		if (poll(&p, 1, 1000) > 0 && recv(fd, &c, 1, 0) <= 0)
			return;
}

static void
huge(int fd)
{
	static char pad[65536];
	const char *start = "{\"code\":\"ok\",\"message\":\"";
	char head[256];
	size_t sent;

	memset(pad, 'A', sizeof(pad));
	snprintf(head, sizeof(head), "HTTP/1.1 200 OK\r\nContent-Type: "
	    "application/json\r\nContent-Length: %lu\r\nConnection: close"
	    "\r\n\r\n", HUGE_BYTES);
	if (write_all(fd, head, strlen(head)) != 0 ||
	    write_all(fd, start, strlen(start)) != 0)
		return;
	for (sent = strlen(start); sent < HUGE_BYTES; sent += sizeof(pad))
		if (write_all(fd, pad, sizeof(pad)) != 0)
			return;
}

static void *
serve(void *arg)
{
	int fd = (int)(intptr_t)arg, status = 0;
	struct buf req = { 0 }, body = { 0 };
	char path[512], method[64];
	const char *q;
	size_t body_at = 0;
	enum mode m;

	if (read_request(fd, &req, &body_at) != 0 ||
	    sscanf(req.p, "%*s %511s", path) != 1)
		goto out;
	if (strncmp(path, "/_hostile/", 10) == 0) {
		control(fd, path);
		goto out;
	}
	q = strchr(path, '?');
	snprintf(method, sizeof(method), "%s", q != NULL ? q + 1 : "");
	m = take_rule(method);
	if (m == M_DROP)
		goto out;
	if (m == M_REFUSE) {
		static const char refused[] = "{\"code\":\"remote_fault\","
		    "\"message\":\"The chosen password does not match the "
		    "security guidelines.\",\"response\":false}";

		reply(fd, 200, refused, sizeof(refused) - 1,
		    sizeof(refused) - 1);
		goto out;
	}
	/* A slow panel: the client gives up first, the change lands later. */
	if (m == M_LATE) {
		hang(fd);
		sleep(LATE_SECONDS);
	}
	if (forward(path, req.p + body_at, req.len - body_at, &status,
	    &body) != 0)
		goto out;
	switch (m) {
	case M_PASS:
		reply(fd, status, body.p != NULL ? body.p : "", body.len,
		    body.len);
		break;
	case M_HANG:
		hang(fd);
		break;
	case M_CLOSE:
		break;
	case M_HTTP500:
		reply(fd, 500, "", 0, 0);
		break;
	case M_TRUNCATE:
		reply(fd, status, body.p != NULL ? body.p : "", body.len / 2,
		    body.len);
		break;
	case M_HUGE:
		huge(fd);
		break;
	default:
		rewrite(fd, m, status, &body);
		break;
	}
out:
	free(req.p);
	free(body.p);
	close(fd);
	return NULL;
}

int
main(int argc, char **argv)
{
	struct sockaddr_in sa;
	socklen_t sl = sizeof(sa);
	pthread_attr_t at;
	pthread_t t;
	int s, c, one = 1;

	if (argc != 2 || (upstream_port = atoi(argv[1])) <= 0) {
		fprintf(stderr, "usage: hostile-proxy UPSTREAM-PORT\n");
		return 2;
	}
	signal(SIGPIPE, SIG_IGN);
	if ((s = socket(AF_INET, SOCK_STREAM, 0)) == -1)
		return 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) == -1 ||
	    listen(s, 64) == -1 ||
	    getsockname(s, (struct sockaddr *)&sa, &sl) == -1) {
		perror("hostile-proxy");
		return 1;
	}
	printf("listening on http://127.0.0.1:%d/remote/json.php\n",
	    ntohs(sa.sin_port));
	fflush(stdout);
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	for (;;) {
		if ((c = accept(s, NULL, NULL)) == -1) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("hostile-proxy: accept");
			return 1;
		}
		if (pthread_create(&t, &at, serve, (void *)(intptr_t)c) != 0)
			close(c);
	}
}
