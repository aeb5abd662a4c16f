/*
 * Remote management end to end: a real OpenSSH server on 127.0.0.1 (its own
 * host and client keys, a free port, a temp dir), the built cloudvirtd as
 * the remote command, and the public API over test+ssh://. Also cloudvirtd
 * fed garbage directly through a pipe.
 *
 * Needs root and /usr/sbin/sshd (CI has both); otherwise SKIP (exit 77).
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <cloudvirt/cloudvirt.h>

#include "cu-main.h"
#include "test-remote-fixture.h"

static rt_fixture fx;

static int
suite_init(void)
{
    return rt_fixture_start(&fx) < 0 ? -1 : 0;
}

static int
suite_cleanup(void)
{
    rt_fixture_stop(&fx);
    return 0;
}

static void
assert_error(int code, const char *needle)
{
    const cv_error *err = cv_error_last();

    CU_ASSERT_PTR_NOT_NULL_FATAL(err);
    if (err->code != code)
        fprintf(stderr, "\n  expected %s, got %s: %s\n", cv_error_code_name(code),
                cv_error_code_name(err->code), err->message);
    CU_ASSERT_EQUAL(err->code, code);
    if (needle && !strstr(err->message, needle)) {
        fprintf(stderr, "\n  message '%s' lacks '%s'\n", err->message, needle);
        CU_FAIL("message does not name the culprit");
    }
}

/* ---- host keys and authentication ---- */

static void
known_host_key_is_accepted(void)
{
    g_autofree char *uri = rt_uri(&fx, NULL);
    cv_connect *conn = cv_connect_open(uri, 0);

    if (!conn)
        fprintf(stderr, "\n  %s\n", cv_error_last()->message);
    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    CU_ASSERT_STRING_EQUAL(cv_connect_get_type(conn), "remote");
    CU_ASSERT_EQUAL(cv_connect_is_alive(conn), 1);
    cv_connect_close(conn);
}

static void
unknown_host_key_is_refused_with_its_fingerprint(void)
{
    g_autofree char *empty = g_build_filename(fx.dir, "empty_known_hosts", NULL);
    g_autofree char *uri = NULL;
    g_autofree char *uri_nv = NULL;
    cv_connect *conn;

    g_file_set_contents(empty, "", 0, NULL);
    uri = rt_uri_kh(&fx, empty, NULL);
    CU_ASSERT_PTR_NULL(cv_connect_open(uri, 0));
    assert_error(CV_ERR_HOST_KEY, fx.host_fp);
    assert_error(CV_ERR_HOST_KEY, "ssh-keyscan");
    /* Only an explicit no_verify=1 skips the check. */
    uri_nv = rt_uri_kh(&fx, empty, "no_verify=1");
    conn = cv_connect_open(uri_nv, 0);
    CU_ASSERT_PTR_NOT_NULL(conn);
    cv_connect_close(conn);
}

static void
changed_host_key_is_refused(void)
{
    g_autofree char *uri = rt_uri_kh(&fx, fx.changed_known_hosts, NULL);

    CU_ASSERT_PTR_NULL(cv_connect_open(uri, 0));
    assert_error(CV_ERR_HOST_KEY, "CHANGED");
    assert_error(CV_ERR_HOST_KEY, fx.host_fp);
}

static void
wrong_client_key_is_refused(void)
{
    g_autofree char *extra = g_strdup_printf("sshauth=privkey&keyfile=%s", fx.wrong_key);
    g_autofree char *uri = rt_uri_custom(&fx, extra);

    CU_ASSERT_PTR_NULL(cv_connect_open(uri, 0));
    assert_error(CV_ERR_AUTH, "root");
}

typedef struct {
    int asked;
    int type;
} cred_log;

static char *
answer_passphrase(int type, const char *prompt, void *opaque)
{
    cred_log *log = opaque;

    log->asked++;
    log->type = type;
    return strdup("open sesame");
}

static void
encrypted_key_passphrase_comes_from_the_callback(void)
{
    g_autofree char *extra = g_strdup_printf("sshauth=privkey&keyfile=%s", fx.locked_key);
    g_autofree char *uri = rt_uri_custom(&fx, extra);
    cred_log log = { 0 };
    cv_connect *conn;

    /* Without a callback there is nobody to ask: refused. */
    CU_ASSERT_PTR_NULL(cv_connect_open(uri, 0));
    assert_error(CV_ERR_AUTH, fx.locked_key);
    conn = cv_connect_open_auth(uri, answer_passphrase, &log, NULL, 0);
    if (!conn)
        fprintf(stderr, "\n  %s\n", cv_error_last()->message);
    CU_ASSERT_PTR_NOT_NULL(conn);
    CU_ASSERT(log.asked >= 1);
    CU_ASSERT_EQUAL(log.type, CV_CRED_PASSPHRASE);
    cv_connect_close(conn);
}

static void
command_is_quoted_not_pasted(void)
{
    /* A path with shell syntax reaches cloudvirtd as one argument. */
    g_autofree char *uri = rt_uri_path(&fx, "/tmp/x;touch%20pwned");
    g_autofree char *flag = g_build_filename(g_get_home_dir(), "pwned", NULL);

    g_unlink(flag);
    CU_ASSERT_PTR_NULL(cv_connect_open(uri, 0));
    CU_ASSERT_FALSE(g_file_test(flag, G_FILE_TEST_EXISTS));
    CU_ASSERT_FALSE(g_file_test("pwned", G_FILE_TEST_EXISTS));
}

static void
missing_remote_command_is_reported(void)
{
    g_autofree char *uri = rt_uri(&fx, NULL);
    g_autofree char *bad = NULL;
    char *cmd = strstr(uri, "command=");

    CU_ASSERT_PTR_NOT_NULL_FATAL(cmd);
    bad = g_strdup_printf("%.*scommand=/nonexistent/cloudvirtd%s", (int)(cmd - uri), uri,
                          strchr(cmd, '&') ? strchr(cmd, '&') : "");
    CU_ASSERT_PTR_NULL(cv_connect_open(bad, 0));
    /* The remote shell's own complaint comes back in the error. */
    assert_error(CV_ERR_CONNECTION_CLOSED, "/nonexistent/cloudvirtd");
}

static void
unknown_transport_still_refused(void)
{
    CU_ASSERT_PTR_NULL(cv_connect_open("test+tls://h/default", 0));
    CU_ASSERT_PTR_NOT_NULL_FATAL(cv_error_last());
    /* The URI parser already knows the transports; either refusal is fine
     * as long as it names the culprit. */
    CU_ASSERT(cv_error_last()->code == CV_ERR_INVALID_URI ||
              cv_error_last()->code == CV_ERR_NO_DRIVER);
    CU_ASSERT_PTR_NOT_NULL(strstr(cv_error_last()->message, "tls"));
}

/* ---- every entry, locally and remotely ---- */

static void
every_driver_entry_behaves_as_locally(void)
{
    g_autofree char *uri = rt_uri(&fx, NULL);
    g_autofree char *ldir = g_build_filename(fx.dir, "pool-local", NULL);
    g_autofree char *rdir = g_build_filename(fx.dir, "pool-remote", NULL);
    g_autoptr(GString) local_log = g_string_new(NULL);
    g_autoptr(GString) remote_log = g_string_new(NULL);
    cv_connect *lc = cv_connect_open("test:///default", 0);
    cv_connect *rc = cv_connect_open(uri, 0);
    g_auto(GStrv) ll = NULL, rl = NULL;
    guint entries_l, entries_r;

    CU_ASSERT_PTR_NOT_NULL_FATAL(lc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rc);
    g_mkdir_with_parents(ldir, 0755);
    g_mkdir_with_parents(rdir, 0755);
    entries_l = rt_script_run(lc, ldir, local_log);
    entries_r = rt_script_run(rc, rdir, remote_log);
    cv_connect_close(lc);
    cv_connect_close(rc);

    rt_normalize(local_log, ldir);
    rt_normalize(remote_log, rdir);
    ll = g_strsplit(local_log->str, "\n", -1);
    rl = g_strsplit(remote_log->str, "\n", -1);
    CU_ASSERT_EQUAL(g_strv_length(ll), g_strv_length(rl));
    for (guint i = 0; ll[i] && rl[i]; i++) {
        if (!g_str_equal(ll[i], rl[i])) {
            fprintf(stderr, "\n  step %u differs:\n  local:  %s\n  remote: %s\n",
                    i, ll[i], rl[i]);
            CU_FAIL("remote result differs from local");
        }
    }
    /* The script must really exercise the table, not fail early. */
    CU_ASSERT_EQUAL(entries_l, entries_r);
    CU_ASSERT(entries_l >= RT_SCRIPT_MIN_OK);
    if (g_getenv("CV_TEST_VERBOSE"))
        fprintf(stderr, "%s", local_log->str);
}

/* ---- concurrency ---- */

typedef struct {
    cv_connect *conn;
    int thread;
    int failures;
} hammer_arg;

static gpointer
hammer(gpointer data)
{
    hammer_arg *a = data;

    for (int i = 0; i < 1000; i++) {
        cv_domain *dom = cv_domain_lookup_by_name(a->conn, "test");
        cv_domain_info info = CV_DOMAIN_INFO_INIT;

        if (!dom) {
            a->failures++;
            continue;
        }
        if (cv_domain_get_info(dom, &info) < 0 || info.state != CV_DOMAIN_RUNNING)
            a->failures++;
        if (i % 100 == 0) {
            /* A miss must come back as this thread's own error. */
            g_autofree char *name = g_strdup_printf("nope-%d-%d", a->thread, i);
            if (cv_domain_lookup_by_name(a->conn, name) ||
                cv_error_last()->code != CV_ERR_NO_DOMAIN ||
                !strstr(cv_error_last()->message, name))
                a->failures++;
        }
        cv_domain_free(dom);
    }
    return NULL;
}

static void
eight_threads_share_one_connection(void)
{
    g_autofree char *uri = rt_uri(&fx, NULL);
    cv_connect *conn = cv_connect_open(uri, 0);
    hammer_arg args[8];
    GThread *th[8];
    gint64 t0 = g_get_monotonic_time();

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    for (int i = 0; i < 8; i++) {
        args[i] = (hammer_arg){ conn, i, 0 };
        th[i] = g_thread_new("hammer", hammer, &args[i]);
    }
    for (int i = 0; i < 8; i++) {
        g_thread_join(th[i]);
        CU_ASSERT_EQUAL(args[i].failures, 0);
    }
    fprintf(stderr, " [8x1000 calls: %.2f s] ", (g_get_monotonic_time() - t0) / 1e6);
    cv_connect_close(conn);
}

/* ---- events ---- */

typedef struct {
    GMutex lock;
    GCond cond;
    GArray *events;
} ev_log;

static void
on_event(cv_connect *conn, cv_domain *dom, int event, int detail, void *opaque)
{
    ev_log *log = opaque;

    if (!g_str_equal(cv_domain_get_name(dom), "evented"))
        return;
    g_mutex_lock(&log->lock);
    g_array_append_val(log->events, event);
    g_cond_broadcast(&log->cond);
    g_mutex_unlock(&log->lock);
}

static void
remote_events_reach_callbacks(void)
{
    g_autofree char *uri = rt_uri(&fx, NULL);
    cv_connect *conn = cv_connect_open(uri, 0);
    ev_log log;
    cv_domain *dom;
    int id;
    static const int want[] = { CV_EVENT_DOMAIN_DEFINED, CV_EVENT_DOMAIN_STARTED,
                                CV_EVENT_DOMAIN_SUSPENDED, CV_EVENT_DOMAIN_RESUMED,
                                CV_EVENT_DOMAIN_STOPPED, CV_EVENT_DOMAIN_UNDEFINED };
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    g_mutex_init(&log.lock);
    g_cond_init(&log.cond);
    log.events = g_array_new(FALSE, FALSE, sizeof(int));
    id = cv_connect_domain_event_register(conn, NULL, on_event, &log, NULL, 0);
    CU_ASSERT(id >= 0);
    dom = cv_domain_define_xml(conn, RT_DOM_XML("evented", "7a0c7c43-6b43-4bb7-9ad4-1b7d0e3f1c01"), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dom);
    CU_ASSERT_EQUAL(cv_domain_start(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_suspend(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_resume(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_destroy(dom, 0), 0);
    CU_ASSERT_EQUAL(cv_domain_undefine(dom, 0), 0);
    g_mutex_lock(&log.lock);
    while (log.events->len < G_N_ELEMENTS(want) &&
           g_cond_wait_until(&log.cond, &log.lock, deadline))
        ;
    CU_ASSERT_EQUAL(log.events->len, G_N_ELEMENTS(want));
    for (guint i = 0; i < MIN(log.events->len, G_N_ELEMENTS(want)); i++)
        CU_ASSERT_EQUAL(g_array_index(log.events, int, i), want[i]);
    g_mutex_unlock(&log.lock);
    CU_ASSERT_EQUAL(cv_connect_domain_event_deregister(conn, id), 0);
    cv_domain_free(dom);
    cv_connect_close(conn);
    g_array_free(log.events, TRUE);
}

/* ---- streams ---- */

#define BIG (256u << 20)

static void
upload_and_download_256_mib_keep_every_byte(void)
{
    g_autofree char *uri = rt_uri(&fx, NULL);
    cv_connect *conn = cv_connect_open(uri, 0);
    g_autoptr(GChecksum) up = g_checksum_new(G_CHECKSUM_SHA256);
    g_autoptr(GChecksum) down = g_checksum_new(G_CHECKSUM_SHA256);
    g_autofree char *buf = g_malloc(1 << 20);
    cv_pool *pool;
    cv_volume *vol;
    cv_stream *st;
    guint64 total = 0;
    guint32 seed = 12345;
    gint64 t0, t1, t2;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    pool = cv_pool_lookup_by_name(conn, "default");
    CU_ASSERT_PTR_NOT_NULL_FATAL(pool);
    vol = cv_volume_create_xml(pool, "<volume><name>big.img</name>"
                               "<capacity unit='MiB'>256</capacity>"
                               "<target><format type='raw'/></target></volume>", 0);
    if (!vol)
        fprintf(stderr, "\n  %s\n", cv_error_last()->message);
    CU_ASSERT_PTR_NOT_NULL_FATAL(vol);

    t0 = g_get_monotonic_time();
    st = cv_volume_upload(vol, 0, BIG, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    for (guint64 off = 0; off < BIG; off += 1 << 20) {
        guint32 *w = (guint32 *)buf;
        for (int i = 0; i < (1 << 18); i++) {
            seed = seed * 1103515245u + 12345u;
            w[i] = seed;
        }
        g_checksum_update(up, (guchar *)buf, 1 << 20);
        if (cv_stream_send(st, buf, 1 << 20) < 0) {
            fprintf(stderr, "\n  send: %s\n", cv_error_last()->message);
            CU_FAIL("upload failed");
            break;
        }
    }
    CU_ASSERT_EQUAL(cv_stream_finish(st), 0);
    cv_stream_free(st);
    t1 = g_get_monotonic_time();

    st = cv_volume_download(vol, 0, 0, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    for (;;) {
        int64_t n = cv_stream_recv(st, buf, 1 << 20);
        if (n <= 0) {
            CU_ASSERT_EQUAL(n, 0);
            break;
        }
        g_checksum_update(down, (guchar *)buf, n);
        total += n;
    }
    CU_ASSERT_EQUAL(cv_stream_finish(st), 0);
    cv_stream_free(st);
    t2 = g_get_monotonic_time();
    CU_ASSERT_EQUAL(total, BIG);
    CU_ASSERT_STRING_EQUAL(g_checksum_get_string(up), g_checksum_get_string(down));
    fprintf(stderr, " [up %.0f MiB/s, down %.0f MiB/s] ",
            256 / ((t1 - t0) / 1e6), 256 / ((t2 - t1) / 1e6));

    /* Past the announced length is refused, not silently written. */
    st = cv_volume_upload(vol, 0, 10, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    CU_ASSERT_EQUAL(cv_stream_send(st, buf, 10), 0);
    /* The server learns of the excess asynchronously; finish reports it. */
    cv_stream_send(st, buf, 10);
    CU_ASSERT_EQUAL(cv_stream_finish(st), -1);
    assert_error(CV_ERR_INVALID_ARG, "announced");
    cv_stream_free(st);

    CU_ASSERT_EQUAL(cv_volume_delete(vol, 0), 0);
    cv_volume_free(vol);
    cv_pool_free(pool);
    cv_connect_close(conn);
}

/* ---- failures ---- */

typedef struct {
    cv_connect *conn;
    int result;
    int code;
    gint64 elapsed_us;
} call_arg;

static gpointer
slow_side_call(gpointer data)
{
    call_arg *a = data;
    gint64 t0 = g_get_monotonic_time();

    /* Keep calling until the peer is noticed gone. */
    for (;;) {
        cv_domain *d = cv_domain_lookup_by_name(a->conn, "test");
        if (!d)
            break;
        cv_domain_free(d);
        g_usleep(20000);
        t0 = g_get_monotonic_time();
    }
    a->result = -1;
    a->code = cv_error_last()->code;
    a->elapsed_us = g_get_monotonic_time() - t0;
    return NULL;
}

static void
stopped_sshd_fails_calls_within_keepalive(void)
{
    g_autofree char *uri = rt_uri(&fx, "keepalive_interval=1&keepalive_count=2");
    cv_connect *conn = cv_connect_open(uri, 0);
    call_arg a = { 0 };
    GThread *th;
    GArray *pids;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    a.conn = conn;
    th = g_thread_new("caller", slow_side_call, &a);
    g_usleep(300000);
    /* SIGSTOP, not SIGKILL: a frozen peer sends no FIN, so only the
     * keepalive can tell. */
    pids = rt_session_pids(&fx);
    CU_ASSERT(pids->len > 0);
    rt_signal_all(pids, SIGSTOP);
    g_thread_join(th);
    CU_ASSERT_EQUAL(a.code, CV_ERR_CONNECTION_CLOSED);
    /* interval 1 s x count 2, plus slack for a loaded machine. */
    CU_ASSERT(a.elapsed_us < 4 * G_USEC_PER_SEC);
    fprintf(stderr, " [failed after %.2f s] ", a.elapsed_us / 1e6);
    CU_ASSERT_EQUAL(cv_connect_is_alive(conn), 0);
    /* Every later call fails at once too. */
    CU_ASSERT_PTR_NULL(cv_domain_lookup_by_name(conn, "test"));
    assert_error(CV_ERR_CONNECTION_CLOSED, "keepalive");
    rt_signal_all(pids, SIGKILL);
    rt_signal_all(pids, SIGCONT);
    g_array_free(pids, TRUE);
    cv_connect_close(conn);

    /* The host is still there: a new connection works. */
    conn = cv_connect_open(uri, 0);
    CU_ASSERT_PTR_NOT_NULL(conn);
    CU_ASSERT_EQUAL(cv_connect_is_alive(conn), 1);
    cv_connect_close(conn);
}

static void
killed_sshd_fails_calls_at_once(void)
{
    g_autofree char *uri = rt_uri(&fx, NULL);
    cv_connect *conn = cv_connect_open(uri, 0);
    call_arg a = { 0 };
    GThread *th;
    GArray *pids;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    a.conn = conn;
    th = g_thread_new("caller", slow_side_call, &a);
    g_usleep(300000);
    pids = rt_session_pids(&fx);
    rt_signal_all(pids, SIGKILL);
    g_thread_join(th);
    CU_ASSERT_EQUAL(a.code, CV_ERR_CONNECTION_CLOSED);
    CU_ASSERT(a.elapsed_us < 2 * G_USEC_PER_SEC);
    g_array_free(pids, TRUE);
    cv_connect_close(conn);
}

static void
killed_cloudvirtd_fails_the_stream(void)
{
    g_autofree char *uri = rt_uri(&fx, NULL);
    cv_connect *conn = cv_connect_open(uri, 0);
    g_autofree char *buf = g_malloc0(1 << 20);
    cv_pool *pool;
    cv_volume *vol;
    cv_stream *st;
    int r = 0;
    GArray *pids;

    CU_ASSERT_PTR_NOT_NULL_FATAL(conn);
    pool = cv_pool_lookup_by_name(conn, "default");
    CU_ASSERT_PTR_NOT_NULL_FATAL(pool);
    vol = cv_volume_create_xml(pool, "<volume><name>victim.img</name>"
                               "<capacity unit='MiB'>512</capacity>"
                               "<target><format type='raw'/></target></volume>", 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(vol);
    st = cv_volume_upload(vol, 0, 0, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(st);
    for (int i = 0; i < 8; i++)
        CU_ASSERT_EQUAL(cv_stream_send(st, buf, 1 << 20), 0);
    pids = rt_cloudvirtd_pids(&fx);
    CU_ASSERT(pids->len > 0);
    rt_signal_all(pids, SIGKILL);
    for (int i = 0; i < 512 && r == 0; i++)
        r = cv_stream_send(st, buf, 1 << 20);
    if (r == 0)
        r = cv_stream_finish(st);
    CU_ASSERT_EQUAL(r, -1);
    assert_error(CV_ERR_CONNECTION_CLOSED, NULL);
    cv_stream_free(st);
    cv_volume_free(vol);
    cv_pool_free(pool);
    g_array_free(pids, TRUE);
    cv_connect_close(conn);
}

/* ---- cloudvirtd fed hostile bytes through a pipe ---- */

static void
cloudvirtd_answers_garbage_with_errors(void)
{
    rt_daemon d;
    int status;

    CU_ASSERT_EQUAL_FATAL(rt_daemon_spawn(&fx, &d), 0);
    /* Before open, calls are refused; a valid open works. */
    CU_ASSERT_EQUAL(rt_daemon_call(&d, CV_PROC_CONNECT_GET_VERSION, g_variant_new("()"), 1), CV_ERR_OPERATION_INVALID);
    CU_ASSERT_EQUAL(rt_daemon_call(&d, CV_PROC_CONNECT_OPEN, g_variant_new("(u)", 0), 2), 0);
    /* Random bytes in a well-sized frame: an error reply each time. */
    for (int i = 0; i < 200; i++)
        CU_ASSERT_EQUAL(rt_daemon_garbage(&d, i), CV_ERR_RPC);
    /* Wrong argument types, unknown procedures, forged UUID lengths. */
    CU_ASSERT_EQUAL(rt_daemon_call(&d, CV_PROC_DOMAIN_START, g_variant_new("(s)", "x"), 3), CV_ERR_RPC);
    CU_ASSERT_EQUAL(rt_daemon_call(&d, 9999, g_variant_new("()"), 4), CV_ERR_RPC);
    CU_ASSERT_EQUAL(rt_daemon_call(&d, CV_PROC_DOMAIN_LOOKUP_BY_UUID,
                                   g_variant_new("(@ay)", g_variant_new_bytestring("ab")), 5), CV_ERR_RPC);
    /* Mutated valid messages: never a crash, and still answering after. */
    rt_daemon_mutations(&d, 2000);
    CU_ASSERT_EQUAL(rt_daemon_call(&d, CV_PROC_PING, g_variant_new("()"), 6), 0);
    status = rt_daemon_wait(&d);
    CU_ASSERT(WIFEXITED(status));
}

static void
cloudvirtd_hangs_up_on_oversized_frames(void)
{
    rt_daemon d;
    int status;

    CU_ASSERT_EQUAL_FATAL(rt_daemon_spawn(&fx, &d), 0);
    CU_ASSERT_EQUAL(rt_daemon_call(&d, CV_PROC_CONNECT_OPEN, g_variant_new("(u)", 0), 1), 0);
    /* Nothing of the announced 4 GiB is allocated: an error, then it
     * hangs up (the stream cannot be resynchronized), exiting normally. */
    CU_ASSERT_EQUAL(rt_daemon_oversized(&d), CV_ERR_RPC);
    status = rt_daemon_wait(&d);
    CU_ASSERT(WIFEXITED(status));
    CU_ASSERT_EQUAL(WEXITSTATUS(status), 1);
}

static void
cloudvirtd_exits_cleanly_when_the_client_goes(void)
{
    rt_daemon d;
    int status;

    CU_ASSERT_EQUAL_FATAL(rt_daemon_spawn(&fx, &d), 0);
    CU_ASSERT_EQUAL(rt_daemon_call(&d, CV_PROC_CONNECT_OPEN, g_variant_new("(u)", 0), 1), 0);
    CU_ASSERT_EQUAL(rt_daemon_call(&d, CV_PROC_PING, g_variant_new("()"), 2), 0);
    status = rt_daemon_wait(&d);      /* closes its stdin first */
    CU_ASSERT(WIFEXITED(status));
    CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
}

static CU_TestInfo ssh_tests[] = {
    CU_CASE(known_host_key_is_accepted),
    CU_CASE(unknown_host_key_is_refused_with_its_fingerprint),
    CU_CASE(changed_host_key_is_refused),
    CU_CASE(wrong_client_key_is_refused),
    CU_CASE(encrypted_key_passphrase_comes_from_the_callback),
    CU_CASE(command_is_quoted_not_pasted),
    CU_CASE(missing_remote_command_is_reported),
    CU_CASE(unknown_transport_still_refused),
    CU_CASE(every_driver_entry_behaves_as_locally),
    CU_CASE(eight_threads_share_one_connection),
    CU_CASE(remote_events_reach_callbacks),
    CU_CASE(upload_and_download_256_mib_keep_every_byte),
    CU_CASE(stopped_sshd_fails_calls_within_keepalive),
    CU_CASE(killed_sshd_fails_calls_at_once),
    CU_CASE(killed_cloudvirtd_fails_the_stream),
    CU_CASE(cloudvirtd_answers_garbage_with_errors),
    CU_CASE(cloudvirtd_hangs_up_on_oversized_frames),
    CU_CASE(cloudvirtd_exits_cleanly_when_the_client_goes),
    CU_TEST_INFO_NULL,
};

static const cu_suite cu_suites[] = {
    { "remote-ssh", suite_init, suite_cleanup, ssh_tests },
    CU_SUITE_END,
};

int
main(void)
{
    const char *why = rt_skip_reason();

    if (why) {
        printf("SKIP: %s\n", why);
        return 77;
    }
    signal(SIGPIPE, SIG_IGN);
    return cu_run(cu_suites);
}
