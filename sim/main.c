/*
 * ispconfig-sim: serves the ISPConfig 3.2.12 remote JSON API on a
 * loopback address, over HTTPS or plain HTTP, from a JSON state file or
 * built-in demo data.  Tests and admins use it to try ispmail without a
 * panel; the /_sim/ control endpoints inject faults (delays, HTTP 500,
 * HTML, malformed or truncated bodies, dropped connections, expired
 * sessions) and report call statistics.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "sim.h"

#define MAX_BODY	(4 * 1024 * 1024)
#define API_PATH	"/remote/json.php"

enum fault_mode {
	FAULT_NONE,
	FAULT_HTTP500,
	FAULT_HTML,
	FAULT_MALFORMED,
	FAULT_TRUNCATE,
	FAULT_DROP,
	FAULT_HUGE,
	FAULT_NULBODY,
	FAULT_DUPCODE
};

static const char *fault_names[] = {
	"none", "http500", "html", "malformed", "truncate", "drop", "huge",
	"nulbody", "dupcode"
};

/* The size of the "huge" answer: past any sane client's limit. */
#define FAULT_HUGE_BYTES	(100UL * 1024 * 1024)

/* What the next 'count' API requests suffer; count -1 is "until reset". */
struct fault {
	enum fault_mode	 mode;
	long		 delay_ms;
	long		 count;
};

struct request {
	struct sbuf	 body;
	int		 too_big;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct sim sim;
static struct fault pending;
static long long faults_applied;

static void __attribute__((noreturn))
usage(void)
{
	fprintf(stderr,
	    "usage: ispconfig-sim [--listen addr:port] [--tls-cert file "
	    "--tls-key file]\n"
	    "                     [--state file] [--session-ttl seconds] "
	    "[--failure-window seconds]\n"
	    "                     [--fault mode] [--fault-count n] "
	    "[--delay-ms n] [--allow-remote]\n");
	exit(2);
}

static int
ip_is_loopback(const char *ip)
{
	return strncmp(ip, "127.", 4) == 0 || strcmp(ip, "::1") == 0 ||
	    strncmp(ip, "::ffff:127.", 11) == 0;
}

static char *
read_file(const char *path)
{
	struct sbuf b = { 0 };
	char buf[4096];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL)
		sim_fatal("cannot open '%s': %s", path, strerror(errno));
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sbuf_add(&b, buf, n);
	if (ferror(f))
		sim_fatal("cannot read '%s'", path);
	fclose(f);
	if (b.p == NULL)
		sim_fatal("'%s' is empty", path);
	return b.p;
}

static uint32_t
crc32(const unsigned char *p, size_t len)
{
	uint32_t c = 0xffffffffU;
	size_t i;
	int k;

	for (i = 0; i < len; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320U & -(c & 1));
	}
	return c ^ 0xffffffffU;
}

static void
put_le32(struct sbuf *b, uint32_t v)
{
	unsigned char x[4] = { v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff,
	    (v >> 24) & 0xff };

	sbuf_add(b, x, 4);
}

/*
 * ob_gzhandler compresses when the client asks for gzip.  Without
 * zlib we send a valid gzip stream of stored deflate blocks: clients
 * still have to decode it, which is what the tests care about.
 */
static void
gzip_stored(struct sbuf *out, const char *data, size_t len)
{
	static const unsigned char hdr[10] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0,
	    0, 3 };
	unsigned char bh[5];
	size_t off = 0, n;

	sbuf_add(out, hdr, sizeof(hdr));
	do {
		n = len - off > 65535 ? 65535 : len - off;
		bh[0] = off + n == len ? 1 : 0;
		bh[1] = n & 0xff;
		bh[2] = (n >> 8) & 0xff;
		bh[3] = ~n & 0xff;
		bh[4] = (~n >> 8) & 0xff;
		sbuf_add(out, bh, sizeof(bh));
		sbuf_add(out, data + off, n);
		off += n;
	} while (off < len);
	put_le32(out, crc32((const unsigned char *)data, len));
	put_le32(out, (uint32_t)len);
}

static int
wants_gzip(struct MHD_Connection *conn)
{
	const char *ae;

	ae = MHD_lookup_connection_value(conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_ACCEPT_ENCODING);
	return ae != NULL && strstr(ae, "gzip") != NULL &&
	    strstr(ae, "gzip;q=0") == NULL;
}

static enum MHD_Result
first_key(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	const char **first = cls;

	(void)kind;
	(void)value;
	*first = key;
	return MHD_NO;
}

/* The truncate fault: half the body, then the connection breaks. */
struct partial {
	struct sbuf	 body;
};

static ssize_t
partial_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct partial *p = cls;
	size_t half = p->body.len / 2, n;

	if (pos >= half)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	n = half - (size_t)pos < max ? half - (size_t)pos : max;
	memcpy(buf, p->body.p + pos, n);
	return (ssize_t)n;
}

static void
partial_free(void *cls)
{
	struct partial *p = cls;

	sbuf_free(&p->body);
	free(p);
}

static void
add_php_headers(struct MHD_Response *r, const char *ctype)
{
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, ctype);
	MHD_add_response_header(r, "Pragma", "no-cache");
	MHD_add_response_header(r, "Cache-Control",
	    "no-store, no-cache, max-age=0, must-revalidate");
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
	MHD_add_response_header(r, "X-Powered-By", "PHP/8.2.36");
	MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
}

static enum MHD_Result
send_body(struct MHD_Connection *conn, unsigned int status,
    const char *ctype, struct sbuf *body, int gzip, int truncate)
{
	struct MHD_Response *r;
	struct partial *p;
	struct sbuf z = { 0 };
	enum MHD_Result ret;

	if (gzip) {
		gzip_stored(&z, body->p != NULL ? body->p : "", body->len);
		sbuf_free(body);
		*body = z;
	}
	if (truncate) {
		p = sim_xcalloc(1, sizeof(*p));
		p->body = *body;
		memset(body, 0, sizeof(*body));
		r = MHD_create_response_from_callback(p->body.len, 4096,
		    partial_read, p, partial_free);
	} else
		r = MHD_create_response_from_buffer(body->len,
		    body->p != NULL ? body->p : (char *)"",
		    MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	add_php_headers(r, ctype);
	if (gzip)
		MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_ENCODING,
		    "gzip");
	ret = MHD_queue_response(conn, status, r);
	MHD_destroy_response(r);
	return ret;
}

static void
save_state(void)
{
	char err[512];

	if (sim.state_file != NULL &&
	    state_save(sim.state_file, sim.db, err, sizeof(err)) != 0)
		fprintf(stderr, "ispconfig-sim: %s\n", err);
}

static void
json_reply(struct sbuf *out, struct json_object *o)
{
	sbuf_adds(out, json_object_to_json_string_ext(o,
	    JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE));
	sbuf_adds(out, "\n");
}

static int
fault_apply_mode(const char *key, struct json_object *v, struct fault *f)
{
	size_t i;

	for (i = 1; i < sizeof(fault_names) / sizeof(fault_names[0]); i++)
		if (strcmp(key, fault_names[i]) == 0) {
			if (json_object_get_boolean(v))
				f->mode = (enum fault_mode)i;
			return 1;
		}
	return 0;
}

/* POST /_sim/fault: see the usage text in the man page and lib.sh. */
static unsigned int
control_fault(const char *body, size_t len, struct sbuf *out)
{
	struct json_object *o, *ok;
	struct fault f = pending;
	int set = 0;

	if (len == 0 || (o = json_tokener_parse(body)) == NULL ||
	    !json_object_is_type(o, json_type_object)) {
		sbuf_adds(out, "{\"error\":\"body must be a JSON object\"}\n");
		return MHD_HTTP_BAD_REQUEST;
	}
	json_object_object_foreach(o, key, v) {
		if (fault_apply_mode(key, v, &f)) {
			set = 1;
		} else if (strcmp(key, "delay_ms") == 0) {
			f.delay_ms = json_object_get_int64(v);
			set = 1;
		} else if (strcmp(key, "count") == 0) {
			f.count = json_object_get_int64(v);
		} else if (strcmp(key, "reset") == 0) {
			if (json_object_get_boolean(v))
				memset(&f, 0, sizeof(f));
		} else if (strcmp(key, "reset_stats") == 0) {
			if (json_object_get_boolean(v)) {
				api_stats_reset();
				faults_applied = 0;
			}
		} else if (strcmp(key, "expire_sessions") == 0) {
			if (json_object_get_boolean(v))
				api_expire_sessions(NULL);
		} else if (strcmp(key, "expire_session") == 0) {
			api_expire_sessions(json_object_get_string(v));
		} else if (strcmp(key, "clear_failures") == 0) {
			if (json_object_get_boolean(v))
				api_clear_failures();
		} else if (strcmp(key, "advance_clock") == 0) {
			sim.clock_offset += (long)json_object_get_int64(v);
		} else {
			sbuf_addf(out, "{\"error\":\"unknown key '%s'\"}\n",
			    key);
			json_object_put(o);
			return MHD_HTTP_BAD_REQUEST;
		}
	}
	/* A new fault without a count hits the next request only. */
	if (set && !json_object_object_get_ex(o, "count", NULL))
		f.count = 1;
	pending = f;
	json_object_put(o);
	ok = json_object_new_object();
	json_object_object_add(ok, "ok", json_object_new_boolean(1));
	json_reply(out, ok);
	json_object_put(ok);
	return MHD_HTTP_OK;
}

static unsigned int
control(const char *method, const char *url, const char *body, size_t len,
    struct sbuf *out)
{
	struct json_object *o;

	if (strcmp(url, "/_sim/fault") == 0 && strcmp(method, "POST") == 0)
		return control_fault(body, len, out);
	if (strcmp(url, "/_sim/stats") == 0) {
		o = json_object_new_object();
		api_stats(o);
		json_object_object_add(o, "faults_applied",
		    json_object_new_int64(faults_applied));
		json_object_object_add(o, "pending_fault",
		    json_object_new_string(fault_names[pending.mode]));
		json_object_object_add(o, "pending_count",
		    json_object_new_int64(pending.count));
		json_reply(out, o);
		json_object_put(o);
		return MHD_HTTP_OK;
	}
	if (strcmp(url, "/_sim/state") == 0) {
		json_reply(out, sim.db);
		return MHD_HTTP_OK;
	}
	sbuf_adds(out, "{\"error\":\"no such control endpoint\"}\n");
	return MHD_HTTP_NOT_FOUND;
}

/* Take one application of the pending fault, if any. */
static struct fault
fault_take(void)
{
	struct fault f = { FAULT_NONE, 0, 0 };

	if (pending.count == 0 || (pending.mode == FAULT_NONE &&
	    pending.delay_ms == 0))
		return f;
	f = pending;
	if (pending.count > 0 && --pending.count == 0)
		memset(&pending, 0, sizeof(pending));
	faults_applied++;
	return f;
}

/*
 * Answers no panel gives but a broken proxy or a hostile server might: a
 * well-formed envelope of FAULT_HUGE_BYTES, a body starting with NUL
 * bytes, an envelope with "code" twice (the last one wins in PHP's and
 * json-c's decoders alike).
 */
static enum MHD_Result
send_odd(struct MHD_Connection *conn, enum fault_mode mode)
{
	static const char nul[4] = { 0, 0, 0, 0 };
	struct sbuf body = { 0 };
	char chunk[4096];
	size_t n;
	enum MHD_Result ret;

	if (mode == FAULT_HUGE) {
		memset(chunk, 'x', sizeof(chunk));
		sbuf_adds(&body, "{\"code\":\"ok\",\"message\":\"\","
		    "\"response\":\"");
		for (n = 0; n < FAULT_HUGE_BYTES; n += sizeof(chunk))
			sbuf_add(&body, chunk, sizeof(chunk));
		sbuf_adds(&body, "\"}");
	} else if (mode == FAULT_NULBODY) {
		sbuf_add(&body, nul, sizeof(nul));
		sbuf_adds(&body, "{\"code\":\"ok\",\"message\":\"\","
		    "\"response\":[]}");
	} else
		sbuf_adds(&body, "{\"code\":\"ok\",\"message\":\"\","
		    "\"response\":[],\"code\":\"remote_fault\"}");
	ret = send_body(conn, 200, "application/json; charset=\"utf-8\"",
	    &body, 0, 0);
	sbuf_free(&body);
	return ret;
}

static enum MHD_Result
serve_api(struct MHD_Connection *conn, const char *ip, struct request *rq)
{
	struct api_result res = { 0 };
	const char *method = NULL;
	struct timespec ts;
	struct fault f;
	enum MHD_Result ret;

	pthread_mutex_lock(&lock);
	f = fault_take();
	pthread_mutex_unlock(&lock);
	if (f.delay_ms > 0) {
		/* Slow outside the lock: other clients keep going. */
		ts.tv_sec = f.delay_ms / 1000;
		ts.tv_nsec = (f.delay_ms % 1000) * 1000000L;
		while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
			;
	}
	res.status = 200;
	switch (f.mode) {
	case FAULT_HTTP500:
		/* PHP's fatal error page with display_errors=0: empty. */
		return send_body(conn, 500, "text/html; charset=UTF-8",
		    &res.body, 0, 0);
	case FAULT_HTML:
		sbuf_adds(&res.body, "<!DOCTYPE html>\n<html><head><title>"
		    "ISPConfig</title></head><body><div class=\"error\">"
		    "Remote API is disabled in security settings.</div>"
		    "</body></html>\n");
		ret = send_body(conn, 200, "text/html; charset=utf-8",
		    &res.body, wants_gzip(conn), 0);
		sbuf_free(&res.body);
		return ret;
	case FAULT_MALFORMED:
		sbuf_adds(&res.body, "{\"code\":\"ok\",\"message\":\"\","
		    "\"response\":{\"mailuser_id\":\"1\",\"email\":");
		ret = send_body(conn, 200,
		    "application/json; charset=\"utf-8\"", &res.body,
		    wants_gzip(conn), 0);
		sbuf_free(&res.body);
		return ret;
	case FAULT_HUGE:
	case FAULT_NULBODY:
	case FAULT_DUPCODE:
		return send_odd(conn, f.mode);
	default:
		break;
	}
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, first_key,
	    &method);
	pthread_mutex_lock(&lock);
	api_handle(&sim, ip, method, rq->body.p, rq->body.len, &res);
	if (res.changed)
		save_state();
	pthread_mutex_unlock(&lock);
	/* drop and truncate: the call happened, the answer is lost. */
	if (f.mode == FAULT_DROP) {
		sbuf_free(&res.body);
		return MHD_NO;
	}
	ret = send_body(conn, res.status, res.ctype, &res.body,
	    res.status == 200 && wants_gzip(conn), f.mode == FAULT_TRUNCATE);
	sbuf_free(&res.body);
	return ret;
}

static enum MHD_Result
handler(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	const union MHD_ConnectionInfo *ci;
	struct request *rq = *con_cls;
	struct sbuf out = { 0 };
	char ip[INET6_ADDRSTRLEN] = "";
	const struct sockaddr *sa;
	unsigned int status;
	enum MHD_Result ret;

	(void)cls;
	(void)version;
	if (rq == NULL) {
		*con_cls = sim_xcalloc(1, sizeof(struct request));
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (rq->body.len + *upload_size > MAX_BODY)
			rq->too_big = 1;
		else
			sbuf_add(&rq->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	sa = ci != NULL ? ci->client_addr : NULL;
	if (sa != NULL && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
		    ip, sizeof(ip));
	else if (sa != NULL && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6,
		    &((const struct sockaddr_in6 *)sa)->sin6_addr, ip,
		    sizeof(ip));
	if (rq->too_big) {
		sbuf_adds(&out, "Request Entity Too Large\n");
		ret = send_body(conn, 413, "text/plain", &out, 0, 0);
	} else if (strcmp(url, API_PATH) == 0) {
		return serve_api(conn, ip, rq);
	} else if (strncmp(url, "/_sim/", 6) == 0) {
		if (!ip_is_loopback(ip)) {
			sbuf_adds(&out, "{\"error\":\"loopback only\"}\n");
			status = MHD_HTTP_FORBIDDEN;
		} else {
			pthread_mutex_lock(&lock);
			status = control(method, url, rq->body.p != NULL ?
			    rq->body.p : "", rq->body.len, &out);
			pthread_mutex_unlock(&lock);
		}
		ret = send_body(conn, status, "application/json", &out, 0, 0);
	} else {
		sbuf_adds(&out, "<html><body><h1>Not Found</h1></body></html>\n");
		ret = send_body(conn, 404, "text/html", &out, 0, 0);
	}
	sbuf_free(&out);
	return ret;
}

static void
request_done(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct request *rq = *con_cls;

	(void)cls;
	(void)conn;
	(void)toe;
	if (rq != NULL) {
		sbuf_free(&rq->body);
		free(rq);
		*con_cls = NULL;
	}
}

/* "127.0.0.1:0", "[::1]:8080" */
static void
parse_listen(const char *arg, struct sockaddr_storage *ss, char *host,
    size_t hostlen)
{
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	const char *colon;
	char *end;
	long port;

	memset(ss, 0, sizeof(*ss));
	if (arg[0] == '[') {
		if ((colon = strstr(arg, "]:")) == NULL)
			sim_fatal("bad --listen '%s'", arg);
		snprintf(host, hostlen, "%.*s", (int)(colon - arg - 1),
		    arg + 1);
		colon++;
	} else {
		if ((colon = strrchr(arg, ':')) == NULL)
			sim_fatal("bad --listen '%s': want addr:port", arg);
		snprintf(host, hostlen, "%.*s", (int)(colon - arg), arg);
	}
	port = strtol(colon + 1, &end, 10);
	if (*end != '\0' || port < 0 || port > 65535 || colon[1] == '\0')
		sim_fatal("bad port in --listen '%s'", arg);
	if (inet_pton(AF_INET, host, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons((uint16_t)port);
	} else if (inet_pton(AF_INET6, host, &sin6->sin6_addr) == 1) {
		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons((uint16_t)port);
	} else
		sim_fatal("bad address in --listen '%s' (numeric only)", arg);
}

static enum fault_mode
fault_by_name(const char *name)
{
	size_t i;

	for (i = 1; i < sizeof(fault_names) / sizeof(fault_names[0]); i++)
		if (strcmp(name, fault_names[i]) == 0)
			return (enum fault_mode)i;
	sim_fatal("unknown --fault '%s' (http500, html, malformed, "
	    "truncate, drop, huge, nulbody, dupcode)", name);
}

static long
number(const char *arg, const char *what, long min)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(arg, &end, 10);
	if (errno != 0 || *end != '\0' || *arg == '\0' || v < min)
		sim_fatal("bad %s '%s'", what, arg);
	return v;
}

/* The command line's options that main() keeps; the rest set sim and
 * pending directly. */
struct sim_opts {
	const char	*listen, *cert, *key;
	int		 allow_remote;
};

static void
parse_options(int argc, char *argv[], struct sim_opts *o)
{
	static const struct option opts[] = {
		{ "listen", required_argument, NULL, 'l' },
		{ "tls-cert", required_argument, NULL, 'c' },
		{ "tls-key", required_argument, NULL, 'k' },
		{ "state", required_argument, NULL, 's' },
		{ "session-ttl", required_argument, NULL, 't' },
		{ "failure-window", required_argument, NULL, 'w' },
		{ "fault", required_argument, NULL, 'f' },
		{ "fault-count", required_argument, NULL, 'n' },
		{ "delay-ms", required_argument, NULL, 'd' },
		{ "allow-remote", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	long fault_count = -1;
	int ch;

	o->listen = "127.0.0.1:0";
	o->cert = o->key = NULL;
	o->allow_remote = 0;
	sim.session_ttl = 1800;
	sim.failure_window = 300;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (ch) {
		case 'l':
			o->listen = optarg;
			break;
		case 'c':
			o->cert = optarg;
			break;
		case 'k':
			o->key = optarg;
			break;
		case 's':
			sim.state_file = optarg;
			break;
		case 't':
			sim.session_ttl = (int)number(optarg, "--session-ttl",
			    0);
			break;
		case 'w':
			sim.failure_window = (int)number(optarg,
			    "--failure-window", 0);
			break;
		case 'f':
			pending.mode = fault_by_name(optarg);
			break;
		case 'n':
			fault_count = number(optarg, "--fault-count", -1);
			break;
		case 'd':
			pending.delay_ms = number(optarg, "--delay-ms", 0);
			break;
		case 'R':
			o->allow_remote = 1;
			break;
		default:
			usage();
		}
	}
	if (optind != argc || (o->cert == NULL) != (o->key == NULL))
		usage();
	if (pending.mode != FAULT_NONE || pending.delay_ms > 0)
		pending.count = fault_count;
}

/* Starts the HTTP server on ss, over TLS when cert_pem is not NULL. */
static struct MHD_Daemon *
start_daemon(struct sockaddr_storage *ss, const char *cert_pem,
    const char *key_pem)
{
	unsigned int flags;

	flags = MHD_USE_INTERNAL_POLLING_THREAD |
	    MHD_USE_THREAD_PER_CONNECTION | MHD_USE_ERROR_LOG;
	if (ss->ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (cert_pem == NULL)
		return MHD_start_daemon(flags, 0, NULL, NULL, handler, NULL,
		    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)ss,
		    MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
		    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
		    MHD_OPTION_END);
	if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES)
		sim_fatal("libmicrohttpd was built without TLS");
	return MHD_start_daemon(flags | MHD_USE_TLS, 0, NULL, NULL, handler,
	    NULL, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)ss,
	    MHD_OPTION_NOTIFY_COMPLETED, request_done, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned int)60,
	    MHD_OPTION_HTTPS_MEM_CERT, cert_pem,
	    MHD_OPTION_HTTPS_MEM_KEY, key_pem,
	    MHD_OPTION_END);
}

int
main(int argc, char *argv[])
{
	struct sim_opts o;
	char *cert_pem = NULL, *key_pem = NULL, host[64], err[512];
	struct sockaddr_storage ss;
	struct MHD_Daemon *d;
	const union MHD_DaemonInfo *di;
	struct stat st;
	sigset_t sigs;
	int sig, is_v6;

	parse_options(argc, argv, &o);
	parse_listen(o.listen, &ss, host, sizeof(host));
	is_v6 = ss.ss_family == AF_INET6;
	if (!o.allow_remote && !ip_is_loopback(host))
		sim_fatal("refusing to listen on non-loopback '%s' without "
		    "--allow-remote", host);

	/* A missing state file is created from the demo data. */
	if (sim.state_file != NULL && stat(sim.state_file, &st) == 0) {
		if (state_load(sim.state_file, &sim.db, err, sizeof(err)) != 0)
			sim_fatal("%s", err);
	} else {
		sim.db = state_demo();
		if (sim.state_file != NULL)
			save_state();
	}
	api_init(&sim);
	if (o.cert != NULL) {
		cert_pem = read_file(o.cert);
		key_pem = read_file(o.key);
	}

	/* Threads inherit this mask; main() takes the signals alone. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGTERM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	signal(SIGPIPE, SIG_IGN);

	if ((d = start_daemon(&ss, cert_pem, key_pem)) == NULL)
		sim_fatal("cannot listen on %s", o.listen);
	if ((di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT)) == NULL)
		sim_fatal("cannot learn the bound port");
	printf("listening on %s://%s%s%s:%u%s\n", o.cert != NULL ? "https" :
	    "http", is_v6 ? "[" : "", host, is_v6 ? "]" : "",
	    (unsigned int)di->port, API_PATH);
	fflush(stdout);

	do {
		if (sigwait(&sigs, &sig) != 0)
			sig = SIGTERM;
	} while (sig != SIGINT && sig != SIGTERM);

	MHD_stop_daemon(d);
	api_free();
	json_object_put(sim.db);
	if (key_pem != NULL) {
		explicit_bzero(key_pem, strlen(key_pem));
		free(key_pem);
	}
	free(cert_pem);
	return 0;
}
