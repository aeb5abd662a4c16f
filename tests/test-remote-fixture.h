/*
 * Fixture for the remote tests and benchmarks: a private OpenSSH server on
 * 127.0.0.1 with its own keys, URIs that reach the built cloudvirtd through
 * it, a table-driven script over the whole driver table, and cloudvirtd on
 * a pipe for hostile-input tests.
 */
#pragma once

#include <glib.h>
#include <cloudvirt/cloudvirt.h>

#include "rpc/protocol.h"

typedef struct {
    char *dir;
    int port;
    GPid sshd;
    char *cloudvirtd;
    char *client_key, *wrong_key, *locked_key;
    char *known_hosts, *changed_known_hosts;
    char *host_fp;          /* "SHA256:..." of the server's host key */
} rt_fixture;

#define RT_DOM_XML(name, uuid) \
    "<domain type='test'><name>" name "</name><uuid>" uuid "</uuid>" \
    "<memory unit='MiB'>128</memory><vcpu>1</vcpu>" \
    "<os><type arch='x86_64'>hvm</type></os></domain>"

/* NULL when the remote tests can run here, else why not. */
const char *rt_skip_reason(void);
int rt_fixture_start(rt_fixture *fx);
void rt_fixture_stop(rt_fixture *fx);

/* test+ssh:// URIs; @extra is appended to the query ("a=b&c=d") or NULL. */
char *rt_uri(rt_fixture *fx, const char *extra);
char *rt_uri_kh(rt_fixture *fx, const char *known_hosts, const char *extra);
char *rt_uri_custom(rt_fixture *fx, const char *extra);   /* no keyfile= */
char *rt_uri_path(rt_fixture *fx, const char *path);

/* Runs the entry-by-entry script; returns how many steps succeeded. */
#define RT_SCRIPT_MIN_OK 70
guint rt_script_run(cv_connect *conn, const char *pooldir, GString *log);
/* Replaces what legitimately differs between two hosts (temp paths). */
void rt_normalize(GString *log, const char *pooldir);

/* Processes below our sshd (sessions, cloudvirtd), and cloudvirtd alone. */
GArray *rt_session_pids(rt_fixture *fx);
GArray *rt_cloudvirtd_pids(rt_fixture *fx);
void rt_signal_all(GArray *pids, int sig);

/* cloudvirtd --stdio test:///default on pipes. */
typedef struct {
    GPid pid;
    int in, out;
    GThread *reader;
    GAsyncQueue *replies;    /* rt_reply* */
} rt_daemon;

typedef struct {
    guint32 serial;
    guint32 status;
    int code;                /* error code, 0 when OK */
} rt_reply;

int rt_daemon_spawn(rt_fixture *fx, rt_daemon *d);
/* Sends one call; returns the error code of its reply, 0 for OK, -2 for
 * no reply within 10 s. Consumes a floating @args. */
int rt_daemon_call(rt_daemon *d, guint32 proc, GVariant *args, guint32 serial);
/* A frame of random bytes; returns the code of the error reply, -2 if none. */
int rt_daemon_garbage(rt_daemon *d, int seed);
/* Sends @n mutated valid messages without waiting. */
void rt_daemon_mutations(rt_daemon *d, int n);
/* A length prefix beyond the limit; returns the error code of the reply. */
int rt_daemon_oversized(rt_daemon *d);
/* Closes stdin and waits (10 s, then SIGKILL); returns the wait status. */
int rt_daemon_wait(rt_daemon *d);
