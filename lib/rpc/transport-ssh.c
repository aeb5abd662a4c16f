/*
 * The SSH transport: a libssh2 session to the remote host, the host key
 * checked against known_hosts, a login, and `cloudvirtd --stdio URI` run on
 * a channel. The RPC client's reader and writers then use the channel
 * directly (cv_rpc_ssh_io), one libssh2 call at a time under session_lock,
 * sleeping in poll() outside it.
 *
 * Shutdown never waits for the peer: the peer may be dead or stopped, and
 * a close must not hang.
 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gio/gio.h>
#include <libssh2.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "core/error.h"
#include "rpc/protocol.h"
#include "rpc/transport.h"


struct cv_rpc_ssh {
    GSocketConnection *tcp;
    int sock;                   /* the TCP socket (owned by tcp) */
    LIBSSH2_SESSION *session;
    LIBSSH2_CHANNEL *channel;
    GMutex session_lock;        /* every libssh2 call after open */
    int wake[2];                /* pipe: writers wake the reader */
    gint closing;
    GString *err;               /* tail of the remote stderr */
    char *scratch;              /* gathers a writev; writers are serialized */
    gsize scratch_len;
    GMutex lock;
    char *failure;              /* why the stream ended */
    const cv_rpc_auth *auth;    /* only during open */
    const char *user;
};

static gpointer
ssh_global_init(gpointer unused)
{
    libssh2_init(0);
    return NULL;
}

static char *
ssh_last_error(LIBSSH2_SESSION *session)
{
    char *msg = NULL;

    libssh2_session_last_error(session, &msg, NULL, 0);
    return g_strdup(msg && *msg ? msg : "unknown libssh2 error");
}

static const char *
hostkey_type_name(int type)
{
    switch (type) {
    case LIBSSH2_HOSTKEY_TYPE_RSA: return "ssh-rsa";
    case LIBSSH2_HOSTKEY_TYPE_DSS: return "ssh-dss";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return "ecdsa-sha2-nistp256";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return "ecdsa-sha2-nistp384";
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return "ecdsa-sha2-nistp521";
#ifdef LIBSSH2_HOSTKEY_TYPE_ED25519
    case LIBSSH2_HOSTKEY_TYPE_ED25519: return "ssh-ed25519";
#endif
    default: return "unknown";
    }
}

static int
hostkey_knownhost_mask(int type)
{
    switch (type) {
    case LIBSSH2_HOSTKEY_TYPE_RSA: return LIBSSH2_KNOWNHOST_KEY_SSHRSA;
    case LIBSSH2_HOSTKEY_TYPE_DSS: return LIBSSH2_KNOWNHOST_KEY_SSHDSS;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return LIBSSH2_KNOWNHOST_KEY_ECDSA_256;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return LIBSSH2_KNOWNHOST_KEY_ECDSA_384;
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return LIBSSH2_KNOWNHOST_KEY_ECDSA_521;
#ifdef LIBSSH2_HOSTKEY_TYPE_ED25519
    case LIBSSH2_HOSTKEY_TYPE_ED25519: return LIBSSH2_KNOWNHOST_KEY_ED25519;
#endif
    default: return LIBSSH2_KNOWNHOST_KEY_UNKNOWN;
    }
}

/* "SHA256:..." as OpenSSH prints it (base64 without padding). */
static char *
hostkey_fingerprint(LIBSSH2_SESSION *session)
{
    const char *hash = libssh2_hostkey_hash(session, LIBSSH2_HOSTKEY_HASH_SHA256);
    g_autofree char *b64 = NULL;
    char *eq;

    if (!hash)
        return g_strdup("(fingerprint unavailable)");
    b64 = g_base64_encode((const guchar *)hash, 32);
    if ((eq = strchr(b64, '=')))
        *eq = '\0';
    return g_strdup_printf("SHA256:%s", b64);
}

static char *
default_known_hosts(void)
{
    return g_build_filename(g_get_home_dir(), ".ssh", "known_hosts", NULL);
}

static int
ssh_check_host_key(cv_rpc_ssh *t, const cv_uri *uri, int port)
{
    const char *kh_param = cv_uri_get_param(uri, "known_hosts");
    const char *no_verify = cv_uri_get_param(uri, "no_verify");
    g_autofree char *kh_path = kh_param ? g_strdup(kh_param) : default_known_hosts();
    g_autofree char *fp = NULL;
    g_autofree char *hostspec = NULL;
    LIBSSH2_KNOWNHOSTS *kh;
    const char *key;
    size_t keylen;
    int type, r;

    key = libssh2_session_hostkey(t->session, &keylen, &type);
    if (!key) {
        g_autofree char *msg = ssh_last_error(t->session);
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "host %s sent no usable host key: %s", uri->host, msg);
    }
    if (no_verify && g_str_equal(no_verify, "1"))
        return 0;

    fp = hostkey_fingerprint(t->session);
    hostspec = port == 22 ? g_strdup(uri->host)
                          : g_strdup_printf("[%s]:%d", uri->host, port);
    kh = libssh2_knownhost_init(t->session);
    if (!kh)
        return cv_error_set(CV_ERR_NO_MEMORY, CV_FROM_SSH, "libssh2_knownhost_init failed");
    /* A missing or unreadable file is the same as one without this host:
     * the error below tells how to add it. */
    if (g_file_test(kh_path, G_FILE_TEST_EXISTS) &&
        libssh2_knownhost_readfile(kh, kh_path, LIBSSH2_KNOWNHOST_FILE_OPENSSH) < 0) {
        g_autofree char *msg = ssh_last_error(t->session);
        libssh2_knownhost_free(kh);
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "cannot read known hosts file '%s': %s", kh_path, msg);
    }
    r = libssh2_knownhost_checkp(kh, uri->host, port, key, keylen,
                                 LIBSSH2_KNOWNHOST_TYPE_PLAIN |
                                 LIBSSH2_KNOWNHOST_KEYENC_RAW |
                                 hostkey_knownhost_mask(type), NULL);
    libssh2_knownhost_free(kh);
    switch (r) {
    case LIBSSH2_KNOWNHOST_CHECK_MATCH:
        return 0;
    case LIBSSH2_KNOWNHOST_CHECK_MISMATCH:
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "the %s host key of %s has CHANGED: it is now %s, which "
                            "does not match '%s'. Someone may be intercepting the "
                            "connection. If the host was really reinstalled, remove "
                            "the old key with: ssh-keygen -R '%s' -f '%s'",
                            hostkey_type_name(type), hostspec, fp, kh_path,
                            hostspec, kh_path);
    case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND:
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "the %s host key of %s (%s) is not in '%s'. If that "
                            "fingerprint is the host's, accept it with: "
                            "ssh-keyscan -p %d -t %s %s >> '%s' (or add "
                            "known_hosts=FILE to the URI; no_verify=1 skips the "
                            "check and is unsafe)",
                            hostkey_type_name(type), hostspec, fp, kh_path, port,
                            hostkey_type_name(type), uri->host, kh_path);
    default:
        return cv_error_set(CV_ERR_HOST_KEY, CV_FROM_SSH,
                            "cannot check the host key of %s (%s) against '%s'",
                            hostspec, fp, kh_path);
    }
}

/* Asks the program's callback; the answer is g_malloc'd (or NULL). */
static char *
ask(const cv_rpc_auth *auth, int type, const char *prompt)
{
    char *ans, *copy;

    if (!auth || !auth->cb)
        return NULL;
    ans = auth->cb(type, prompt, auth->opaque);
    if (!ans)
        return NULL;
    copy = g_strdup(ans);
    memset(ans, 0, strlen(ans));
    free(ans);
    return copy;
}

static void
wipe_free(char *s)
{
    if (s) {
        memset(s, 0, strlen(s));
        g_free(s);
    }
}

static cv_rpc_ssh *kbd_current;   /* libssh2's kbd callback has no user data
                                   * pointer of ours; guarded by kbd_lock */
static GMutex kbd_lock;

static void
kbd_callback(const char *name, int name_len, const char *instruction,
             int instruction_len, int num_prompts,
             const LIBSSH2_USERAUTH_KBDINT_PROMPT *prompts,
             LIBSSH2_USERAUTH_KBDINT_RESPONSE *responses, void **abstract)
{
    for (int i = 0; i < num_prompts; i++) {
        g_autofree char *text = g_strndup((const char *)prompts[i].text,
                                          prompts[i].length);
        char *ans = ask(kbd_current->auth,
                        prompts[i].echo ? CV_CRED_PROMPT_ECHO : CV_CRED_PROMPT_NOECHO,
                        text);

        /* libssh2 frees responses with its allocator, which is malloc. */
        responses[i].text = ans ? strdup(ans) : NULL;
        responses[i].length = ans ? strlen(ans) : 0;
        wipe_free(ans);
    }
}

static gboolean
auth_agent(cv_rpc_ssh *t)
{
    LIBSSH2_AGENT *agent;
    struct libssh2_agent_publickey *id = NULL, *prev = NULL;
    gboolean ok = FALSE;

    if (!g_getenv("SSH_AUTH_SOCK"))
        return FALSE;
    agent = libssh2_agent_init(t->session);
    if (!agent)
        return FALSE;
    if (libssh2_agent_connect(agent) == 0 && libssh2_agent_list_identities(agent) == 0) {
        while (libssh2_agent_get_identity(agent, &id, prev) == 0) {
            if (libssh2_agent_userauth(agent, t->user, id) == 0) {
                ok = TRUE;
                break;
            }
            prev = id;
        }
        libssh2_agent_disconnect(agent);
    }
    libssh2_agent_free(agent);
    return ok;
}

static gboolean
auth_keyfile(cv_rpc_ssh *t, const char *keyfile, GString *why)
{
    g_autofree char *pub = g_strdup_printf("%s.pub", keyfile);
    const char *pubp = g_file_test(pub, G_FILE_TEST_EXISTS) ? pub : NULL;
    char *pass = NULL;
    int r;

    if (!g_file_test(keyfile, G_FILE_TEST_EXISTS)) {
        g_string_append_printf(why, "; key file '%s' does not exist", keyfile);
        return FALSE;
    }
    r = libssh2_userauth_publickey_fromfile(t->session, t->user, pubp, keyfile, NULL);
    if (r == 0)
        return TRUE;
    if (r == LIBSSH2_ERROR_FILE || r == LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED) {
        /* Encrypted key (or a wrong guess at no passphrase): ask. */
        g_autofree char *prompt = g_strdup_printf("Passphrase for key '%s':", keyfile);
        pass = ask(t->auth, CV_CRED_PASSPHRASE, prompt);
        if (pass) {
            r = libssh2_userauth_publickey_fromfile(t->session, t->user, pubp,
                                                    keyfile, pass);
            wipe_free(pass);
            if (r == 0)
                return TRUE;
        }
    }
    {
        g_autofree char *msg = ssh_last_error(t->session);
        g_string_append_printf(why, "; key '%s' refused: %s", keyfile, msg);
    }
    return FALSE;
}

static int
ssh_authenticate(cv_rpc_ssh *t, const cv_uri *uri)
{
    const char *keyfile = cv_uri_get_param(uri, "keyfile");
    const char *order = cv_uri_get_param(uri, "sshauth");
    g_auto(GStrv) methods = g_strsplit(order ? order : "agent,privkey,password,"
                                       "keyboard-interactive", ",", -1);
    g_autoptr(GString) why = g_string_new("");
    const char *offered;

    offered = libssh2_userauth_list(t->session, t->user, strlen(t->user));
    if (!offered) {
        if (libssh2_userauth_authenticated(t->session))
            return 0;
        offered = "";
    }
    for (char **m = methods; *m; m++) {
        if (g_str_equal(*m, "agent")) {
            if (strstr(offered, "publickey") && auth_agent(t))
                return 0;
        } else if (g_str_equal(*m, "privkey")) {
            if (!strstr(offered, "publickey"))
                continue;
            if (keyfile) {
                if (auth_keyfile(t, keyfile, why))
                    return 0;
            } else {
                static const char *const defaults[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
                for (guint i = 0; i < G_N_ELEMENTS(defaults); i++) {
                    g_autofree char *p = g_build_filename(g_get_home_dir(), ".ssh",
                                                          defaults[i], NULL);
                    g_autoptr(GString) ignored = g_string_new("");
                    if (g_file_test(p, G_FILE_TEST_EXISTS) && auth_keyfile(t, p, ignored))
                        return 0;
                }
            }
        } else if (g_str_equal(*m, "password")) {
            g_autofree char *prompt = NULL;
            char *pw;

            if (!strstr(offered, "password"))
                continue;
            prompt = g_strdup_printf("Password for %s@%s:", t->user, uri->host);
            pw = ask(t->auth, CV_CRED_PASSWORD, prompt);
            if (pw) {
                int r = libssh2_userauth_password(t->session, t->user, pw);
                wipe_free(pw);
                if (r == 0)
                    return 0;
                g_string_append(why, "; password refused");
            }
        } else if (g_str_equal(*m, "keyboard-interactive")) {
            int r;

            if (!strstr(offered, "keyboard-interactive") || !t->auth || !t->auth->cb)
                continue;
            g_mutex_lock(&kbd_lock);
            kbd_current = t;
            r = libssh2_userauth_keyboard_interactive(t->session, t->user, kbd_callback);
            kbd_current = NULL;
            g_mutex_unlock(&kbd_lock);
            if (r == 0)
                return 0;
            g_string_append(why, "; keyboard-interactive refused");
        } else {
            return cv_error_set(CV_ERR_INVALID_URI, CV_FROM_SSH,
                                "unknown method '%s' in sshauth= (use agent, privkey, "
                                "password, keyboard-interactive)", *m);
        }
    }
    return cv_error_set(CV_ERR_AUTH, CV_FROM_SSH,
                        "authentication as '%s' on %s failed (server offers: %s; "
                        "tried %s%s). Give a key with keyfile=PATH, run ssh-agent, "
                        "or answer password prompts with cv_connect_open_auth()",
                        t->user, uri->host, *offered ? offered : "none",
                        order ? order : "agent,privkey,password,keyboard-interactive",
                        why->str);
}

static void
io_fail(cv_rpc_ssh *t, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

static void
io_fail(cv_rpc_ssh *t, const char *fmt, ...)
{
    va_list ap;

    g_mutex_lock(&t->lock);
    if (!t->failure) {
        va_start(ap, fmt);
        t->failure = g_strdup_vprintf(fmt, ap);
        va_end(ap);
    }
    g_mutex_unlock(&t->lock);
}

/*
 * Keeps the last bytes cloudvirtd (or the shell: "command not found")
 * wrote to stderr, for the error when the session ends. Reading it also
 * keeps a chatty stderr from holding the channel's window. session_lock held.
 */
static void
keep_stderr(cv_rpc_ssh *t)
{
    char buf[512];
    ssize_t n;

    while ((n = libssh2_channel_read_stderr(t->channel, buf, sizeof(buf))) > 0) {
        g_string_append_len(t->err, buf, n);
        if (t->err->len > 1024)
            g_string_erase(t->err, 0, t->err->len - 1024);
    }
}

/* Wakes a reader sleeping in poll() so that it looks at libssh2 again. */
static void
wake_reader(cv_rpc_ssh *t)
{
    char c = 1;

    if (write(t->wake[1], &c, 1) < 0) {
        /* Full pipe: a wakeup is already pending, which is all we need. */
    }
}

static void
drain_wake(cv_rpc_ssh *t)
{
    char buf[64];

    while (read(t->wake[0], buf, sizeof(buf)) > 0)
        ;
}

/*
 * Waits for the socket in the directions libssh2 asked for, or a wakeup.
 * Returns FALSE once the transport is shut down or past @deadline.
 */
static gboolean
wait_socket(cv_rpc_ssh *t, int dirs, gboolean reader, gint64 deadline)
{
    struct pollfd pfd[2];
    int timeout = 1000;

    if (g_atomic_int_get(&t->closing))
        return FALSE;
    if (deadline) {
        gint64 left = deadline - g_get_monotonic_time();
        if (left <= 0)
            return FALSE;
        timeout = MIN(timeout, (int)(left / 1000) + 1);
    }
    pfd[0].fd = t->sock;
    pfd[0].events = 0;
    if (reader || (dirs & LIBSSH2_SESSION_BLOCK_INBOUND))
        pfd[0].events |= POLLIN;
    if (dirs & LIBSSH2_SESSION_BLOCK_OUTBOUND)
        pfd[0].events |= POLLOUT;
    if (!pfd[0].events)
        pfd[0].events = POLLIN;
    pfd[1].fd = reader ? t->wake[0] : -1;
    pfd[1].events = POLLIN;
    if (poll(pfd, 2, timeout) < 0 && errno != EINTR)
        return FALSE;
    if (reader && (pfd[1].revents & POLLIN))
        drain_wake(t);
    return !g_atomic_int_get(&t->closing);
}

static gssize
ssh_io_read(void *data, void *buf, gsize len)
{
    cv_rpc_ssh *t = data;

    for (;;) {
        ssize_t n;
        int dirs, eof;

        g_mutex_lock(&t->session_lock);
        n = libssh2_channel_read(t->channel, buf, len);
        eof = n == LIBSSH2_ERROR_EAGAIN || n == 0 ? libssh2_channel_eof(t->channel) : 0;
        if (n <= 0)
            keep_stderr(t);
        dirs = libssh2_session_block_directions(t->session);
        g_mutex_unlock(&t->session_lock);
        if (n > 0)
            return n;
        if (n == 0 || eof) {
            if (eof) {
                int status;

                g_mutex_lock(&t->session_lock);
                keep_stderr(t);
                status = libssh2_channel_get_exit_status(t->channel);
                g_mutex_unlock(&t->session_lock);
                g_strstrip(t->err->str);
                /* The exit status often arrives after the end of output:
                 * 0 here only means "not known yet". */
                if (status)
                    io_fail(t, "the remote command ended with exit status %d%s%s%s",
                            status, *t->err->str ? ": \"" : "", t->err->str,
                            *t->err->str ? "\"" : "");
                else
                    io_fail(t, "the remote command ended%s%s%s",
                            *t->err->str ? ": \"" : "", t->err->str,
                            *t->err->str ? "\"" : "");
                return 0;
            }
        } else if (n != LIBSSH2_ERROR_EAGAIN) {
            g_mutex_lock(&t->session_lock);
            {
                g_autofree char *msg = ssh_last_error(t->session);
                g_mutex_unlock(&t->session_lock);
                io_fail(t, "the SSH connection failed: %s", msg);
            }
            return -1;
        }
        if (!wait_socket(t, dirs, TRUE, 0)) {
            if (g_atomic_int_get(&t->closing))
                io_fail(t, "the connection was shut down");
            return -1;
        }
    }
}

static int
ssh_io_writev(void *data, const struct iovec *iov, int iovcnt, gint64 deadline)
{
    cv_rpc_ssh *t = data;
    struct iovec one;

    /* libssh2 has no writev: each piece would become its own SSH packet
     * (a 28-byte header packet before every data chunk). Gathering costs
     * one memcpy, far less than the extra packets. Callers serialize
     * writes, so one scratch buffer per transport will do. */
    if (iovcnt > 1) {
        gsize total = 0;

        for (int i = 0; i < iovcnt; i++)
            total += iov[i].iov_len;
        if (total > t->scratch_len) {
            g_free(t->scratch);
            t->scratch = g_malloc(total);
            t->scratch_len = total;
        }
        total = 0;
        for (int i = 0; i < iovcnt; i++) {
            memcpy(t->scratch + total, iov[i].iov_base, iov[i].iov_len);
            total += iov[i].iov_len;
        }
        one.iov_base = t->scratch;
        one.iov_len = total;
        iov = &one;
        iovcnt = 1;
    }
    for (int i = 0; i < iovcnt; i++) {
        const char *p = iov[i].iov_base;
        gsize left = iov[i].iov_len;

        while (left > 0) {
            ssize_t n;
            int dirs, pending;

            g_mutex_lock(&t->session_lock);
            n = libssh2_channel_write(t->channel, p, left);
            dirs = libssh2_session_block_directions(t->session);
            /* Writing makes libssh2 read whatever arrived first; if that
             * was data for us, the reader's poll() will not see it. */
            pending = libssh2_poll_channel_read(t->channel, 0);
            g_mutex_unlock(&t->session_lock);
            if (pending)
                wake_reader(t);
            if (n > 0) {
                p += n;
                left -= n;
                continue;
            }
            if (n != LIBSSH2_ERROR_EAGAIN) {
                g_mutex_lock(&t->session_lock);
                {
                    g_autofree char *msg = ssh_last_error(t->session);
                    g_mutex_unlock(&t->session_lock);
                    io_fail(t, "sending over SSH failed: %s", msg);
                }
                return -1;
            }
            if (!wait_socket(t, dirs, FALSE, deadline))
                return -1;
        }
    }
    return 0;
}

static void
ssh_io_shutdown(void *data)
{
    cv_rpc_ssh *t = data;

    g_atomic_int_set(&t->closing, 1);
    wake_reader(t);
}

static char *
ssh_io_why(void *data)
{
    cv_rpc_ssh *t = data;
    char *s;

    g_mutex_lock(&t->lock);
    s = g_strdup(t->failure);
    g_mutex_unlock(&t->lock);
    return s;
}

cv_rpc_io
cv_rpc_ssh_io(cv_rpc_ssh *t)
{
    cv_rpc_io io = { t, ssh_io_read, ssh_io_writev, ssh_io_shutdown, ssh_io_why };

    return io;
}

/* ---- plain sockets (tests) ---- */

static gssize
fd_io_read(void *data, void *buf, gsize len)
{
    ssize_t n;

    do {
        n = recv(GPOINTER_TO_INT(data), buf, len, 0);
    } while (n < 0 && errno == EINTR);
    return n;
}

static int
fd_io_writev(void *data, const struct iovec *iov, int iovcnt, gint64 deadline)
{
    for (int i = 0; i < iovcnt; i++) {
        g_autoptr(GBytes) b = g_bytes_new_static(iov[i].iov_base, iov[i].iov_len);
        if (cv_rpc_frame_write(GPOINTER_TO_INT(data), b) < 0) {
            cv_error_reset();
            return -1;
        }
    }
    return 0;
}

static void
fd_io_shutdown(void *data)
{
    shutdown(GPOINTER_TO_INT(data), SHUT_RDWR);
}

static char *
fd_io_why(void *data)
{
    return NULL;
}

cv_rpc_io
cv_rpc_fd_io(int fd)
{
    cv_rpc_io io = { GINT_TO_POINTER(fd), fd_io_read, fd_io_writev, fd_io_shutdown,
                     fd_io_why };

    return io;
}

static void
ssh_free(cv_rpc_ssh *t)
{
    /* In non-blocking mode these give up with EAGAIN and free nothing.
     * Blocking, but with a short timeout: a dead or stopped peer costs at
     * most that long, and the memory is released either way. */
    if (t->session) {
        libssh2_session_set_timeout(t->session, 1000);
        libssh2_session_set_blocking(t->session, 1);
    }
    if (t->channel)
        libssh2_channel_free(t->channel);
    if (t->session) {
        libssh2_session_disconnect(t->session, "cloudvirt closing");
        libssh2_session_free(t->session);
    }
    if (t->tcp)
        g_object_unref(t->tcp);
    if (t->wake[0] >= 0)
        close(t->wake[0]);
    if (t->wake[1] >= 0)
        close(t->wake[1]);
    g_free(t->failure);
    g_free(t->scratch);
    g_string_free(t->err, TRUE);
    g_mutex_clear(&t->session_lock);
    g_mutex_clear(&t->lock);
    g_free(t);
}

cv_rpc_ssh *
cv_rpc_ssh_open(const cv_uri *uri, const char *command, const cv_rpc_auth *auth)
{
    static GOnce once = G_ONCE_INIT;
    g_autoptr(GSocketClient) sc = NULL;
    g_autoptr(GError) gerr = NULL;
    cv_rpc_ssh *t;
    int port = uri->port > 0 ? uri->port : 22;
    int one = 1;

    g_once(&once, ssh_global_init, NULL);
    if (!uri->host || !*uri->host) {
        cv_error_set(CV_ERR_INVALID_URI, CV_FROM_SSH,
                     "a remote URI needs a host: DRIVER+ssh://[user@]host[:port]/path");
        return NULL;
    }
    t = g_new0(cv_rpc_ssh, 1);
    g_mutex_init(&t->lock);
    g_mutex_init(&t->session_lock);
    t->wake[0] = t->wake[1] = -1;
    t->err = g_string_new(NULL);
    t->auth = auth;
    t->user = uri->user ? uri->user : g_get_user_name();

    sc = g_socket_client_new();
    g_socket_client_set_timeout(sc, 30);
    t->tcp = g_socket_client_connect_to_host(sc, uri->host, port, NULL, &gerr);
    if (!t->tcp) {
        cv_error_set_gerror(CV_ERR_SYSTEM, CV_FROM_SSH, gerr,
                            "cannot connect to %s port %d", uri->host, port);
        goto fail;
    }
    t->sock = g_socket_get_fd(g_socket_connection_get_socket(t->tcp));
    setsockopt(t->sock, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    /* GIO made it non-blocking; libssh2's blocking mode wants it blocking. */
    fcntl(t->sock, F_SETFL, fcntl(t->sock, F_GETFL) & ~O_NONBLOCK);

    t->session = libssh2_session_init();
    if (!t->session) {
        cv_error_set(CV_ERR_NO_MEMORY, CV_FROM_SSH, "libssh2_session_init failed");
        goto fail;
    }
    libssh2_session_set_blocking(t->session, 1);
    libssh2_session_set_timeout(t->session, 30000);
    if (libssh2_session_handshake(t->session, t->sock) != 0) {
        g_autofree char *msg = ssh_last_error(t->session);
        cv_error_set(CV_ERR_RPC, CV_FROM_SSH, "SSH handshake with %s port %d failed: %s",
                     uri->host, port, msg);
        goto fail;
    }
    if (ssh_check_host_key(t, uri, port) < 0)
        goto fail;
    if (ssh_authenticate(t, uri) < 0)
        goto fail;
    t->channel = libssh2_channel_open_session(t->session);
    if (!t->channel) {
        g_autofree char *msg = ssh_last_error(t->session);
        cv_error_set(CV_ERR_RPC, CV_FROM_SSH, "cannot open an SSH channel on %s: %s",
                     uri->host, msg);
        goto fail;
    }
    if (libssh2_channel_exec(t->channel, command) != 0) {
        g_autofree char *msg = ssh_last_error(t->session);
        cv_error_set(CV_ERR_RPC, CV_FROM_SSH, "cannot run '%s' on %s: %s",
                     command, uri->host, msg);
        goto fail;
    }

    if (pipe(t->wake) < 0) {
        cv_error_set_errno(CV_ERR_SYSTEM, CV_FROM_SSH, errno, "pipe failed");
        goto fail;
    }
    for (int i = 0; i < 2; i++) {
        fcntl(t->wake[i], F_SETFL, fcntl(t->wake[i], F_GETFL) | O_NONBLOCK);
        fcntl(t->wake[i], F_SETFD, FD_CLOEXEC);
    }
    fcntl(t->sock, F_SETFL, fcntl(t->sock, F_GETFL) | O_NONBLOCK);
    libssh2_session_set_blocking(t->session, 0);
    t->auth = NULL;
    return t;

fail:
    ssh_free(t);
    return NULL;
}

void
cv_rpc_ssh_close(cv_rpc_ssh *t)
{
    if (!t)
        return;
    if (t->channel) {
        /* Best effort, never blocking: the peer may be gone or stopped. */
        libssh2_channel_send_eof(t->channel);
        libssh2_channel_close(t->channel);
    }
    ssh_free(t);
}
