/*
 * ispmail: administers the mailboxes of ISPConfig 3 panels.
 *
 * main() only hardens the process, parses the global options and hands the
 * command to the command table (one-shot) or to the shell.
 */
#include "config.h"

#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>

#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <curl/curl.h>
#include <sodium.h>

#include "cmd.h"
#include "conf.h"
#include "err.h"

static void __attribute__((noreturn))
usage(FILE *fp, int status)
{
	const struct cmd_entry *const *e;
	const char *k;
	size_t col, i;

	fprintf(fp,
	    "usage: ispmail [-c FILE] [-p PROFILE] [--json] [-q] [-v] COMMAND [ARGS]\n"
	    "       ispmail [-c FILE] [-p PROFILE] [-b FILE] [--keep-going]\n"
	    "       ispmail [--version | --help]\n"
	    "\n"
	    "Global options:\n"
	    "  -c, --config FILE     configuration file (see ispmail.conf(5))\n"
	    "  -p, --profile NAME    ISPConfig panel profile to use\n"
	    "  --json                print results as JSON\n"
	    "  -q, --quiet           print only results and errors\n"
	    "  -v, --verbose         log API calls (method, status, time) to stderr\n"
	    "  -b, --batch FILE      run the commands of FILE (as 'shell -b FILE')\n"
	    "  --keep-going          in batch mode, go on after a failing command\n"
	    "  -V, --version         print the version and exit\n"
	    "  -h, --help            print this help and exit\n"
	    "\n"
	    "With no command: the interactive shell on a terminal, else commands\n"
	    "are read from standard input.\n"
	    "\n"
	    "Commands:\n");
	for (e = cmd_table; *e != NULL; e++)
		fprintf(fp, "  %-15s %s\n", (*e)->name, (*e)->summary);
	fprintf(fp, "\nConfiguration keywords (ispmail.conf(5)):\n ");
	for (i = 0, col = 1; (k = conf_keyword(i)) != NULL; i++) {
		if (col + strlen(k) + 1 > 78) {
			fprintf(fp, "\n ");
			col = 1;
		}
		col += fprintf(fp, " %s", k);
	}
	fprintf(fp, "\n\nSee ispmail(1), and 'ispmail COMMAND --help' (or "
	    "'ispmail help COMMAND')\nfor a command's usage and options.\n");
	exit(status);
}

static void __attribute__((noreturn))
die(const char *msg)
{
	fprintf(stderr, "ispmail: %s\n", msg);
	exit(ispm_exit_status(ISPM_EINTERNAL));
}

/* No secret may reach a core file, and files we create are ours alone. */
static void
harden(void)
{
	struct rlimit rl = { 0, 0 };

	if (sodium_init() < 0)
		die("cannot initialise libsodium");
	if (setrlimit(RLIMIT_CORE, &rl) == -1)
		die("cannot disable core dumps");
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
	umask(077);
	signal(SIGPIPE, SIG_IGN);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "profile", required_argument, NULL, 'p' },
		{ "json", no_argument, NULL, 'j' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ "batch", required_argument, NULL, 'b' },
		{ "keep-going", no_argument, NULL, 'k' },
		{ NULL, 0, NULL, 0 }
	};
	static volatile sig_atomic_t cancel;
	struct ispm_ctx ctx;
	char *shellv[5];
	const char *batch = NULL;
	int c, r, status, shellc = 0;

	harden();
	memset(&ctx, 0, sizeof(ctx));
	ctx.out = stdout;
	ctx.errs = stderr;
	ctx.cancel = &cancel;

	while ((c = getopt_long(argc, argv, "+b:c:p:qvVh", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			ctx.conf_path = optarg;
			break;
		case 'p':
			ctx.profile_name = optarg;
			break;
		case 'j':
			ctx.json = 1;
			break;
		case 'q':
			ctx.quiet = 1;
			break;
		case 'v':
			ctx.verbose++;
			break;
		case 'V':
			printf("ispmail %s\n", PACKAGE_VERSION);
			return 0;
		case 'h':
			usage(stdout, 0);
		case 'b':
			batch = optarg;
			break;
		case 'k':
			ctx.keep_going = 1;
			break;
		default:
			usage(stderr, ispm_exit_status(ISPM_EUSAGE));
		}
	}
	argc -= optind;
	argv += optind;
	/* No command: the shell, interactive on a terminal, else batch. */
	if (argc == 0 || batch != NULL) {
		if (argc != 0)
			usage(stderr, ispm_exit_status(ISPM_EUSAGE));
		shellv[shellc++] = (char *)"shell";
		if (batch != NULL) {
			shellv[shellc++] = (char *)"-b";
			shellv[shellc++] = (char *)batch;
		}
		shellv[shellc] = NULL;
		argc = shellc;
		argv = shellv;
	}

	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		die("cannot initialise libcurl");
	r = cmd_run(&ctx, argc, argv);
	/* A verdict (weak password, audit findings) with no message was
	 * already printed by the command as its result. */
	if (r != 0) {
		fflush(stdout);
		if (ctx.err.msg[0] != '\0')
			fprintf(stderr, "ispmail: %s\n", ctx.err.msg);
		else if (r != ISPM_EWEAK && r != ISPM_EFINDINGS)
			fprintf(stderr, "ispmail: %s\n", ispm_strerror(r));
	}
	status = ispm_exit_status(r);
	ctx_release(&ctx);
	curl_global_cleanup();
	if (fflush(stdout) != 0 && status == 0)
		status = ispm_exit_status(ISPM_EIO);
	return status;
}
