/*
 * Fixture for the remote tests (see test-remote-fixture.h).
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "test-remote-fixture.h"

const char *
rt_skip_reason(void)
{
    const char *top = g_getenv("CV_TOP_BUILDDIR");
    g_autofree char *keygen_path = g_find_program_in_path("ssh-keygen");

    if (geteuid() != 0)
        return "needs root: sshd with its own config on loopback only runs as root";
    if (!g_file_test("/usr/sbin/sshd", G_FILE_TEST_IS_EXECUTABLE))
        return "/usr/sbin/sshd is missing (install openssh-server)";
    if (!keygen_path)
        return "ssh-keygen is missing (install openssh-client)";
    if (!top)
        return "CV_TOP_BUILDDIR is not set (run through make check)";
    return NULL;
}

static int
run(const char *cmdline)
{
    g_autoptr(GError) gerr = NULL;
    g_autofree char *err = NULL;
    int status;

    if (!g_spawn_command_line_sync(cmdline, NULL, &err, &status, &gerr) ||
        !g_spawn_check_wait_status(status, NULL)) {
        fprintf(stderr, "fixture: '%s' failed: %s\n", cmdline,
                gerr ? gerr->message : err);
        return -1;
    }
    return 0;
}

static int
keygen(const char *path, const char *pass)
{
    g_autofree char *q = g_shell_quote(path);
    g_autofree char *qp = g_shell_quote(pass);
    g_autofree char *cmd = g_strdup_printf("ssh-keygen -q -t ed25519 -N %s -f %s", qp, q);

    return run(cmd);
}

static char *
pubkey_of(const char *key)
{
    g_autofree char *pub = g_strdup_printf("%s.pub", key);
    g_autofree char *text = NULL;
    g_auto(GStrv) f = NULL;

    if (!g_file_get_contents(pub, &text, NULL, NULL))
        return NULL;
    f = g_strsplit(g_strstrip(text), " ", 3);
    return g_strdup_printf("%s %s", f[0], f[1]);
}

static int
free_port(void)
{
    struct sockaddr_in a = { .sin_family = AF_INET };
    socklen_t len = sizeof(a);
    int fd = socket(AF_INET, SOCK_STREAM, 0), port;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 ||
        getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
        close(fd);
        return -1;
    }
    port = ntohs(a.sin_port);
    close(fd);
    return port;
}

static gboolean
port_open(int port)
{
    struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    gboolean ok;

    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ok = connect(fd, (struct sockaddr *)&a, sizeof(a)) == 0;
    close(fd);
    return ok;
}

int
rt_fixture_start(rt_fixture *fx)
{
    g_autofree char *host_key = NULL, *other_key = NULL, *cfg = NULL, *log = NULL;
    g_autofree char *auth = NULL, *cfgtext = NULL, *hostpub = NULL, *otherpub = NULL;
    g_autofree char *clientpub = NULL, *lockedpub = NULL, *line = NULL, *fp = NULL;
    g_autofree char *fpcmd = NULL, *qpub = NULL;
    g_autoptr(GError) gerr = NULL;
    const char *argv[7];

    memset(fx, 0, sizeof(*fx));
    fx->dir = g_dir_make_tmp("cv-remote-XXXXXX", &gerr);
    if (!fx->dir)
        return -1;
    fx->cloudvirtd = g_build_filename(g_getenv("CV_TOP_BUILDDIR"), "tools", "cloudvirtd",
                                      "cloudvirtd", NULL);
    host_key = g_build_filename(fx->dir, "hostkey", NULL);
    other_key = g_build_filename(fx->dir, "otherhostkey", NULL);
    fx->client_key = g_build_filename(fx->dir, "clientkey", NULL);
    fx->wrong_key = g_build_filename(fx->dir, "wrongkey", NULL);
    fx->locked_key = g_build_filename(fx->dir, "lockedkey", NULL);
    fx->known_hosts = g_build_filename(fx->dir, "known_hosts", NULL);
    fx->changed_known_hosts = g_build_filename(fx->dir, "changed_known_hosts", NULL);
    cfg = g_build_filename(fx->dir, "sshd_config", NULL);
    log = g_build_filename(fx->dir, "sshd.log", NULL);
    auth = g_build_filename(fx->dir, "authorized_keys", NULL);
    if (keygen(host_key, "") < 0 || keygen(other_key, "") < 0 ||
        keygen(fx->client_key, "") < 0 || keygen(fx->wrong_key, "") < 0 ||
        keygen(fx->locked_key, "open sesame") < 0)
        return -1;
    fx->port = free_port();
    hostpub = pubkey_of(host_key);
    otherpub = pubkey_of(other_key);
    clientpub = pubkey_of(fx->client_key);
    lockedpub = pubkey_of(fx->locked_key);
    line = g_strdup_printf("%s\n%s\n", clientpub, lockedpub);
    g_file_set_contents(auth, line, -1, NULL);
    g_free(line);
    line = g_strdup_printf("[127.0.0.1]:%d %s\n", fx->port, hostpub);
    g_file_set_contents(fx->known_hosts, line, -1, NULL);
    g_free(line);
    line = g_strdup_printf("[127.0.0.1]:%d %s\n", fx->port, otherpub);
    g_file_set_contents(fx->changed_known_hosts, line, -1, NULL);

    qpub = g_strdup_printf("'%s.pub'", host_key);
    fpcmd = g_strdup_printf("ssh-keygen -l -E sha256 -f %s", qpub);
    if (!g_spawn_command_line_sync(fpcmd, &fp, NULL, NULL, NULL))
        return -1;
    {
        g_auto(GStrv) f = g_strsplit(fp, " ", 3);
        fx->host_fp = g_strdup(f[1]);
    }

    cfgtext = g_strdup_printf("Port %d\nListenAddress 127.0.0.1\nHostKey %s\n"
                              "AuthorizedKeysFile %s\nPasswordAuthentication no\n"
                              "KbdInteractiveAuthentication no\n"
                              "PermitRootLogin yes\nStrictModes no\nUsePAM no\n"
                              "PidFile %s/sshd.pid\nMaxStartups 50\nMaxSessions 50\n",
                              fx->port, host_key, auth, fx->dir);
    g_file_set_contents(cfg, cfgtext, -1, NULL);
    g_mkdir_with_parents("/run/sshd", 0755);
    argv[0] = "/usr/sbin/sshd";
    argv[1] = "-D";
    argv[2] = "-f";
    argv[3] = cfg;
    argv[4] = "-E";
    argv[5] = log;
    argv[6] = NULL;
    if (!g_spawn_async(NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                       &fx->sshd, &gerr)) {
        fprintf(stderr, "fixture: cannot start sshd: %s\n", gerr->message);
        return -1;
    }
    for (int i = 0; i < 100 && !port_open(fx->port); i++)
        g_usleep(50000);
    if (!port_open(fx->port)) {
        fprintf(stderr, "fixture: sshd did not listen on %d (see %s)\n", fx->port, log);
        return -1;
    }
    return 0;
}

void
rt_fixture_stop(rt_fixture *fx)
{
    if (fx->sshd > 0) {
        GArray *kids = rt_session_pids(fx);
        rt_signal_all(kids, SIGKILL);
        g_array_free(kids, TRUE);
        kill(fx->sshd, SIGTERM);
        waitpid(fx->sshd, NULL, 0);
        fx->sshd = 0;
    }
    if (fx->dir) {
        g_autofree char *q = g_shell_quote(fx->dir);
        g_autofree char *cmd = g_strdup_printf("rm -rf %s", q);
        run(cmd);
    }
    g_free(fx->dir);
    g_free(fx->cloudvirtd);
    g_free(fx->client_key);
    g_free(fx->wrong_key);
    g_free(fx->locked_key);
    g_free(fx->known_hosts);
    g_free(fx->changed_known_hosts);
    g_free(fx->host_fp);
    memset(fx, 0, sizeof(*fx));
}

static char *
esc(const char *s)
{
    return g_uri_escape_string(s, "/", FALSE);
}

static char *
make_uri(rt_fixture *fx, const char *path, const char *keyfile, const char *kh,
         const char *extra)
{
    g_autofree char *ek = keyfile ? esc(keyfile) : NULL;
    g_autofree char *eh = esc(kh);
    g_autofree char *ec = esc(fx->cloudvirtd);

    return g_strdup_printf("test+ssh://root@127.0.0.1:%d%s?known_hosts=%s&command=%s"
                           "%s%s%s%s", fx->port, path, eh, ec,
                           ek ? "&keyfile=" : "", ek ? ek : "",
                           extra ? "&" : "", extra ? extra : "");
}

char *
rt_uri(rt_fixture *fx, const char *extra)
{
    return make_uri(fx, "/default", fx->client_key, fx->known_hosts, extra);
}

char *
rt_uri_kh(rt_fixture *fx, const char *kh, const char *extra)
{
    return make_uri(fx, "/default", fx->client_key, kh, extra);
}

char *
rt_uri_custom(rt_fixture *fx, const char *extra)
{
    return make_uri(fx, "/default", NULL, fx->known_hosts, extra);
}

char *
rt_uri_path(rt_fixture *fx, const char *path)
{
    return make_uri(fx, path, fx->client_key, fx->known_hosts, NULL);
}

/* ---- processes ---- */

static int
ppid_of(int pid, char *comm, gsize commlen)
{
    g_autofree char *path = g_strdup_printf("/proc/%d/stat", pid);
    g_autofree char *text = NULL;
    char *rp;
    int ppid = -1;

    if (!g_file_get_contents(path, &text, NULL, NULL))
        return -1;
    rp = strrchr(text, ')');
    if (!rp)
        return -1;
    if (comm) {
        char *lp = strchr(text, '(');
        g_strlcpy(comm, lp + 1, MIN(commlen, (gsize)(rp - lp)));
    }
    sscanf(rp + 2, "%*c %d", &ppid);
    return ppid;
}

static GArray *
descendants(int root, const char *only_comm)
{
    GArray *out = g_array_new(FALSE, FALSE, sizeof(int));
    GArray *frontier = g_array_new(FALSE, FALSE, sizeof(int));

    g_array_append_val(frontier, root);
    while (frontier->len) {
        int parent = g_array_index(frontier, int, frontier->len - 1);
        DIR *d = opendir("/proc");
        struct dirent *e;

        g_array_remove_index(frontier, frontier->len - 1);
        while ((e = readdir(d))) {
            char comm[64] = "";
            int pid = atoi(e->d_name);

            if (pid <= 0 || ppid_of(pid, comm, sizeof(comm)) != parent)
                continue;
            g_array_append_val(frontier, pid);
            if (!only_comm || g_str_equal(comm, only_comm))
                g_array_append_val(out, pid);
        }
        closedir(d);
    }
    g_array_free(frontier, TRUE);
    return out;
}

GArray *
rt_session_pids(rt_fixture *fx)
{
    return descendants(fx->sshd, NULL);
}

GArray *
rt_cloudvirtd_pids(rt_fixture *fx)
{
    return descendants(fx->sshd, "cloudvirtd");
}

void
rt_signal_all(GArray *pids, int sig)
{
    for (guint i = 0; i < pids->len; i++)
        kill(g_array_index(pids, int, i), sig);
}

/* ---- cloudvirtd on pipes ---- */

static gpointer
daemon_reader(gpointer data)
{
    rt_daemon *d = data;

    for (;;) {
        g_autoptr(GBytes) payload = NULL;
        g_autoptr(GVariant) body = NULL;
        cv_rpc_header h;
        rt_reply *r;

        if (cv_rpc_frame_read(d->out, CV_RPC_MAX_FRAME, &payload) <= 0)
            break;
        if (cv_rpc_decode(payload, &h, &body) < 0)
            break;
        if (h.type != CV_RPC_REPLY)
            continue;
        r = g_new0(rt_reply, 1);
        r->serial = h.serial;
        r->status = h.status;
        if (h.status == CV_RPC_ERROR)
            g_variant_get(body, "(iis)", &r->code, NULL, NULL);
        g_async_queue_push(d->replies, r);
    }
    {
        rt_reply *eof = g_new0(rt_reply, 1);
        eof->serial = G_MAXUINT32;
        eof->code = -3;
        g_async_queue_push(d->replies, eof);
    }
    return NULL;
}

int
rt_daemon_spawn(rt_fixture *fx, rt_daemon *d)
{
    const char *argv[] = { fx->cloudvirtd, "--stdio", "test:///default", NULL };
    g_autoptr(GError) gerr = NULL;

    memset(d, 0, sizeof(*d));
    if (!g_spawn_async_with_pipes(NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                  NULL, NULL, &d->pid, &d->in, &d->out, NULL, &gerr)) {
        fprintf(stderr, "cannot run %s: %s\n", fx->cloudvirtd, gerr->message);
        return -1;
    }
    d->replies = g_async_queue_new_full(g_free);
    d->reader = g_thread_new("daemon-reader", daemon_reader, d);
    return 0;
}

static int
send_raw(rt_daemon *d, const void *p, gsize n)
{
    g_autoptr(GBytes) b = g_bytes_new(p, n);

    return cv_rpc_frame_write(d->in, b);
}

static int
send_msg(rt_daemon *d, guint32 proc, guint32 serial, GVariant *args)
{
    cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, proc, CV_RPC_CALL, serial, 0 };
    g_autoptr(GBytes) f = cv_rpc_encode(&h, args);

    return f ? cv_rpc_frame_write(d->in, f) : -1;
}

/* The reply with @serial (or any reply if @serial is G_MAXUINT32 - 1). */
static int
wait_reply(rt_daemon *d, guint32 serial)
{
    gint64 deadline = g_get_monotonic_time() + 10 * G_USEC_PER_SEC;

    for (;;) {
        gint64 left = deadline - g_get_monotonic_time();
        g_autofree rt_reply *r = left > 0 ? g_async_queue_timeout_pop(d->replies, left) : NULL;

        if (!r)
            return -2;
        if (r->code == -3 && r->serial == G_MAXUINT32) {
            g_async_queue_push_front(d->replies, g_steal_pointer(&r));
            return -3;
        }
        if (serial == G_MAXUINT32 - 1 || r->serial == serial)
            return r->status == CV_RPC_ERROR ? r->code : 0;
    }
}

int
rt_daemon_call(rt_daemon *d, guint32 proc, GVariant *args, guint32 serial)
{
    if (send_msg(d, proc, serial, args) < 0)
        return -1;
    return wait_reply(d, serial);
}

int
rt_daemon_garbage(rt_daemon *d, int seed)
{
    GRand *rand = g_rand_new_with_seed(seed);
    gsize n = g_rand_int_range(rand, 1, 4096);
    guint8 *buf = g_malloc(n);

    for (gsize i = 0; i < n; i++)
        buf[i] = g_rand_int(rand);
    g_rand_free(rand);
    {
        guint8 *frame = g_malloc(n + 4);
        frame[0] = n >> 24; frame[1] = n >> 16; frame[2] = n >> 8; frame[3] = n;
        memcpy(frame + 4, buf, n);
        send_raw(d, frame, n + 4);
        g_free(frame);
    }
    g_free(buf);
    return wait_reply(d, G_MAXUINT32 - 1);
}

void
rt_daemon_mutations(rt_daemon *d, int n)
{
    GRand *rand = g_rand_new_with_seed(4242);
    cv_rpc_header h = { CV_RPC_PROGRAM, CV_RPC_VERSION, CV_PROC_DOMAIN_GET_XML_DESC,
                        CV_RPC_CALL, 77, 0 };
    unsigned char uuid[16] = { 0 };
    g_autoptr(GBytes) f = cv_rpc_encode(&h, g_variant_new(
        "((s@ay)u)", "test", g_variant_new_fixed_array(G_VARIANT_TYPE_BYTE, uuid, 16, 1), 0));
    gsize len;
    const guint8 *orig = g_bytes_get_data(f, &len);

    for (int i = 0; i < n; i++) {
        guint8 *m = g_memdup2(orig, len);
        int flips = g_rand_int_range(rand, 1, 8);
        gsize mlen = len;

        for (int k = 0; k < flips; k++)
            m[g_rand_int_range(rand, 4, len)] = g_rand_int(rand);
        if (g_rand_boolean(rand)) {
            /* Truncate the message, keeping the prefix consistent. */
            mlen = g_rand_int_range(rand, 5, len);
            m[0] = (mlen - 4) >> 24; m[1] = (mlen - 4) >> 16;
            m[2] = (mlen - 4) >> 8; m[3] = mlen - 4;
        }
        send_raw(d, m, mlen);
        g_free(m);
    }
    g_rand_free(rand);
}

int
rt_daemon_oversized(rt_daemon *d)
{
    guint8 prefix[4] = { 0xff, 0xff, 0xff, 0xf0 };
    rt_reply *r;

    /* Forget replies to earlier mutations: one of them may have serial 0. */
    while ((r = g_async_queue_try_pop(d->replies))) {
        if (r->code == -3 && r->serial == G_MAXUINT32) {
            g_async_queue_push_front(d->replies, r);
            break;
        }
        g_free(r);
    }
    send_raw(d, prefix, 4);
    return wait_reply(d, 0);
}

int
rt_daemon_wait(rt_daemon *d)
{
    int status = -1;

    close(d->in);
    for (int i = 0; i < 200; i++) {
        if (waitpid(d->pid, &status, WNOHANG) == d->pid)
            goto done;
        g_usleep(50000);
    }
    fprintf(stderr, "cloudvirtd did not exit within 10 s\n");
    kill(d->pid, SIGKILL);
    waitpid(d->pid, &status, 0);
    status = -1;
done:
    g_thread_join(d->reader);
    close(d->out);
    g_async_queue_unref(d->replies);
    return status;
}
